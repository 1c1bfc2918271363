/** The input style of the app's forms (admin, account). */
export const inputClass = 'rounded border border-slate-300 px-2 py-1';

/** A labelled form field: its label above the control it wraps. */
export function Field({ label, children }: { label: React.ReactNode; children: React.ReactNode }) {
  return (
    <label className="flex flex-col gap-1">
      {label}
      {children}
    </label>
  );
}

/** A select of `options` (a value, or a value and its label), with an empty first choice named `none`. */
export function Choice({
  value,
  onChange,
  options,
  none = 'none',
  id,
  className = inputClass,
}: {
  value: string;
  onChange(value: string): void;
  options: (string | { value: string; label: string })[];
  none?: string;
  id?: string;
  className?: string;
}) {
  return (
    <select id={id} className={className} value={value} onChange={(e) => onChange(e.target.value)}>
      <option value="">{none}</option>
      {options.map((o) =>
        typeof o === 'string' ? (
          <option key={o}>{o}</option>
        ) : (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ),
      )}
    </select>
  );
}

/** A form whose submit runs `onSubmit` in the page (no navigation); a promise it returns is not awaited. */
export function Form({
  onSubmit,
  className,
  children,
}: {
  onSubmit(): unknown;
  className?: string;
  children: React.ReactNode;
}) {
  return (
    <form
      className={className}
      onSubmit={(e) => {
        e.preventDefault();
        void onSubmit();
      }}
    >
      {children}
    </form>
  );
}
