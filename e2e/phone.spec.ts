import { expect, test } from '@playwright/test';
import { stateOf } from './env';
import { load, screenshot } from './helpers';

/** Every view of each role at phone size (390 × 844): usable, and the page never scrolls sideways. */
const VIEWS: [user: string, path: string, heading: string][] = [
  ['erin', '/', 'Executive board'],
  ['erin', '/returns', 'Returns analysis'],
  ['erin', '/inventory', 'Inventory'],
  ['erin', '/alerts', 'Alerts'],
  ['walt', '/', 'Executive board'],
  ['walt', '/inventory', 'Inventory'],
  ['walt', '/alerts', 'Alerts'],
  ['walt', '/warehouse', 'Warehouse console'],
  ['walt', '/orders', 'Order lookup'],
  ['petra', '/returns', 'Returns analysis'],
  ['sam', '/orders', 'Order lookup'],
  ['sam', '/exceptions', 'Exception queue'],
  ['sam', '/alerts', 'Alerts'],
  ['petra', '/alerts', 'Alerts'],
  ['admin', '/admin', 'Admin'],
  ['admin', '/admin/users', 'Users and tokens'],
  ['admin', '/admin/audit', 'Audit log'],
  ['admin', '/admin/dead-letters', 'Dead letters'],
  ['admin', '/admin/notifications', 'Notifications'],
  ['admin', '/admin/simulator', 'Simulator'],
];

test.use({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });

for (const [user, path, heading] of VIEWS) {
  test.describe(user, () => {
    test.use({ storageState: stateOf(user) });
    test(`${path} fits a phone without horizontal scrolling`, async ({ page }) => {
      await load(page, path, heading);
      const overflow = await page.evaluate(
        () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
      );
      expect(overflow, `${path} is ${overflow} px wider than the screen`).toBeLessThanOrEqual(0);
      await expect(page.getByRole('navigation', { name: 'Views' })).toBeVisible();
      await screenshot(page, `phone-${user}-${path.replace(/\//g, '-').replace(/^-/, '') || 'home'}`);
    });
  });
}
