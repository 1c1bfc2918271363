import { cookies, headers } from 'next/headers';
import { forbidden, redirect } from 'next/navigation';
import { REQUEST_PATH_HEADER } from '../http/client';
import { getRuntime } from '../runtime';
import { authenticate, SESSION_COOKIE } from './authenticate';
import type { Principal } from './principal';
import { homeOf, VIEWS, type ViewKey } from './views';

/** The signed-in user of a page request, or null. */
export async function currentUser(): Promise<Principal | null> {
  const token = (await cookies()).get(SESSION_COOKIE)?.value;
  if (!token) return null;
  return authenticate(getRuntime(), { cookie: `${SESSION_COOKIE}=${encodeURIComponent(token)}` });
}

/** The page's path and query as the browser asked for it (without Next's own `_rsc` marker). */
export async function requestedPath(): Promise<string> {
  const url = new URL((await headers()).get(REQUEST_PATH_HEADER) ?? '/', 'http://ops.invalid');
  url.searchParams.delete('_rsc');
  return `${url.pathname}${url.search}`;
}

/**
 * Pages call this first. Nobody signed in: sign in, then come back to this very link. A view that
 * is not the user's role: a page that says so and lists theirs (forbidden() and app/forbidden.tsx;
 * the status stays 200 once the loading shell has streamed), except the root, which means "home"
 * and sends each role to its own first view.
 */
export async function requireView(view: ViewKey): Promise<Principal> {
  const p = await requireUser();
  const v = VIEWS.find((x) => x.key === view)!;
  if (!(v.roles as readonly string[]).includes(p.role)) {
    // Only the board lives at the root; any other path here is a deep link to a view not theirs.
    if (v.href === '/') redirect(homeOf(p.role));
    forbidden();
  }
  return p;
}

/** A page for any signed-in user (their account): nobody signed in signs in and comes back. */
export async function requireUser(): Promise<Principal> {
  const p = await currentUser();
  if (!p) redirect(`/signin?next=${encodeURIComponent(await requestedPath())}`);
  return p;
}
