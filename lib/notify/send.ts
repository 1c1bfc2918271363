import { createTransport } from 'nodemailer';
import type { Channel } from './config';
import { renderDigestEmail, renderDigestSlack, renderDigestTeams } from './digest';
import { renderAlertsDigestEmail, renderEmail, renderSlack, renderTeams, renderWebhook, type Notice } from './render';
import { SIGNATURE_HEADER, signBody } from './sign';

/** What one try gave: sent, or failed — and whether trying again could help. */
export type SendResult = { ok: true } | { ok: false; retry: boolean; error: string };

export interface SendDeps {
  /** SMTP server URL (smtp://user:pass@host:port); email channels fail without it. */
  smtpUrl: string | null;
  from: string;
  timeoutMs: number;
}

// One pooled SMTP connection per server URL: a storm of mails does not open a socket each.
const transports = new Map<string, ReturnType<typeof createTransport>>();
const transportFor = (url: string, timeoutMs: number) => {
  let t = transports.get(url);
  if (!t) {
    t = createTransport({
      url,
      pool: true,
      connectionTimeout: timeoutMs,
      greetingTimeout: timeoutMs,
      socketTimeout: timeoutMs,
    });
    transports.set(url, t);
  }
  return t;
};
export function closeTransports() {
  for (const t of transports.values()) t.close();
  transports.clear();
}

/** An HTTP answer as a result: 2xx sent; 408, 425, 429 and 5xx worth another try; other 4xx not. */
const fromStatus = (status: number, text: string): SendResult =>
  status >= 200 && status < 300
    ? { ok: true }
    : {
        ok: false,
        retry: status >= 500 || [408, 425, 429].includes(status),
        error: `HTTP ${status} ${text.slice(0, 200)}`,
      };

async function post(
  url: string,
  body: string,
  headers: Record<string, string>,
  timeoutMs: number,
): Promise<SendResult> {
  try {
    const res = await fetch(url, {
      method: 'POST',
      body,
      headers: { 'content-type': 'application/json', ...headers },
      signal: AbortSignal.timeout(timeoutMs),
      redirect: 'error',
    });
    return fromStatus(res.status, await res.text().catch(() => ''));
  } catch (err) {
    // Network errors and timeouts: the endpoint may be back soon.
    return { ok: false, retry: true, error: (err as Error).message };
  }
}

/** A chat webhook's body: Slack's one line or a Teams card, for each kind of notice. */
function chatBody(kind: 'slack' | 'teams', notice: Notice, nowMs: number) {
  if (notice.kind === 'alert') return kind === 'slack' ? renderSlack(notice, nowMs) : renderTeams(notice, nowMs);
  if (notice.kind === 'digest') return kind === 'slack' ? renderDigestSlack(notice) : renderDigestTeams(notice);
  const subject = renderAlertsDigestEmail(notice).subject;
  return { text: kind === 'slack' ? `${subject} · <${notice.link}|alerts>` : `${subject}: ${notice.link}` };
}

/** Sends one notice on one channel, once; the caller decides about retries. */
export async function sendNotice(
  ch: Channel,
  notice: Notice,
  deliveryId: string,
  nowMs: number,
  deps: SendDeps,
): Promise<SendResult> {
  switch (ch.kind) {
    case 'email': {
      if (!deps.smtpUrl) return { ok: false, retry: false, error: 'no SMTP server configured (OPS_NOTIFY_SMTP_URL)' };
      const m =
        notice.kind === 'alert'
          ? renderEmail(notice, nowMs, ch.timeZone)
          : notice.kind === 'digest'
            ? renderDigestEmail(notice.digest, notice.link)
            : renderAlertsDigestEmail(notice);
      try {
        await transportFor(deps.smtpUrl, deps.timeoutMs).sendMail({
          from: deps.from,
          to: ch.to,
          subject: m.subject,
          text: m.text,
          html: m.html,
          headers: { 'X-Ops-Delivery': deliveryId },
        });
        return { ok: true };
      } catch (err) {
        const e = err as Error & { responseCode?: number };
        // 5xx from the server: the message or address is refused; anything else may pass later.
        return { ok: false, retry: !(e.responseCode && e.responseCode >= 500), error: e.message };
      }
    }
    case 'slack':
    case 'teams':
      return post(ch.url, JSON.stringify(chatBody(ch.kind, notice, nowMs)), {}, deps.timeoutMs);
    case 'webhook': {
      const body = JSON.stringify(
        notice.kind === 'alert' ? renderWebhook(notice, deliveryId) : { delivery_id: deliveryId, ...notice },
      );
      return post(
        ch.url,
        body,
        { [SIGNATURE_HEADER]: signBody(ch.secret, body, nowMs), 'X-Ops-Delivery': deliveryId },
        deps.timeoutMs,
      );
    }
  }
}
