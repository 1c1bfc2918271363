import type { Alert } from '../alerts/types';
import { dayTime, humanDuration } from '../text/duration';
import type { DigestContent } from './digest';

/** What an alert notification says, whatever carries it: what, where, how long left, and the link to act. */
export interface AlertNotice {
  kind: 'alert';
  alert: Alert;
  /** The alert in the app: after sign-in the user lands on it with its actions. */
  link: string;
  /** Set when this notice is an escalation: the level's name. */
  escalation?: string;
}
/** The daily digest, and the board at its window. */
export interface DigestNotice {
  kind: 'digest';
  digest: DigestContent;
  link: string;
}
/** A user's alerts of the day in one mail (they chose the digest over one mail per alert). */
export interface AlertsDigestNotice {
  kind: 'alerts';
  day: string;
  timeZone: string;
  alerts: Pick<Alert, 'title' | 'severity' | 'created_at' | 'status'>[];
  link: string;
}
export type Notice = AlertNotice | DigestNotice | AlertsDigestNotice;

export function alertLink(publicUrl: string, alertId: string) {
  return `${publicUrl.replace(/\/$/, '')}/alerts?alert=${encodeURIComponent(alertId)}`;
}

/** "35 min left" for an alert with a deadline in its data (a cutoff's ship-by), else null. */
export function timeLeft(a: Alert, nowMs: number): string | null {
  const due = typeof a.data.ship_by === 'string' ? Date.parse(a.data.ship_by) : NaN;
  if (!Number.isFinite(due)) return null;
  return due > nowMs ? `${humanDuration(due - nowMs)} left` : `due ${humanDuration(nowMs - due)} ago`;
}

const where = (a: Alert) => a.warehouse_id ?? a.category ?? a.entity.id;
const prefix = (n: AlertNotice) => `${n.escalation ? `[escalated: ${n.escalation}] ` : ''}[${n.alert.severity}]`;

/** One line for chat and subjects: "[critical] 12 orders at DC-EAST may miss … · DC-EAST · 35 min left". */
export function headline(n: AlertNotice, nowMs: number): string {
  const left = timeLeft(n.alert, nowMs);
  return `${prefix(n)} ${n.alert.title} · ${where(n.alert)}${left ? ` · ${left}` : ''}`;
}

const esc = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

/** An email in the recipient's zone: a subject, a plain-text body and the same facts as simple HTML. */
export function renderEmail(n: AlertNotice, nowMs: number, timeZone: string) {
  const a = n.alert;
  const left = timeLeft(a, nowMs);
  const facts: [string, string][] = [
    ['Where', where(a)],
    ...(left ? [['Time left', left] as [string, string]] : []),
    ['Raised', dayTime(Date.parse(a.created_at), timeZone)],
    ['Status', `${a.status}${a.acknowledged_by ? ` (acknowledged by ${a.acknowledged_by})` : ''}`],
    ...(n.escalation ? [['Escalated to', `${n.escalation} (nobody has acknowledged it yet)`] as [string, string]] : []),
  ];
  const text = [a.title, '', a.detail, '', ...facts.map(([k, v]) => `${k}: ${v}`), '', `Open it: ${n.link}`].join('\n');
  const rows = facts.map(([k, v]) => `<tr><th align="left">${esc(k)}</th><td>${esc(v)}</td></tr>`).join('');
  const html = `<!doctype html><html><body style="font-family:sans-serif">
<h2 style="margin:0 0 8px">${esc(a.title)}</h2>
<p>${esc(a.detail)}</p>
<table>${rows}</table>
<p><a href="${esc(n.link)}">Open the alert in Ops Pulse</a></p>
</body></html>`;
  return { subject: headline(n, nowMs), text, html };
}

/** A Slack-compatible incoming-webhook body: one compact line with the link. */
export function renderSlack(n: AlertNotice, nowMs: number) {
  return { text: `${headline(n, nowMs)} · <${n.link}|open>` };
}

/** A Microsoft Teams incoming-webhook body (MessageCard: what both Teams webhook kinds accept). */
export function renderTeams(n: AlertNotice, nowMs: number) {
  return {
    '@type': 'MessageCard',
    '@context': 'https://schema.org/extensions',
    themeColor: n.alert.severity === 'critical' ? 'B91C1C' : n.alert.severity === 'warning' ? 'B45309' : '1D4ED8',
    summary: headline(n, nowMs),
    title: headline(n, nowMs),
    text: n.alert.detail,
    potentialAction: [{ '@type': 'OpenUri', name: 'Open in Ops Pulse', targets: [{ os: 'default', uri: n.link }] }],
  };
}

/** A generic webhook's JSON body: the alert as the API gives it, with the link and the escalation. */
export function renderWebhook(n: AlertNotice, deliveryId: string) {
  return { delivery_id: deliveryId, link: n.link, escalation: n.escalation ?? null, alert: n.alert };
}

/** A user's daily mail of their alerts: each with its severity, when it was raised (their zone) and where it stands. */
export function renderAlertsDigestEmail(n: AlertsDigestNotice) {
  const subject = `Your Ops Pulse alerts, ${n.day}: ${n.alerts.length === 0 ? 'none' : n.alerts.length}`;
  const lines = n.alerts.map(
    (a) => `[${a.severity}] ${a.title} (raised ${dayTime(Date.parse(a.created_at), n.timeZone)}; ${a.status})`,
  );
  const text = [
    n.alerts.length
      ? 'The alerts of the last 24 hours that concern you:'
      : 'No alert concerned you in the last 24 hours.',
    '',
    ...lines,
    '',
    `Open them: ${n.link}`,
  ].join('\n');
  const html = `<!doctype html><html><body style="font-family:sans-serif">
<h2>${esc(subject)}</h2>
<ul>${lines.map((l) => `<li>${esc(l)}</li>`).join('')}</ul>
<p><a href="${esc(n.link)}">Open your alerts in Ops Pulse</a></p>
</body></html>`;
  return { subject, text, html };
}
