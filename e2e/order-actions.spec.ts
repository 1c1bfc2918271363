import { expect, test } from '@playwright/test';
import { stateOf } from './env';
import { api, load, serverNow, specEvent } from './helpers';

/** An event of this spec's own order or return, happening `secondsAgo` before the server's now. */
const event = (type: string, n: number, data: Record<string, unknown>, secondsAgo = 60) =>
  specEvent(`e2e-order-actions-${data.order_id ?? data.rma_id}-${n}`, type, data, secondsAgo);

const line = { sku: 'APP-1001', qty: 2, unit_price: 25.5, unit_cost: 9, category: 'apparel' };

async function postOrder(orderId: string, extra: ReturnType<typeof event>[] = []) {
  await api('/api/events', {
    method: 'POST',
    body: [
      event(
        'order.created',
        1,
        {
          order_id: orderId,
          channel: 'web',
          customer_ref: 'e2e',
          ship_by: new Date(serverNow() + 6 * 3_600_000).toISOString(),
          lines: [line],
          shipping_charged: 0,
          fees: 0,
        },
        300,
      ),
      event(
        'order.allocated',
        2,
        { order_id: orderId, warehouse_id: 'DC-EAST', lines: [{ sku: 'APP-1001', qty: 2 }] },
        240,
      ),
      ...extra,
    ],
  });
}

test.describe('warehouse manager', () => {
  test.use({ storageState: stateOf('walt') });

  test('expedites from the order page, and the timeline shows it', async ({ page }) => {
    const orderId = `E2E-OA-${Date.now().toString(36).toUpperCase()}`;
    await postOrder(orderId);
    await expect(async () => {
      await load(page, `/orders/${orderId}`, `Order ${orderId}`);
    }).toPass({ timeout: 20_000 });
    const actions = page.getByRole('group', { name: 'Order actions' });
    await actions.getByRole('button', { name: 'Expedite' }).click();
    const dialog = page.getByRole('dialog', { name: `Expedite ${orderId}?` });
    await dialog.getByLabel('Service level').selectOption('same_day');
    await dialog.getByRole('button', { name: 'Expedite' }).click();
    await expect(page.getByRole('status').filter({ hasText: `Expedite ${orderId}` })).toContainText('done');
    const timeline = page.getByRole('table', { name: 'order timeline' });
    await expect(timeline).toContainText('order.expedited');
    await expect(timeline).toContainText('same_day');
    await expect(actions).toContainText('Expedited');
    // A refund is support's: the manager is not offered it.
    await expect(page.getByRole('button', { name: 'Approve refund' })).toHaveCount(0);
  });
});

test.describe('support', () => {
  test.use({ storageState: stateOf('sam') });

  test('approves a refund from the order page; order actions are not offered', async ({ page }) => {
    const orderId = `E2E-RF-${Date.now().toString(36).toUpperCase()}`;
    const rma = `${orderId}-R1`;
    await postOrder(orderId, [
      event('order.picked', 3, { order_id: orderId }, 200),
      event('order.packed', 4, { order_id: orderId }, 180),
      event(
        'order.shipped',
        5,
        { order_id: orderId, carrier: 'UPS', tracking_id: `1Z${orderId}`, shipping_cost: 7.1 },
        170,
      ),
      event(
        'return.requested',
        6,
        { rma_id: rma, order_id: orderId, sku: 'APP-1001', qty: 1, reason: 'changed_mind' },
        120,
      ),
      event('return.received', 7, { rma_id: rma, warehouse_id: 'DC-EAST', qty_received: 1 }, 60),
    ]);
    await expect(async () => {
      await load(page, `/orders/${orderId}`, `Order ${orderId}`);
      await expect(page.getByRole('table', { name: 'Returns' })).toContainText(rma);
    }).toPass({ timeout: 20_000 });
    await expect(page.getByRole('group', { name: 'Order actions' })).toHaveCount(0);
    await page.getByRole('table', { name: 'Returns' }).getByRole('button', { name: 'Approve refund' }).click();
    const dialog = page.getByRole('dialog', { name: `Approve a refund for ${rma}?` });
    await expect(dialog.getByLabel('Amount (USD)')).toHaveValue('25.50');
    await dialog.getByRole('button', { name: 'Approve refund' }).click();
    await expect(page.getByRole('status').filter({ hasText: `Refund ${rma}` })).toContainText('done');
    await expect(page.getByRole('table', { name: 'Returns' })).toContainText('$25.50 approved');
  });
});
