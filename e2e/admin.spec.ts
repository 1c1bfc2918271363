import { expect, test } from '@playwright/test';
import { stateOf } from './env';
import { api, expectAccessible, load, screenshot, specEvent } from './helpers';

test.describe('admin', () => {
  test.use({ storageState: stateOf('admin') });

  test('system health says whether it is ready, how far the processor is behind, and what runs', async ({ page }) => {
    await load(page, '/admin', 'Admin');
    await expect(
      page.getByRole('navigation', { name: 'Admin pages' }).getByRole('link', { name: 'System health' }),
    ).toHaveAttribute('aria-current', 'page');
    await expect(page.getByText('Ready', { exact: true })).toBeVisible();
    await expect(page.getByText('Lag (newest event applied)')).toBeVisible();
    await expect(page.getByText('Node.js')).toBeVisible();
    await expectAccessible(page);
    await screenshot(page, 'admin-health');
  });

  test('adds a user, who then appears in the audit log with what was done', async ({ page }) => {
    const name = `e2e-${Date.now().toString(36)}`;
    await load(page, '/admin/users', 'Users and tokens');
    await expect(page.getByText('e2e', { exact: true }).first()).toBeVisible(); // the API token, by name only
    await expect(page.getByText('e2e-admin-token')).toHaveCount(0);
    await page.getByRole('button', { name: 'Add user' }).first().click();
    await page.getByLabel('Username').fill(name);
    await page.getByLabel('Role').selectOption('warehouse_manager');
    await page.getByLabel('DC-EU').check();
    await page.getByRole('button', { name: 'Add user' }).last().click();
    await expect(page.getByRole('status').filter({ hasText: `Added ${name}` })).toContainText('shown once');
    await expect(page.getByRole('table', { name: 'Users' })).toContainText(name);
    await expectAccessible(page);
    await screenshot(page, 'admin-users');

    await page.getByRole('link', { name: 'Audit log' }).click();
    await expect(page.getByRole('heading', { level: 1, name: 'Audit log' })).toBeVisible();
    await page.getByLabel('Record (order, user, dead letter…)').fill(name);
    await page.getByRole('button', { name: 'Apply filters' }).click();
    await expect(page).toHaveURL(new RegExp(`record=${name}`));
    const log = page.getByRole('table', { name: 'Audit log' });
    await expect(log).toContainText('user.create');
    await expect(log.getByRole('row')).toHaveCount(2); // header and the one entry
    // The filter is a history entry: Back returns to the unfiltered log.
    await page.goBack();
    await expect(page).not.toHaveURL(/record=/);
  });

  test('corrects and replays a dead letter, which then counts as an order', async ({ page }) => {
    const id = `E2E-DL-${Date.now().toString(36).toUpperCase()}`;
    const broken = specEvent(`e2e-dl-${id}`, 'order.created', { order_id: id, channel: 'web' }, 60);
    await api('/api/events', { method: 'POST', body: [broken] }).catch(() => undefined); // 422: kept as a dead letter
    await load(page, '/admin/dead-letters', 'Dead letters');
    const row = page.getByRole('row').filter({ hasText: `e2e-dl-${id}` });
    await expect(row).toContainText('invalid event');
    await screenshot(page, 'admin-dead-letters');
    await row.getByRole('button', { name: 'Correct and replay' }).click();
    const dialog = page.getByRole('dialog');
    const fixed = {
      ...broken,
      data: {
        order_id: id,
        channel: 'web',
        customer_ref: 'e2e',
        ship_by: new Date(Date.parse(broken.occurred_at) + 86_400_000).toISOString(),
        lines: [{ sku: 'APP-1001', qty: 1, unit_price: 20, unit_cost: 8 }],
        shipping_charged: 0,
        fees: 0,
      },
    };
    await dialog.getByLabel('Event (JSON)').fill(JSON.stringify(fixed));
    await dialog.getByRole('button', { name: 'Replay corrected' }).click();
    await expect(page.getByRole('status').filter({ hasText: 'Replayed' })).toContainText('Replayed 1 of 1');
    await expect(page.getByRole('row').filter({ hasText: `e2e-dl-${id}` })).toHaveCount(0);
    await page.getByRole('link', { name: 'replayed' }).click();
    await expect(page.getByRole('row').filter({ hasText: `e2e-dl-${id}` })).toContainText('replayed by admin');
    await expect(async () => {
      const o = await api<{ order_id: string; status: string }>(`/api/orders/${id}`);
      expect(o.status).toBe('created');
    }).toPass({ timeout: 20_000 });
  });
});

test.describe('not an admin', () => {
  test.use({ storageState: stateOf('erin') });

  test('is told the admin area is not part of the role', async ({ page }) => {
    await page.goto('/admin/users');
    await expect(page.getByRole('heading', { name: 'Not part of your role' })).toBeVisible();
    await expect(page.getByRole('navigation', { name: 'Views' }).getByRole('link', { name: 'Admin' })).toHaveCount(0);
  });
});
