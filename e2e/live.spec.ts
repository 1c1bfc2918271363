import { expect, test, type Page } from '@playwright/test';
import { stateOf } from './env';
import { api, load, postAtRisk } from './helpers';

const rowOf = (page: Page, orderId: string) =>
  page.getByRole('table', { name: 'cutoff-risk orders' }).getByRole('row').filter({ hasText: orderId });

test('live means live: silence turns the dot amber then red with the reason, and after reconnecting the missed alert is there', async ({
  browser,
}) => {
  test.setTimeout(120_000);
  const context = await browser.newContext({ storageState: stateOf('walt') });
  const page = await context.newPage();
  // Between the page and the server: pass everything until told to hold what the server sends.
  let hold = false;
  await page.routeWebSocket(/\/socket\.io\//, (ws) => {
    const server = ws.connectToServer();
    server.onMessage((m) => {
      if (!hold) ws.send(m);
    });
    ws.onMessage((m) => server.send(m));
  });
  await load(page, '/warehouse', 'Warehouse console');
  const dot = page.locator('[data-live]');
  await expect(dot).toHaveAttribute('data-live', 'live');

  hold = true;
  await expect(dot).toHaveAttribute('data-live', 'quiet', { timeout: 20_000 });
  await expect(dot).toContainText(/No updates for \d+ s/);
  const orderId = `E2E-LIVE-${Date.now().toString(36).toUpperCase()}`;
  await postAtRisk(orderId, { carrier: 'E2E' }); // raised while this page hears nothing
  await expect(dot).toHaveAttribute('data-live', 'silent', { timeout: 30_000 });
  await expect(dot).toContainText('reconnecting');
  await expect(rowOf(page, orderId)).toHaveCount(0);

  hold = false; // the page reconnects on its own and is sent what it missed
  await expect(dot).toHaveAttribute('data-live', 'live', { timeout: 30_000 });
  await page.getByLabel('Filter cutoff-risk orders').fill(orderId);
  await expect(rowOf(page, orderId)).toBeVisible();
  await context.close();
});

test('an expedite shows at once in every console watching the order, and no console offers it again', async ({
  browser,
}) => {
  const walt = await browser.newContext({ storageState: stateOf('walt') });
  const admin = await browser.newContext({ storageState: stateOf('admin') });
  const [a, b] = [await walt.newPage(), await admin.newPage()];
  await load(a, '/warehouse', 'Warehouse console');
  await load(b, '/warehouse', 'Warehouse console');
  const orderId = `E2E-X-${Date.now().toString(36).toUpperCase()}`;
  await postAtRisk(orderId, { minutes: 25, carrier: 'E2E' });
  for (const p of [a, b]) {
    await p.getByLabel('Filter cutoff-risk orders').fill(orderId);
    await expect(rowOf(p, orderId)).toBeVisible();
  }
  await rowOf(b, orderId).getByRole('button', { name: 'Expedite' }).click();
  await b
    .getByRole('dialog', { name: `Expedite ${orderId}?` })
    .getByRole('button', { name: 'Expedite' })
    .click();
  // The other console is told (pushed, not polled): who expedited it, and no Expedite any more.
  await expect(rowOf(a, orderId)).toContainText('expedited by admin');
  await expect(rowOf(a, orderId).getByRole('button', { name: 'Expedite' })).toHaveCount(0);
  // And after a refresh, from the stored alert.
  await a.reload();
  await a.getByLabel('Filter cutoff-risk orders').fill(orderId);
  await expect(rowOf(a, orderId)).toContainText('expedited by admin');
  await expect(rowOf(a, orderId).getByRole('button', { name: 'Expedite' })).toHaveCount(0);
  await walt.close();
  await admin.close();
});

test('a console that hears no push learns of an expedite that landed while it was loading', async ({ browser }) => {
  // The header's socket connects before the console hydrates, so an alert update stored between the
  // server's render and the console listening is pushed to no listener (lost before 2026-12-01). Here
  // the page hears no push at all, and the console's catch-up read is held until the update is stored.
  const walt = await browser.newContext({ storageState: stateOf('walt') });
  const admin = await browser.newContext({ storageState: stateOf('admin') });
  const [a, b] = [await walt.newPage(), await admin.newPage()];
  const orderId = `E2E-C-${Date.now().toString(36).toUpperCase()}`;
  await postAtRisk(orderId, { minutes: 25, carrier: 'E2E' });
  await load(b, '/warehouse', 'Warehouse console');
  await b.getByLabel('Filter cutoff-risk orders').fill(orderId);
  await expect(rowOf(b, orderId)).toBeVisible();

  await a.routeWebSocket(/\/socket\.io\//, (ws) => {
    ws.connectToServer(); // nothing from the server reaches the page
  });
  let release!: () => void;
  const released = new Promise<void>((r) => (release = r));
  let held = 0;
  await a.route(/\/api\/alerts\?since=/, async (route) => {
    held++;
    await released;
    await route.continue();
  });
  await load(a, '/warehouse', 'Warehouse console'); // rendered before the expedite
  await a.getByLabel('Filter cutoff-risk orders').fill(orderId);
  await expect(rowOf(a, orderId).getByRole('button', { name: 'Expedite' })).toBeVisible();

  await rowOf(b, orderId).getByRole('button', { name: 'Expedite' }).click();
  await b
    .getByRole('dialog', { name: `Expedite ${orderId}?` })
    .getByRole('button', { name: 'Expedite' })
    .click();
  type Listed = {
    alerts: { type: string; data: { members?: { data: { order_id?: string; expedited_by?: string } }[] } }[];
  };
  await expect
    .poll(async () => {
      const { alerts } = await api<Listed>('/api/alerts?limit=5000');
      return alerts.some(
        (x) =>
          x.type === 'cutoff_risk' &&
          (x.data.members ?? []).some((m) => m.data.order_id === orderId && m.data.expedited_by),
      );
    })
    .toBe(true);
  expect(held).toBeGreaterThan(0); // the console asked what changed since its render
  release();
  await expect(rowOf(a, orderId)).toContainText('expedited by admin');
  await expect(rowOf(a, orderId).getByRole('button', { name: 'Expedite' })).toHaveCount(0);
  await walt.close();
  await admin.close();
});
