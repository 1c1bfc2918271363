import { expect, test } from '@playwright/test';
import { stateOf } from './env';
import { api, serverNow, expectAccessible, load, NUMBER, screenshot, specEvent } from './helpers';

test.describe('executive', () => {
  test.use({ storageState: stateOf('erin') });

  test('the board shows real KPI figures, margin components and fresh data, accessibly', async ({ page }) => {
    await load(page, '/', 'Executive board');
    // The window is the last 24 h on the server's clock (E2E_NOW): on a Monday morning nothing has
    // shipped since Saturday. Each figure is then a number, or a dash with the reason beside it.
    const shipped = Number(
      (
        await page
          .getByRole('region', { name: 'On-time ship rate' })
          .getByText(/[\d,]+ shipped/)
          .innerText()
      )
        .match(/([\d,]+) shipped/)![1]
        .replace(/,/g, ''),
    );
    for (const tile of [
      'Inventory accuracy',
      'Refund cycle time',
      'Open exceptions',
      'Channel margin',
      'On-time ship rate',
    ]) {
      const region = page.getByRole('region', { name: tile });
      const figure = page.getByTestId(`kpi-${tile}`);
      await expect(figure, tile).toHaveText(/\d|—/);
      if (/\d/.test(await figure.innerText())) await expect(region.getByRole('note'), tile).toHaveCount(0);
      else
        await expect(region.getByRole('note'), `${tile} shows a dash without saying why`).toContainText(
          /No .* in this window/,
        );
      await expect(region).toContainText('previous period');
      // Every tile opens the records it is made of ("explain this number").
      await expect(region.getByRole('link', { name: /^See the / }), tile).toBeVisible();
    }
    for (const tile of ['Channel margin', 'On-time ship rate'])
      await expect(page.getByTestId(`kpi-${tile}`), tile).toHaveText(shipped > 0 ? NUMBER : /^—/);
    await expect(page.getByTestId('kpi-Open exceptions')).toHaveText(NUMBER);
    const margin = page.getByRole('table', { name: 'channel margin' });
    if (shipped > 0) {
      await expect(margin.getByRole('row')).not.toHaveCount(1);
      for (const col of ['Revenue', 'COGS', 'Shipping', 'Fees', 'Return shipping', 'Refunds', 'Recovered COGS'])
        await expect(margin.getByRole('columnheader', { name: col, exact: true })).toBeVisible();
    }
    await expect(page.getByText(/Updated .* · newest event/)).toBeVisible();
    // Each figure's definition is one click away: the formula, the window, what counts and what not.
    const marginTile = page.getByRole('region', { name: 'Channel margin' });
    await marginTile.getByText('What is channel margin?').click();
    await expect(marginTile.getByText(/Margin = revenue − cost of goods/)).toBeVisible();
    await expect(marginTile.getByText(/compared with the same length of time just before it/)).toBeVisible();
    await marginTile.getByText('What is channel margin?').click();
    await screenshot(page, 'board');
    // "Explain this number": the orders behind the on-time ship rate, as many as the tile says
    // (a page lists at most 5,000).
    if (shipped > 0 && shipped <= 5000) {
      await page
        .getByRole('region', { name: 'On-time ship rate' })
        .getByRole('link', { name: 'See the orders' })
        .click();
      await expect(page.getByRole('heading', { level: 1, name: 'Orders behind the on-time ship rate' })).toBeVisible();
      await expect(page.getByText(`${shipped.toLocaleString('en-US')} orders shipped`)).toBeVisible();
      await expect(page.getByRole('button', { name: `Export CSV (${shipped} rows)` })).toBeVisible();
      await page.goBack();
    }
    // And the exceptions behind "Open exceptions".
    const open = Number((await page.getByTestId('kpi-Open exceptions').innerText()).replace(/,/g, ''));
    if (open <= 5000) {
      await page
        .getByRole('region', { name: 'Open exceptions' })
        .getByRole('link', { name: 'See the exceptions' })
        .click();
      await expect(page.getByRole('heading', { level: 1, name: 'Exceptions open now' })).toBeVisible();
      await expect(page.getByText(`${open.toLocaleString('en-US')} exceptions open now`)).toBeVisible();
      await page.goBack();
    }
    await expectAccessible(page);
  });

  test('window and filters live in the URL and change the figures', async ({ page }) => {
    await load(page, '/', 'Executive board');
    await page.getByRole('combobox', { name: 'Time window' }).selectOption('7d');
    await expect(page).toHaveURL(/range=7d/);
    await page.getByRole('combobox', { name: 'Channel' }).selectOption('web');
    await expect(page).toHaveURL(/channel=web/);
    const margin = page.getByRole('table', { name: 'channel margin' });
    await expect(margin.getByRole('row')).toHaveCount(2); // header + web
    await page.reload();
    await expect(page.getByRole('combobox', { name: 'Channel' })).toHaveValue('web');
    // Each filter change is a history entry: Back undoes the channel, then the window.
    await page.goBack();
    await expect(page).not.toHaveURL(/channel=web/);
    await expect(page.getByRole('combobox', { name: 'Channel' })).toHaveValue('');
    await expect(page.getByRole('combobox', { name: 'Time window' })).toHaveValue('7d');
    await page.goBack();
    await expect(page.getByRole('combobox', { name: 'Time window' })).toHaveValue('24h');
  });

  test('navigation shows only the views an executive may use', async ({ page }) => {
    await page.goto('/');
    const nav = page.getByRole('navigation', { name: 'Views' });
    await expect(nav.getByRole('link')).toHaveText([
      'Executive board',
      'Returns analysis',
      'Order lookup',
      'Inventory',
      'Alerts',
    ]);
    await expect(nav.getByRole('link', { name: 'Executive board' })).toHaveAttribute('aria-current', 'page');
    // A view the role does not allow says so, with the role's own views.
    await page.goto('/warehouse');
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Not part of your role');
    await expect(page.getByText('Warehouse console is not available to the executive role')).toBeVisible();
  });
});

test.describe('planner', () => {
  test.use({ storageState: stateOf('petra') });

  test('sees an inventory accuracy drop in Alerts, live, and acknowledges it', async ({ page }) => {
    await load(page, '/alerts', 'Alerts');
    // Ten counts far off at a new location: its accuracy is 0 %, far below the threshold.
    const location = `E2E-${Date.now().toString(36).toUpperCase()}`;
    await api('/api/events', {
      method: 'POST',
      body: Array.from({ length: 10 }, (_, i) =>
        specEvent(
          `e2e-count-${location}-${i}`,
          'inventory.counted',
          { sku: `E2E-SKU-${i}`, location, counted_qty: 0, expected_qty: 100 },
          10 - i,
        ),
      ),
    });
    const row = page.getByRole('table', { name: 'alerts' }).getByRole('row').filter({ hasText: location });
    await expect(row).toBeVisible({ timeout: 30_000 });
    await expect(row).toContainText('Inventory accuracy drop');
    await row.getByRole('button', { name: 'Acknowledge' }).click();
    await expect(row).toContainText('acknowledged by petra');
    await page.reload();
    await expect(
      page.getByRole('table', { name: 'alerts' }).getByRole('row').filter({ hasText: location }),
    ).toContainText('acknowledged by petra');
  });

  test('sees a return reason spike in Alerts and acknowledges it', async ({ page }) => {
    test.setTimeout(120_000); // reason shares are judged every OPS_RULES_SLOW_SECONDS (5 s here)
    // A category of its own: one order whose line is in it, 20 returns over the week before (10 %
    // too small) and 20 in the last day (75 % too small) — a spike the slow judgement finds.
    const tag = Date.now().toString(36).toUpperCase();
    const category = `e2e-${tag.toLowerCase()}`;
    const order = `E2E-SPIKE-${tag}`;
    const sku = `SPK-${tag}`;
    const ret = (n: number, reason: string, secondsAgo: number) =>
      specEvent(
        `e2e-spike-${tag}-r${n}`,
        'return.requested',
        { rma_id: `RMA-${tag}-${n}`, order_id: order, sku, qty: 1, reason },
        secondsAgo,
      );
    const DAY = 86_400;
    await api('/api/events', {
      method: 'POST',
      body: [
        specEvent(
          `e2e-spike-${tag}-o`,
          'order.created',
          {
            order_id: order,
            channel: 'web',
            customer_ref: 'e2e',
            ship_by: new Date(serverNow() - 7 * DAY * 1000).toISOString(),
            lines: [{ sku, qty: 40, unit_price: 10, unit_cost: 4, category }],
            shipping_charged: 0,
            fees: 0,
          },
          8 * DAY,
        ),
        ...Array.from({ length: 20 }, (_, i) => ret(i, i < 2 ? 'too_small' : 'changed_mind', (2 + i / 5) * DAY)),
        ...Array.from({ length: 20 }, (_, i) => ret(20 + i, i < 15 ? 'too_small' : 'changed_mind', 3600 + i * 60)),
      ],
    });
    await load(page, '/alerts', 'Alerts');
    const row = page.getByRole('table', { name: 'alerts' }).getByRole('row').filter({ hasText: category });
    await expect(row).toBeVisible({ timeout: 120_000 });
    await expect(row).toContainText('Too small returns in');
    await row.getByRole('button', { name: 'Acknowledge' }).click();
    await expect(row).toContainText('acknowledged by petra');
  });

  test('returns analysis and inventory show real figures, accessibly', async ({ page }) => {
    await load(page, '/returns', 'Returns analysis');
    await expect(page.getByRole('table', { name: 'returns by reason' }).getByRole('row').nth(1)).toContainText(NUMBER);
    await expect(page.getByRole('table', { name: 'Stock held in non-sellable states' })).toContainText(
      /pending inspection|quarantined|refurbish/,
    );
    await expect(page.getByText(/Updated .* · newest event/)).toBeVisible();
    await screenshot(page, 'returns');
    await expectAccessible(page);

    await load(page, '/inventory', 'Inventory');
    const variances = page.getByRole('table', { name: 'count variances' });
    await expect(variances.getByRole('row').nth(1)).toContainText(NUMBER);
    for (const col of ['SKU', 'Location', 'Expected', 'Counted', 'Value off'])
      await expect(variances.getByRole('columnheader', { name: col, exact: true })).toBeVisible();
    await expect(page.getByRole('table', { name: 'stock by state' }).getByRole('row').nth(1)).toContainText(NUMBER);
    await screenshot(page, 'inventory');
    await expectAccessible(page);
  });
});

test.describe('support', () => {
  test.use({ storageState: stateOf('sam') });

  test('order lookup: an exact order id opens the order; a tracking id lists it; the record is complete', async ({
    page,
  }) => {
    const { exceptions } = await api<{ exceptions: { order_id: string | null }[] }>(
      '/api/exceptions?category=carrier_exception&limit=1',
    );
    const orderId = exceptions[0].order_id!;
    const tracking = (await api<{ tracking_id: string }>(`/api/orders/${orderId}`)).tracking_id;
    expect(tracking).toBeTruthy();

    await load(page, '/orders', 'Order lookup');
    await expect(page.getByText(/Updated .* · newest event/)).toBeVisible();
    await page.getByLabel('Order id, customer ref, tracking id or RMA').fill(tracking);
    await page.getByRole('button', { name: 'Search' }).click();
    await expect(page).toHaveURL(new RegExp(`q=${tracking}`));
    const hits = page.getByRole('table', { name: 'matching orders' });
    await expect(hits).toContainText(orderId);
    await expect(hits).toContainText('tracking_id');
    await screenshot(page, 'orders');
    await expectAccessible(page);

    await page.getByLabel('Order id, customer ref, tracking id or RMA').fill(orderId);
    await page.getByRole('button', { name: 'Search' }).click();
    await expect(page).toHaveURL(new RegExp(`/orders/${orderId}$`));
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(`Order ${orderId}`);

    await load(page, `/orders/${orderId}`, `Order ${orderId}`);
    const timeline = page.getByRole('table', { name: 'order timeline' });
    await expect(timeline).toContainText('order.created');
    await expect(timeline).toContainText('carrier.exception');
    await expect(page.getByRole('definition').filter({ hasText: tracking })).toBeVisible();
    await expect(page.getByText(/Updated .* · newest event/)).toBeVisible();
    await screenshot(page, 'order-detail');
    await expectAccessible(page);
  });
});
