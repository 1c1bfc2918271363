import type { Alert } from '../alerts/types';
import { boardFigures, largestMovers, type BoardFigure } from '../boardFigures';
import { categoryLabel } from '../events/categories';
import { getKpiTrendBase, type KpiOptions, type KpiTrendBase } from '../kpis';
import { ALL_WAREHOUSES } from '../auth/scope';
import { listAlerts } from '../queries/listAlerts';
import type { Store } from '../store/client';
import type { Digest, NotifyConfig } from './config';
import { routeAlert } from './route';
import type { DigestNotice } from './render';

/** The executives' daily digest: the board's last day against the day before, and what needs them. */
export interface DigestContent {
  /** The local date it is for (YYYY-MM-DD in its zone). */
  day: string;
  timeZone: string;
  figures: BoardFigure[];
  /** Keys of the three largest movers, largest first. */
  movers: string[];
  /** Open exceptions past their SLA, by category. */
  breached: { category: string; label: string; count: number; oldest_age_minutes: number | null }[];
  /** Alerts of the day routed to the digest rather than sent at once. */
  held: Pick<Alert, 'title' | 'severity' | 'created_at'>[];
}

const DAY_MS = 24 * 3_600_000;

/** The digest for `day`, as of `now`: the last 24 h against the 24 h before, and its board link. */
export async function digestNotice(
  store: Store,
  cfg: NotifyConfig,
  d: Digest,
  day: string,
  now: number,
  kpi: KpiOptions,
  publicUrl: string,
): Promise<DigestNotice> {
  const to = new Date(now);
  const from = new Date(now - DAY_MS);
  const all = { scope: ALL_WAREHOUSES };
  const [current, previous, recent] = await Promise.all([
    getKpiTrendBase(store, { ...all, from, to }, { ...kpi, now: to }),
    getKpiTrendBase(store, { ...all, from: new Date(now - 2 * DAY_MS), to: from }, { ...kpi, now: from }),
    listAlerts(store, { since: from.getTime() * 1000, limit: 5000 }),
  ]);
  // The day's alerts that routes keep for the digest rather than send at once.
  const held = recent
    .filter((a) => Date.parse(a.created_at) >= from.getTime() && routeAlert(cfg, a).digest.length > 0)
    .map((a) => ({ title: a.title, severity: a.severity, created_at: a.created_at }));
  const q = `from=${encodeURIComponent(from.toISOString())}&to=${encodeURIComponent(to.toISOString())}`;
  return {
    kind: 'digest',
    digest: buildDigest(day, d.timeZone, current, previous, held),
    link: `${publicUrl.replace(/\/$/, '')}/?${q}`,
  };
}

export function buildDigest(
  day: string,
  timeZone: string,
  current: KpiTrendBase,
  previous: KpiTrendBase,
  held: DigestContent['held'],
): DigestContent {
  const figures = boardFigures(current, previous);
  return {
    day,
    timeZone,
    figures,
    movers: largestMovers(figures).map((f) => f.key),
    breached: current.exception_queues.by_category
      .filter((c) => c.breached > 0)
      .sort((a, b) => b.breached - a.breached)
      .map((c) => ({
        category: c.category,
        label: categoryLabel(c.category),
        count: c.breached,
        oldest_age_minutes: c.oldest_age_minutes,
      })),
    held,
  };
}

const round1 = (v: number) => Math.round(v * 10) / 10;
/** "91.2%", "6.5 h", "1,204", or "—" when there is nothing to measure. */
export function figureText(f: BoardFigure, v = f.value): string {
  if (v === null) return '—';
  return f.unit === '%' ? `${round1(v)}%` : f.unit === 'h' ? `${round1(v)} h` : Math.round(v).toLocaleString('en-US');
}
/** "−3.1 pts", "+2.0 h", "+12", or "" when either side is missing. */
export function changeText(f: BoardFigure): string {
  if (f.value === null || f.previous === null) return '';
  const d = f.value - f.previous;
  const sign = d > 0 ? '+' : d < 0 ? '−' : '±';
  const abs = Math.abs(d);
  return f.unit === '%'
    ? `${sign}${round1(abs)} pts`
    : f.unit === 'h'
      ? `${sign}${round1(abs)} h`
      : `${sign}${Math.round(abs)}`;
}
const line = (f: BoardFigure) =>
  `${f.label}: ${figureText(f)}${f.previous === null ? '' : ` (day before ${figureText(f, f.previous)}, ${changeText(f)})`}`;

const esc = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

/** The digest as one line: the day and its largest mover (chat, subjects). */
export function digestHeadline(d: DigestContent): string {
  const top = d.figures.find((f) => f.key === d.movers[0]);
  return `Ops Pulse daily digest, ${d.day}${top ? `: ${top.label} ${figureText(top)} (${changeText(top)})` : ''}`;
}

export function renderDigestEmail(d: DigestContent, link: string) {
  const movers = d.movers.map((k) => d.figures.find((f) => f.key === k)!);
  const text = [
    `The board for the 24 hours up to this digest (${d.day}, ${d.timeZone}), against the 24 hours before.`,
    '',
    ...d.figures.map(line),
    '',
    'Largest movers:',
    ...(movers.length
      ? movers.map((f) => `- ${line(f)}`)
      : ['- none: every figure held steady or had nothing to compare']),
    '',
    'Open critical exceptions (past their SLA):',
    ...(d.breached.length ? d.breached.map((b) => `- ${b.label}: ${b.count}`) : ['- none']),
    ...(d.held.length ? ['', 'Alerts of the day:', ...d.held.map((a) => `- [${a.severity}] ${a.title}`)] : []),
    '',
    `The board at this window: ${link}`,
  ].join('\n');
  const rows = d.figures
    .map(
      (f) =>
        `<tr><th align="left">${esc(f.label)}</th><td>${esc(figureText(f))}</td><td>${esc(figureText(f, f.previous))}</td><td>${esc(changeText(f))}</td></tr>`,
    )
    .join('');
  const list = (items: string[]) => `<ul>${items.map((i) => `<li>${esc(i)}</li>`).join('')}</ul>`;
  const html = `<!doctype html><html><body style="font-family:sans-serif">
<h2>Ops Pulse daily digest, ${esc(d.day)}</h2>
<table><tr><th></th><th>Last 24 h</th><th>Day before</th><th>Change</th></tr>${rows}</table>
<h3>Largest movers</h3>${list(movers.map(line))}
<h3>Open critical exceptions</h3>${list(d.breached.length ? d.breached.map((b) => `${b.label}: ${b.count}`) : ['none'])}
${d.held.length ? `<h3>Alerts of the day</h3>${list(d.held.map((a) => `[${a.severity}] ${a.title}`))}` : ''}
<p><a href="${esc(link)}">Open the board at this window</a></p>
</body></html>`;
  return { subject: digestHeadline(d), text, html };
}

/** A Slack-compatible line: the day, its largest mover, and the board. */
export function renderDigestSlack(n: DigestNotice) {
  return { text: `${digestHeadline(n.digest)} · <${n.link}|board>` };
}

/** A Teams MessageCard: every figure on its own line, and the board. */
export function renderDigestTeams(n: DigestNotice) {
  return {
    '@type': 'MessageCard',
    '@context': 'https://schema.org/extensions',
    summary: digestHeadline(n.digest),
    title: digestHeadline(n.digest),
    text: n.digest.figures.map(line).join('<br>'),
    potentialAction: [{ '@type': 'OpenUri', name: 'Open the board', targets: [{ os: 'default', uri: n.link }] }],
  };
}
