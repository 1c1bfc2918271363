'use client';
import { Field } from '../form';
import { useRouter } from 'next/navigation';
import { useId, useState } from 'react';
import type { User } from '@/lib/auth/users';
import { ROLE_LABELS } from '@/lib/auth/views';
import { apiFetch, useSession } from '../session';
import { ConfirmDialog, type Confirm } from '../ConfirmDialog';
import { DataTable, type Column } from '../table/DataTable';
import { actionsColumn } from '../table/cells';
import { Badge, Card, StatusLine } from '../ui';

type Draft = { username: string; role: string; warehouses: string[]; disabled: boolean };
type Token = { name: string; role: string; warehouses: string[] };
const button = 'rounded border border-slate-300 px-2 py-0.5 text-xs hover:bg-slate-50';
const primary = 'rounded bg-blue-700 px-3 py-1 text-sm font-medium text-white hover:bg-blue-800';

/**
 * Users: add one, change role, warehouses or disabled, reset a password (shown once). Every change
 * goes through /api/users and is audited there; the page re-reads the list after each.
 */
export function UserAdmin(p: { me: string; users: User[]; roles: string[]; warehouses: string[]; tokens: Token[] }) {
  const { csrf } = useSession();
  const router = useRouter();
  const [editing, setEditing] = useState<Draft | null>(null);
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);
  const send = async (url: string, method: string, body: unknown, done: (b: Record<string, unknown>) => string) => {
    const r = await apiFetch<Record<string, unknown> & { message?: string }>(csrf, url, {
      method,
      body: JSON.stringify(body),
    });
    setMessage(r.ok ? { ok: true, text: done(r.body) } : { ok: false, text: r.body.message ?? `failed (${r.status})` });
    if (r.ok) router.refresh();
    return r.ok;
  };
  const save = async (d: Draft, isNew: boolean, password: string) => {
    const ok = isNew
      ? await send('/api/users', 'POST', { ...d, ...(password ? { password } : {}) }, (b) =>
          b.password
            ? `Added ${d.username}. Their password (shown once): ${String(b.password)}`
            : `Added ${d.username}.`,
        )
      : await send(
          `/api/users/${encodeURIComponent(d.username)}`,
          'PATCH',
          { role: d.role, warehouses: d.warehouses, disabled: d.disabled },
          () => `Saved ${d.username}.`,
        );
    if (ok) setEditing(null);
  };
  const [confirm, setConfirm] = useState<Confirm | null>(null);
  const reset = (u: User) =>
    setConfirm({
      title: `Reset the password of ${u.username}?`,
      body: 'A new password is generated and shown once here; their open sessions end now.',
      confirm: 'Reset password',
      onConfirm: () =>
        void send(
          `/api/users/${encodeURIComponent(u.username)}`,
          'PATCH',
          { reset_password: true },
          (b) => `New password for ${u.username} (shown once): ${String(b.password)}`,
        ),
    });
  const columns: Column<User>[] = [
    { accessorKey: 'username', header: 'User' },
    { accessorKey: 'role', header: 'Role', cell: (c) => ROLE_LABELS[c.row.original.role] },
    { id: 'warehouses', header: 'Warehouses', accessorFn: (u) => u.warehouses.join(', ') || '—' },
    {
      id: 'status',
      header: 'Status',
      accessorFn: (u) => (u.disabled ? 'disabled' : 'active'),
      cell: (c) => <Badge tone={c.row.original.disabled ? 'warning' : 'good'}>{String(c.getValue())}</Badge>,
    },
    actionsColumn((u) => {
      return (
        <span className="flex flex-wrap gap-1">
          <button type="button" className={button} onClick={() => setEditing({ ...u })}>
            Edit {u.username}
          </button>
          <button type="button" className={button} onClick={() => reset(u)}>
            Reset password
          </button>
        </span>
      );
    }),
  ];
  return (
    <div className="space-y-4">
      <ConfirmDialog open={confirm} onClose={() => setConfirm(null)} />
      <StatusLine message={message} />
      <Card
        title="Users"
        actions={
          <button
            type="button"
            className={primary}
            onClick={() => setEditing({ username: '', role: 'support', warehouses: [], disabled: false })}
          >
            Add user
          </button>
        }
      >
        <DataTable rows={p.users} columns={columns} label="Users" filename="users" rowKey={(u) => u.username} />
      </Card>
      {editing && (
        <UserForm
          key={editing.username || 'new'}
          draft={editing}
          isNew={editing.username === ''}
          self={editing.username === p.me}
          roles={p.roles}
          warehouses={p.warehouses}
          onSave={save}
          onCancel={() => setEditing(null)}
        />
      )}
      <Card title="API tokens">
        <p className="mb-2 text-sm text-slate-700">
          Set with OPS_API_TOKENS at start-up; their secrets are never shown. Every call made with one is audited under
          its name.
        </p>
        <ul className="text-sm">
          {p.tokens.map((t) => (
            <li key={t.name}>
              <strong>{t.name}</strong> — {ROLE_LABELS[t.role as keyof typeof ROLE_LABELS] ?? t.role}
              {t.warehouses.length ? ` (${t.warehouses.join(', ')})` : ''}
            </li>
          ))}
          {p.tokens.length === 0 && <li>No API tokens are configured.</li>}
        </ul>
      </Card>
    </div>
  );
}

function UserForm(p: {
  draft: Draft;
  isNew: boolean;
  self: boolean;
  roles: string[];
  warehouses: string[];
  onSave(d: Draft, isNew: boolean, password: string): void;
  onCancel(): void;
}) {
  const [d, setD] = useState(p.draft);
  const [password, setPassword] = useState('');
  const id = useId();
  return (
    <Card title={p.isNew ? 'Add a user' : `Edit ${p.draft.username}`}>
      <form
        className="grid max-w-xl grid-cols-1 gap-3 text-sm"
        onSubmit={(e) => {
          e.preventDefault();
          p.onSave(d, p.isNew, password);
        }}
      >
        {p.isNew && (
          <Field label="Username">
            <input
              required
              pattern="[a-z0-9._\-]{2,64}"
              className="rounded border border-slate-300 px-2 py-1"
              value={d.username}
              onChange={(e) => setD({ ...d, username: e.target.value })}
            />
          </Field>
        )}
        <Field label="Role">
          <select
            className="rounded border border-slate-300 px-2 py-1"
            value={d.role}
            disabled={p.self}
            onChange={(e) => setD({ ...d, role: e.target.value })}
          >
            {p.roles.map((r) => (
              <option key={r} value={r}>
                {ROLE_LABELS[r as keyof typeof ROLE_LABELS] ?? r}
              </option>
            ))}
          </select>
        </Field>
        {d.role === 'warehouse_manager' && (
          <fieldset className="flex flex-wrap gap-3" aria-describedby={`${id}-wh`}>
            <legend id={`${id}-wh`}>Warehouses (at least one)</legend>
            {p.warehouses.map((w) => (
              <label key={w} className="flex items-center gap-1">
                <input
                  type="checkbox"
                  checked={d.warehouses.includes(w)}
                  onChange={(e) =>
                    setD({
                      ...d,
                      warehouses: e.target.checked ? [...d.warehouses, w] : d.warehouses.filter((x) => x !== w),
                    })
                  }
                />
                {w}
              </label>
            ))}
          </fieldset>
        )}
        {!p.isNew && !p.self && (
          <label className="flex items-center gap-2">
            <input type="checkbox" checked={d.disabled} onChange={(e) => setD({ ...d, disabled: e.target.checked })} />
            Disabled (cannot sign in; open sessions end now)
          </label>
        )}
        {p.isNew && (
          <Field label="Password (leave empty for a generated one, shown once)">
            <input
              type="password"
              minLength={12}
              autoComplete="new-password"
              className="rounded border border-slate-300 px-2 py-1"
              value={password}
              onChange={(e) => setPassword(e.target.value)}
            />
          </Field>
        )}
        <div className="flex gap-2">
          <button type="submit" className={primary}>
            {p.isNew ? 'Add user' : 'Save'}
          </button>
          <button type="button" className={button} onClick={p.onCancel}>
            Cancel
          </button>
        </div>
      </form>
    </Card>
  );
}
