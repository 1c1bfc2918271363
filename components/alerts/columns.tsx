'use client';
import type { Alert } from '@/lib/alerts/types';
import type { Column } from '../table/DataTable';
import { Badge } from '../ui';

const tone = (s: Alert['severity']) => (s === 'critical' ? 'critical' : s === 'warning' ? 'warning' : 'info');

/** The columns every alert table shows: severity, title and detail (the Alerts view and the console). */
export const ALERT_BASE_COLUMNS: Column<Alert>[] = [
  {
    accessorKey: 'severity',
    header: 'Severity',
    cell: (c) => <Badge tone={tone(c.row.original.severity)}>{c.row.original.severity}</Badge>,
  },
  { accessorKey: 'title', header: 'Alert', cell: (c) => <span className="font-medium">{c.row.original.title}</span> },
  { accessorKey: 'detail', header: 'Detail' },
];
