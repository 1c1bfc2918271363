import { expect, test } from '@playwright/test';
import { E2E } from './env';

test('signed out, every view sends you to sign in; a support user sees only order lookup', async ({ page }) => {
  for (const view of ['/', '/warehouse', '/returns', '/orders', '/inventory']) {
    await page.goto(view);
    await expect(page, view).toHaveURL(/\/signin/);
  }
  await page.getByLabel('Username').fill('sam');
  await page.getByLabel('Password').fill('not-the-password');
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByRole('alert').filter({ hasText: 'wrong username or password' })).toBeVisible();

  await page.getByLabel('Password').fill(E2E.password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Order lookup');
  await expect(page.getByRole('navigation', { name: 'Views' }).getByRole('link')).toHaveText(['Order lookup']);
  await page.goto('/returns');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Order lookup');

  await page.getByRole('button', { name: 'Sign out' }).click();
  await expect(page).toHaveURL(/\/signin/);
  await page.goto('/orders');
  await expect(page).toHaveURL(/\/signin/);
});
