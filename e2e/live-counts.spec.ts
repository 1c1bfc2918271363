import { expect, test } from '@playwright/test';

const count = async (text: string | null) => Number((text ?? '').replace(/[^0-9]/g, ''));

test('the first page shows live event counts that rise without a reload', async ({ page }) => {
  await page.goto('/');
  await expect(page.getByRole('heading', { name: 'Live event flow' })).toBeVisible();
  const orders = page.getByLabel('Order events applied');
  await expect(orders).toBeVisible();
  const first = await count(await orders.textContent());
  await expect.poll(async () => count(await orders.textContent()), { timeout: 20_000 }).toBeGreaterThan(first);
  await expect(page.getByText(/events\/s/)).toBeVisible();
  await page.screenshot({ path: 'test-results/screens/live-counts.png', fullPage: true });
});
