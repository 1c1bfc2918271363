import type { z } from 'zod';
import { apiError } from './respond';
import { jsonErrorAt } from './jsonError';
import { MAX_TEXT_NESTING, shapeProblem, textNestingExceeds } from './limits';
import { firstInvalidUtf8 } from './utf8';

/** Actions, sign-in, users, knobs: a few hundred bytes in practice. */
export const SMALL_BODY_BYTES = 64 * 1024;

class PayloadTooLarge extends Error {
  constructor(public readonly maxBytes: number) {
    super(`request body is larger than ${maxBytes} bytes`);
  }
}

/**
 * The body as text, refusing more than `maxBytes`: a declared Content-Length over the limit is
 * refused before reading, and a streamed body is cut off as soon as it passes it, so a huge upload
 * never sits in memory.
 */
async function readBytes(req: Request, maxBytes: number): Promise<Buffer> {
  const declared = Number(req.headers.get('content-length'));
  if (Number.isFinite(declared) && declared > maxBytes) throw new PayloadTooLarge(maxBytes);
  if (!req.body) return Buffer.alloc(0);
  const reader = req.body.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.byteLength;
    if (total > maxBytes) {
      await reader.cancel().catch(() => undefined);
      throw new PayloadTooLarge(maxBytes);
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks);
}

/** The body's bytes (decoded by whoever knows what a bad byte means), or the 413 to answer when it is over `maxBytes`. */
export async function readBody(req: Request, maxBytes: number): Promise<{ bytes: Buffer } | { response: Response }> {
  try {
    return { bytes: await readBytes(req, maxBytes) };
  } catch (err) {
    if (err instanceof PayloadTooLarge)
      return { response: apiError(413, 'payload_too_large', err.message, { max_bytes: err.maxBytes }) };
    throw err;
  }
}

/** A small JSON body (actions, sign-in, users): 413 over `maxBytes`, 400 naming where it broke or what is too big. */
export async function readJson(req: Request, maxBytes: number): Promise<{ value: unknown } | { response: Response }> {
  const body = await readBody(req, maxBytes);
  if ('response' in body) return body;
  const bad = firstInvalidUtf8(body.bytes);
  if (bad >= 0)
    return {
      response: apiError(400, 'malformed_body', `request body is not valid UTF-8 (byte ${bad})`, { byte: bad }),
    };
  const text = body.bytes.toString('utf8');
  if (textNestingExceeds(text, MAX_TEXT_NESTING))
    return { response: apiError(400, 'body_too_complex', `JSON nested deeper than ${MAX_TEXT_NESTING} levels`) };
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (err) {
    const at = jsonErrorAt(text);
    return {
      response: apiError(
        400,
        'malformed_body',
        `malformed JSON${at ? ` at line ${at.line}, column ${at.column} (${at.problem})` : ''}: ${(err as Error).message}`,
        at,
      ),
    };
  }
  const problem = shapeProblem(value);
  return problem ? { response: apiError(400, 'body_too_complex', problem) } : { value };
}

/** A small JSON body checked against a zod schema: the value, or a 400 naming each bad field. */
export async function parseBody<S extends z.ZodType>(
  req: Request,
  schema: S,
  maxBytes = SMALL_BODY_BYTES,
): Promise<{ value: z.infer<S> } | { response: Response }> {
  const raw = await readJson(req, maxBytes);
  if ('response' in raw) return raw;
  const r = schema.safeParse(raw.value);
  if (r.success) return { value: r.data };
  const details = r.error.issues.map((i) => ({ field: i.path.join('.') || '(body)', message: i.message }));
  return {
    response: apiError(400, 'invalid_body', details.map((d) => `${d.field}: ${d.message}`).join('; '), details),
  };
}
