import fs from 'node:fs';
import path from 'node:path';
import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';
import { E2E } from './env';

/** Screenshots land in the run's output folder, screens/; `npm run screenshots` also copies them to docs/. */
export async function screenshot(page: Page, name: string) {
  await page.waitForFunction(() => /Updated .* ago/.test(document.body.innerText));
  const file = path.resolve(E2E.outputDir, 'screens', `${name}.png`);
  await page.screenshot({ path: file, fullPage: true, animations: 'disabled' });
  if (process.env.E2E_SCREENSHOTS_TO_DOCS) {
    fs.mkdirSync('docs/screenshots', { recursive: true });
    fs.copyFileSync(file, path.resolve('docs/screenshots', `${name}.png`));
  }
}

/**
 * Loads a view and records the milliseconds from navigation start until it is usable: the main
 * heading shown and the page hydrated (its freshness line counts "… ago", which only client code
 * writes). Logged and attached to the report; the 2 s target is measured by `npm run bench:pages`
 * (speed targets live in benchmarks, not in pass/fail tests that a busy CI machine would flake).
 */
export async function load(page: Page, url: string, heading: string | RegExp): Promise<void> {
  await page.goto(url, { waitUntil: 'load' });
  await expect(page.getByRole('heading', { level: 1, name: heading })).toBeVisible();
  const at = await page.waitForFunction(
    () => (/Updated .* ago/.test(document.body.innerText) ? performance.now() : false),
    undefined,
    { polling: 20 },
  );
  const ms = Math.round((await at.jsonValue()) as number);
  test.info().annotations.push({ type: 'load_ms', description: `${url}: ${ms}` });
  console.log(`page usable ${url}: ${ms} ms`);
}

/** WCAG 2 AA checks (contrast, labels, roles) on what is on screen. */
export async function expectAccessible(page: Page) {
  const result = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa']).analyze();
  const summary = result.violations.map(
    (v) => `${v.id}: ${v.nodes.length} × ${v.nodes[0]?.target.join(' ')} (${v.help})`,
  );
  expect(summary).toEqual([]);
}

/** The integration API, as an upstream system would call it (admin token from the e2e setup). */
export async function api<T = unknown>(pathname: string, init: { method?: string; body?: unknown } = {}): Promise<T> {
  const res = await fetch(`${E2E.baseURL}${pathname}`, {
    method: init.method ?? 'GET',
    headers: { authorization: `Bearer ${E2E.adminToken}`, 'content-type': 'application/json' },
    body: init.body === undefined ? undefined : JSON.stringify(init.body),
  });
  if (!res.ok) throw new Error(`${init.method ?? 'GET'} ${pathname}: ${res.status} ${await res.text()}`);
  return (await res.json()) as T;
}

/** Now on the server's clock (it started at E2E.now), for events the specs post. */
export const serverNow = () => Date.now() + Number(process.env.E2E_CLOCK_OFFSET_MS ?? 0);

/** A SPEC event the specs post: `id` names it (unique per spec and record), `secondsAgo` before the server's now. */
export const specEvent = (id: string, type: string, data: Record<string, unknown>, secondsAgo = 0) => ({
  event_id: id,
  type,
  occurred_at: new Date(serverNow() - secondsAgo * 1000).toISOString(),
  source: 'e2e',
  schema_version: 1,
  data,
});

/** A figure with at least one digit (not a dash, not "no data"). */
export const NUMBER = /\d/;

/** An order due out in `minutes` and just allocated: at cutoff risk at once (stages need longer). */
export async function postAtRisk(
  orderId: string,
  { minutes = 20, warehouse = 'DC-EAST', carrier }: { minutes?: number; warehouse?: string; carrier?: string } = {},
) {
  const event = (type: string, n: number, data: Record<string, unknown>) =>
    specEvent(`risk-${orderId}-${n}`, type, { order_id: orderId, ...data });
  await api('/api/events', {
    method: 'POST',
    body: [
      event('order.created', 1, {
        channel: 'web',
        customer_ref: 'e2e',
        ship_by: new Date(serverNow() + minutes * 60_000).toISOString(),
        lines: [{ sku: 'APP-1001', qty: 1, unit_price: 20, unit_cost: 8, category: 'apparel' }],
        shipping_charged: 0,
        fees: 0,
        ...(carrier ? { carrier } : {}),
      }),
      event('order.allocated', 2, { warehouse_id: warehouse, lines: [{ sku: 'APP-1001', qty: 1 }] }),
    ],
  });
}
