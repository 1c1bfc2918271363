import fs from 'node:fs';
import { expect, test } from '@playwright/test';
import { stateOf } from './env';
import { load } from './helpers';

test.use({ storageState: stateOf('petra') });

test('drilling from reason to category to SKU changes the URL, the table and the breadcrumbs', async ({ page }) => {
  await load(page, '/returns?range=30d', 'Returns analysis');
  const byReason = page.getByRole('table', { name: 'returns by reason' });
  const reasonLink = byReason.getByRole('row').nth(1).getByRole('link');
  const reasonLabel = (await reasonLink.textContent())!.trim();
  await reasonLink.click();
  await expect(page).toHaveURL(/[?&]reason=[a-z_]+/);
  expect(page.url()).toContain('range=30d');
  const byCategory = page.getByRole('table', { name: 'returns by category' });
  await expect(byCategory.getByRole('row').nth(1)).toBeVisible();
  const crumbs = page.getByRole('navigation', { name: 'Drill-down' });
  await expect(crumbs.getByRole('link', { name: 'All reasons' })).toBeVisible();
  await expect(crumbs).toContainText(reasonLabel);

  const categoryLink = byCategory.getByRole('row').nth(1).getByRole('link');
  const categoryLabel = (await categoryLink.textContent())!.trim();
  await categoryLink.click();
  await expect(page).toHaveURL(/[?&]category=[a-z_]+/);
  const bySku = page.getByRole('table', { name: 'returns by sku' });
  await expect(bySku.getByRole('row').nth(1)).toBeVisible();
  await expect(bySku.getByRole('columnheader', { name: 'SKU' })).toBeVisible();
  await expect(crumbs).toContainText(categoryLabel);

  // The drill path is a deep link: reloading lands on the same table.
  const url = page.url();
  await page.reload();
  await expect(page.getByRole('table', { name: 'returns by sku' })).toBeVisible();
  expect(page.url()).toBe(url);
  // Back up through the breadcrumbs.
  await page.getByRole('navigation', { name: 'Drill-down' }).getByRole('link', { name: 'All reasons' }).click();
  await expect(page.getByRole('table', { name: 'returns by reason' })).toBeVisible();
  await expect(page).not.toHaveURL(/reason=/);
});

test('the summary cards follow the drill, and the drill can start from channel or category', async ({ page }) => {
  await load(page, '/returns?range=30d', 'Returns analysis');
  const card = (name: string) => page.getByRole('group', { name, exact: true });
  const allReturns = Number((await card('Returns').innerText()).replace(/\D/g, ''));
  const first = page.getByRole('table', { name: 'returns by reason' }).getByRole('row').nth(1);
  const reasonReturns = Number((await first.getByRole('cell').nth(1).innerText()).replace(/\D/g, ''));
  expect(reasonReturns).toBeLessThan(allReturns);
  await first.getByRole('link').click();
  await expect(page.getByRole('table', { name: 'returns by category' })).toBeVisible();
  // The Returns card now counts that reason's returns only, as its row did.
  await expect(card('Returns')).toContainText(reasonReturns.toLocaleString('en-US'));
  await expect(page.getByText(/Every figure below but the stock held is for/)).toBeVisible();
  await expect(card('Return rate')).toContainText(/units shipped/);

  // Start from channel: the table groups by channel; a channel's row sets the window's channel filter.
  await page.getByRole('navigation', { name: 'Start the drill from' }).getByRole('link', { name: 'Channel' }).click();
  const byChannel = page.getByRole('table', { name: 'returns by channel' });
  await expect(byChannel.getByRole('row').nth(1)).toBeVisible();
  await expect(page).not.toHaveURL(/reason=/);
  const channelLink = byChannel.getByRole('row').nth(1).getByRole('link');
  const channel = (await channelLink.innerText()).trim();
  await channelLink.click();
  await expect(page).toHaveURL(new RegExp(`[?&]channel=${channel}`));
  await expect(page.getByRole('table', { name: 'returns by reason' })).toBeVisible();
  await expect(page.getByLabel('Channel')).toHaveValue(channel);
  const crumbs = page.getByRole('navigation', { name: 'Drill-down' });
  await expect(crumbs.getByRole('link', { name: 'All channels' })).toBeVisible();
  // Every row of a channel's reasons has a return rate (its shipped units are the channel's).
  await expect(page.getByRole('table', { name: 'returns by reason' }).getByRole('row').nth(1)).not.toContainText('—');

  // Start from category: category, then reason, then SKU.
  await page.getByRole('navigation', { name: 'Start the drill from' }).getByRole('link', { name: 'Category' }).click();
  await expect(page).not.toHaveURL(/channel=/);
  const byCategory = page.getByRole('table', { name: 'returns by category' });
  await byCategory.getByRole('row').nth(1).getByRole('link').click();
  await expect(page.getByRole('table', { name: 'returns by reason' })).toBeVisible();
  await page.getByRole('table', { name: 'returns by reason' }).getByRole('row').nth(1).getByRole('link').click();
  await expect(page.getByRole('table', { name: 'returns by sku' })).toBeVisible();
  await expect(crumbs.getByRole('link', { name: 'All categories' })).toBeVisible();
});

test('CSV export downloads exactly the rows shown, filter and sort included', async ({ page }) => {
  await load(page, '/inventory?range=30d', 'Inventory');
  const table = page.getByRole('table', { name: 'count variances' });
  await expect(table.getByRole('row').nth(1)).toBeVisible();
  // Narrow to one location with the table's filter, then sort by SKU.
  await page.getByLabel('Filter count variances').fill('DC-WEST');
  await table.getByRole('button', { name: 'SKU' }).click();
  const exportButton = page.getByRole('group', { name: 'count variances' }).getByRole('button', { name: /Export CSV/ });
  const shown = Number(/\((\d+) rows\)/.exec((await exportButton.textContent())!)![1]);
  expect(shown).toBeGreaterThan(0);
  const [download] = await Promise.all([page.waitForEvent('download'), exportButton.click()]);
  expect(download.suggestedFilename()).toBe('variances.csv');
  const lines = fs
    .readFileSync((await download.path())!, 'utf8')
    .trim()
    .split(/\r?\n/);
  expect(lines).toHaveLength(shown + 1);
  expect(lines[0]).toContain('SKU');
  expect(lines.slice(1).every((l) => l.includes('DC-WEST'))).toBe(true);
  const skus = lines.slice(1).map((l) => l.split(',')[1]);
  expect(skus).toEqual([...skus].sort((a, b) => a.localeCompare(b, 'en', { numeric: true })));
  // The first row on screen is the first row in the file.
  const firstOnScreen = (await table.getByRole('row').nth(1).getByRole('cell').nth(1).textContent())!.trim();
  expect(skus[0]).toBe(firstOnScreen);
});
