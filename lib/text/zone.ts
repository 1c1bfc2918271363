/** The cookie holding the user's chosen time zone for the UI (absent: the browser's). */
export const UI_ZONE_COOKIE = 'ops_tz';

/** A zone the runtime knows (the cookie's value, URI-encoded or not), or undefined. */
export function validZone(z: string | undefined): string | undefined {
  if (!z) return undefined;
  try {
    const zone = decodeURIComponent(z);
    new Intl.DateTimeFormat('en-US', { timeZone: zone });
    return zone;
  } catch {
    return undefined;
  }
}
