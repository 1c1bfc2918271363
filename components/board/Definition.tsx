import type { Definition as Def } from '@/lib/text/definitions';

/** "What is this?" one click away: the formula in words, the window, what counts and what does not. */
export function Definition({ of, label, window }: { of: Def; label: string; window: React.ReactNode }) {
  return (
    <details className="group relative text-xs text-slate-800">
      <summary className="cursor-pointer list-none text-blue-800 underline underline-offset-2 hover:text-blue-950">
        <span aria-hidden="true">ⓘ </span>What is {label.toLowerCase()}?
      </summary>
      <div className="absolute left-0 z-20 mt-1 w-80 max-w-[85vw] space-y-1 rounded border border-slate-300 bg-white p-3 shadow-lg">
        <p>{of.formula}</p>
        <p>
          <strong>Window:</strong> {window}
        </p>
        <p>
          <strong>Counts:</strong> {of.includes}
        </p>
        <p>
          <strong>Leaves out:</strong> {of.excludes}
        </p>
      </div>
    </details>
  );
}
