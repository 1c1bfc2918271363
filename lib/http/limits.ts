/** Nesting and string sizes no SPEC event or action comes near; anything beyond is hostile or broken. */
export const SHAPE_LIMITS = { maxDepth: 16, maxString: 64 * 1024 };
/** Past this, a document is refused whole before parsing (per-value limits above apply to the rest). */
export const MAX_TEXT_NESTING = 256;

/** Why a parsed value is refused (too deep, a string too long), or null. Iterative: no stack to overflow. */
export function shapeProblem(value: unknown, limits = SHAPE_LIMITS): string | null {
  const stack: [unknown, number, string][] = [[value, 0, '$']];
  while (stack.length > 0) {
    const [v, depth, path] = stack.pop()!;
    if (typeof v === 'string') {
      if (v.length > limits.maxString) return `${path}: string of ${v.length} characters (at most ${limits.maxString})`;
    } else if (v !== null && typeof v === 'object') {
      if (depth >= limits.maxDepth) return `${path}: nested deeper than ${limits.maxDepth} levels`;
      for (const [k, child] of Object.entries(v)) {
        if (k.length > limits.maxString) return `${path}: a key of ${k.length} characters`;
        stack.push([child, depth + 1, Array.isArray(v) ? `${path}[${k}]` : `${path}.${k}`]);
      }
    }
  }
  return null;
}

/**
 * How deep brackets nest in JSON text, stopping early past `limit`. Run before JSON.parse: a body of
 * 40,000 `[` parses, but walking the result (or locating an error in it) would overflow the stack.
 */
export function textNestingExceeds(text: string, limit: number): boolean {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 92)
        i++; // backslash: skip the escaped character
      else if (c === 34) inString = false;
    } else if (c === 34) inString = true;
    else if (c === 91 || c === 123) {
      if (++depth > limit) return true;
    } else if (c === 93 || c === 125) depth--;
  }
  return false;
}
