import { expect, test } from '@playwright/test';
import { stateOf } from './env';
import { expectAccessible, load, postAtRisk, screenshot } from './helpers';

test.use({ storageState: stateOf('walt') });

test('a cutoff-risk alert appears live, and expediting it lands in the order timeline', async ({ page }) => {
  await load(page, '/warehouse', 'Warehouse console');
  await expect(page.getByText(/Updated .* · newest event/)).toBeVisible();
  await screenshot(page, 'warehouse');
  await expectAccessible(page);
  // Marks this document: if the page reloaded, the mark would be gone.
  await page.evaluate(() => ((window as unknown as { e2eMark: number }).e2eMark = 1));

  // An order due out in 3 minutes, just allocated: no stage gets to packed that fast.
  const orderId = `E2E-${Date.now().toString(36).toUpperCase()}`;
  await postAtRisk(orderId, { minutes: 3 });

  // Hundreds of simulated orders are already past ship_by and sort first; find ours as a user would.
  await page.getByLabel('Filter cutoff-risk orders').fill(orderId);
  const risks = page.getByRole('table', { name: 'cutoff-risk orders' });
  const row = risks.getByRole('row').filter({ hasText: orderId });
  await expect(row).toBeVisible();
  await expect(row).toContainText('allocated');
  await expect(row).toContainText('DC-EAST');
  await expect(page.getByText(/\d+ new alerts?/)).toBeVisible();
  expect(await page.evaluate(() => (window as unknown as { e2eMark?: number }).e2eMark)).toBe(1);

  await row.getByRole('button', { name: 'Expedite' }).click();
  const dialog = page.getByRole('dialog', { name: `Expedite ${orderId}?` });
  await expect(dialog).toBeVisible();
  await dialog.getByLabel('Service level').selectOption('same_day');
  await dialog.getByRole('button', { name: 'Expedite' }).click();
  await expect(page.getByRole('status').filter({ hasText: `Expedite ${orderId}` })).toContainText(
    /done|applied|accepted|ok/i,
  );

  await page.goto(`/orders/${orderId}`);
  const timeline = page.getByRole('table', { name: 'order timeline' });
  await expect(timeline).toContainText('order.expedited');
  await expect(timeline).toContainText('same_day');
  await expect(timeline).toContainText('walt');
});

test('an action shows at once and is rolled back when the server refuses it', async ({ page }) => {
  await load(page, '/warehouse', 'Warehouse console');
  const orderId = `E2E-R-${Date.now().toString(36).toUpperCase()}`;
  await postAtRisk(orderId, { minutes: 1, warehouse: 'DC-WEST' });
  await page.getByLabel('Filter cutoff-risk orders').fill(orderId);
  const row = page.getByRole('table', { name: 'cutoff-risk orders' }).getByRole('row').filter({ hasText: orderId });
  await expect(row).toBeVisible();
  // Hold the request until the optimistic state is checked, and point it at an order the server
  // does not know, so the real server refuses it (what a stale console would meet).
  let release!: () => void;
  const held = new Promise<void>((r) => (release = r));
  await page.route('**/api/actions', async (route) => {
    await held;
    const body = JSON.parse(route.request().postData()!);
    await route.continue({
      postData: JSON.stringify({ ...body, payload: { ...body.payload, order_id: `${orderId}-GONE` } }),
    });
  });
  await row.getByRole('button', { name: 'Reallocate' }).click();
  const dialog = page.getByRole('dialog', { name: `Reallocate ${orderId}?` });
  await dialog.getByLabel('To warehouse').selectOption('DC-EAST');
  await dialog.getByRole('button', { name: 'Reallocate' }).click();
  await expect(row).toContainText('moving to DC-EAST');
  release();
  await expect(page.getByRole('status').filter({ hasText: `Reallocate ${orderId}` })).toContainText('refused');
  await expect(row.getByRole('button', { name: 'Reallocate' })).toBeVisible();
  await expect(row).not.toContainText('moving to');
});
