import Link from 'next/link';

export function Card({
  title,
  actions,
  children,
  className = '',
}: {
  title?: React.ReactNode;
  actions?: React.ReactNode;
  children: React.ReactNode;
  className?: string;
}) {
  return (
    <section className={`rounded-lg border border-slate-200 bg-white p-4 shadow-sm ${className}`}>
      {(title || actions) && (
        <div className="mb-3 flex flex-wrap items-center justify-between gap-2">
          {title && <h2 className="text-base font-semibold text-slate-900">{title}</h2>}
          {actions}
        </div>
      )}
      {children}
    </section>
  );
}

const BADGE = {
  neutral: 'bg-slate-100 text-slate-800',
  good: 'bg-emerald-100 text-emerald-900',
  warning: 'bg-amber-100 text-amber-900',
  critical: 'bg-red-100 text-red-900',
  info: 'bg-sky-100 text-sky-900',
};
export function Badge({ tone = 'neutral', children }: { tone?: keyof typeof BADGE; children: React.ReactNode }) {
  return (
    <span className={`inline-flex items-center rounded px-2 py-0.5 text-xs font-medium ${BADGE[tone]}`}>
      {children}
    </span>
  );
}

export function EmptyState({ children }: { children: React.ReactNode }) {
  return (
    <p className="rounded border border-dashed border-slate-300 p-6 text-center text-sm text-slate-600">{children}</p>
  );
}

export function ErrorState({ message, retry }: { message: string; retry?: React.ReactNode }) {
  return (
    <div role="alert" className="rounded border border-red-200 bg-red-50 p-4 text-sm text-red-900">
      <p className="font-medium">Something went wrong</p>
      <p className="mt-1">{message}</p>
      {retry}
    </div>
  );
}

export function PageHeader({ title, children }: { title: string; children?: React.ReactNode }) {
  return (
    <div className="mb-4 flex flex-wrap items-end justify-between gap-3">
      <h1 className="text-2xl font-semibold text-slate-900">{title}</h1>
      {children}
    </div>
  );
}

export function Skeleton({ className = 'h-24' }: { className?: string }) {
  return <div className={`animate-pulse rounded-lg bg-slate-200 ${className}`} aria-hidden="true" />;
}

export function LoadingPage({ label }: { label: string }) {
  return (
    <div aria-busy="true" aria-label={label}>
      <p className="sr-only">{label}</p>
      <Skeleton className="mb-4 h-8 w-64" />
      <div className="grid grid-cols-1 gap-4 md:grid-cols-3">
        <Skeleton />
        <Skeleton />
        <Skeleton />
      </div>
      <Skeleton className="mt-4 h-64" />
    </div>
  );
}

export const linkClass = 'text-blue-800 underline underline-offset-2 hover:text-blue-950';
export function A({ href, children }: { href: string; children: React.ReactNode }) {
  return (
    <Link href={href} className={linkClass}>
      {children}
    </Link>
  );
}

/**
 * The outcome of the last thing done on the page ("Assign to sam: done", "Added nina."), announced
 * to screen readers; always in the DOM (empty and invisible until there is one) so it is heard.
 */
export function StatusLine({ message }: { message: { ok: boolean; text: string } | null }) {
  return (
    <p role="status" className={message ? `text-sm ${message.ok ? 'text-emerald-800' : 'text-red-800'}` : 'sr-only'}>
      {message?.text ?? ''}
    </p>
  );
}
