import { expect, test } from '@playwright/test';
import { stateOf } from './env';
import { api, expectAccessible, load, screenshot, serverNow, specEvent } from './helpers';

test.describe('support', () => {
  test.use({ storageState: stateOf('sam') });

  test('works the carrier exception queue: the order a click away, assign in the row', async ({ page }) => {
    const id = `E2E-SUP-${Date.now().toString(36).toUpperCase()}`;
    const tracking = `1Z${id}`;
    const ev = (type: string, n: number, data: Record<string, unknown>, ago: number) =>
      specEvent(`e2e-support-${id}-${n}`, type, { order_id: id, ...data }, ago);
    await api('/api/events', {
      method: 'POST',
      body: [
        ev(
          'order.created',
          1,
          {
            channel: 'web',
            customer_ref: `cust-${id}`,
            ship_by: new Date(serverNow() + 3_600_000).toISOString(),
            lines: [{ sku: 'APP-1001', qty: 1, unit_price: 20, unit_cost: 8 }],
            shipping_charged: 0,
            fees: 0,
          },
          7200,
        ),
        ev('order.allocated', 2, { warehouse_id: 'DC-EAST', lines: [{ sku: 'APP-1001', qty: 1 }] }, 7100),
        ev('order.shipped', 3, { carrier: 'UPS', tracking_id: tracking, shipping_cost: 7 }, 7000),
        ev('carrier.exception', 4, { tracking_id: tracking, carrier: 'UPS', reason: 'address_issue' }, 600),
      ],
    });
    // The queue is oldest first; the table's own filter finds this one wherever it is.
    await expect(async () => {
      await load(page, '/exceptions', 'Exception queue');
      await page.getByLabel('Filter Exception queue').fill(id);
      await expect(page.getByRole('row').filter({ hasText: id })).toHaveCount(1, { timeout: 1000 });
    }).toPass({ timeout: 30_000 });
    const row = page.getByRole('row').filter({ hasText: id });
    await expect(row).toContainText('Carrier exception');
    await row.getByRole('button', { name: 'Assign' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByLabel('Assignee').fill('sam');
    await dialog.getByRole('button', { name: 'Assign' }).click();
    await expect(page.getByRole('status').filter({ hasText: 'Assign to sam' })).toContainText('done');
    await expect(page.getByRole('row').filter({ hasText: id })).toContainText('sam');
    await expectAccessible(page);
    await page.getByLabel('Filter Exception queue').fill('');
    await screenshot(page, 'exceptions');

    // Search by customer ref finds the same order.
    await page.getByRole('link', { name: 'Order lookup' }).click();
    await page.getByLabel('Order id, customer ref, tracking id or RMA').fill(`cust-${id}`);
    await page.getByLabel('Order id, customer ref, tracking id or RMA').press('Enter');
    await expect(page.getByRole('link', { name: id })).toBeVisible();
  });
});
