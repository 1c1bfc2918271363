import Link from 'next/link';
import { currentUser, requestedPath } from '@/lib/auth/page';
import { ROLE_LABELS, VIEWS, viewsFor } from '@/lib/auth/views';

/** A view the signed-in role may not open: say so, and offer the views it has (403). */
export default async function Forbidden() {
  const p = await currentUser();
  const path = (await requestedPath()).split('?')[0];
  const asked = VIEWS.find((v) => (v.href === '/' ? path === '/' : path.startsWith(v.href)));
  const mine = p ? viewsFor(p.role) : [];
  return (
    <section className="mx-auto mt-10 max-w-xl">
      <h1 className="mb-3 text-2xl font-semibold text-slate-900">Not part of your role</h1>
      <p className="mb-4 text-slate-800">
        {asked ? asked.label : 'This page'} is not available to {p ? `the ${ROLE_LABELS[p.role]} role` : 'you'}. Ask an
        administrator if your work needs it.
      </p>
      {mine.length > 0 && (
        <>
          <h2 className="mb-2 font-medium text-slate-900">Your views</h2>
          <ul className="list-inside list-disc">
            {mine.map((v) => (
              <li key={v.key}>
                <Link href={v.href} className="text-blue-800 underline">
                  {v.label}
                </Link>
              </li>
            ))}
          </ul>
        </>
      )}
    </section>
  );
}
