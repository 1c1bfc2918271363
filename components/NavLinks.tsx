'use client';
import Link from 'next/link';
import { usePathname } from 'next/navigation';

/** The role's views; the one shown now is marked (aria-current), for sight and screen readers alike. */
export function NavLinks({
  views,
  label = 'Views',
  exact = false,
}: {
  views: { key: string; href: string; label: string }[];
  label?: string;
  /** Only the page itself is current, not the pages below it (a section's own tabs). */
  exact?: boolean;
}) {
  const path = usePathname();
  return (
    <nav aria-label={label} className="flex flex-wrap gap-1">
      {views.map((v) => {
        const current = v.href === '/' || exact ? path === v.href : path === v.href || path.startsWith(`${v.href}/`);
        return (
          <Link
            key={v.key}
            href={v.href}
            aria-current={current ? 'page' : undefined}
            className={`rounded px-2 py-1 text-sm hover:bg-slate-100 ${current ? 'bg-slate-100 font-semibold text-slate-900 underline decoration-2 underline-offset-4' : 'text-slate-800'}`}
          >
            {v.label}
          </Link>
        );
      })}
    </nav>
  );
}
