import { cookies } from 'next/headers';
import { redirect } from 'next/navigation';
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

/** Pages call this first: sign-in when nobody is, the user's home when the view is not theirs. */
export async function requireView(view: ViewKey): Promise<Principal> {
  const p = await currentUser();
  if (!p) redirect('/signin');
  const v = VIEWS.find((x) => x.key === view)!;
  if (!(v.roles as readonly string[]).includes(p.role)) redirect(homeOf(p.role));
  return p;
}
