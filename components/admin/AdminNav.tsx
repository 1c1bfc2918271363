import { NavLinks } from '../NavLinks';

const PAGES = [
  { key: 'health', href: '/admin', label: 'System health' },
  { key: 'users', href: '/admin/users', label: 'Users and tokens' },
  { key: 'audit', href: '/admin/audit', label: 'Audit log' },
  { key: 'dead-letters', href: '/admin/dead-letters', label: 'Dead letters' },
  { key: 'notifications', href: '/admin/notifications', label: 'Notifications' },
  { key: 'simulator', href: '/admin/simulator', label: 'Simulator' },
];

/** The admin area's pages, the current one marked. */
export function AdminNav() {
  return (
    <div className="mb-4 border-b border-slate-200 pb-2">
      <NavLinks views={PAGES} label="Admin pages" exact />
    </div>
  );
}
