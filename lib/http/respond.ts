import type { z } from 'zod';

/** SPEC section 6 error shape: `{ "error": { "code", "message", "details?" } }`. */
export function apiError(status: number, code: string, message: string, details?: unknown): Response {
  return Response.json(
    { error: { code, message, ...(details === undefined ? {} : { details }) } },
    { status, headers: { 'cache-control': 'no-store' } },
  );
}

export const json = (body: unknown, status = 200) =>
  Response.json(body, { status, headers: { 'cache-control': 'no-store' } });

/** Parses a query string with a zod schema; a 400 names each bad parameter. */
export function parseQuery<S extends z.ZodType>(
  schema: S,
  url: string,
): { ok: true; value: z.infer<S> } | { ok: false; response: Response } {
  const params = Object.fromEntries(new URL(url).searchParams);
  const r = schema.safeParse(params);
  if (r.success) return { ok: true, value: r.data };
  const details = r.error.issues.map((i) => ({ param: i.path.join('.') || '(query)', message: i.message }));
  return {
    ok: false,
    response: apiError(400, 'invalid_query', details.map((d) => `${d.param}: ${d.message}`).join('; '), details),
  };
}
