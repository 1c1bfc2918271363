import { expect, test, type Page } from '@playwright/test';
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

test('pages and API answers carry the security headers; the app cannot be framed', async ({ request, page }) => {
  for (const path of ['/signin', '/api/health']) {
    const res = await request.get(path);
    const h = res.headers();
    expect(h['content-security-policy'], path).toContain("frame-ancestors 'none'");
    expect(h['content-security-policy'], path).toContain("default-src 'self'");
    expect(h['x-frame-options'], path).toBe('DENY');
    expect(h['x-content-type-options'], path).toBe('nosniff');
    expect(h['referrer-policy'], path).toBe('same-origin');
    expect(h['x-powered-by'], path).toBeUndefined();
  }
  // The CSP still lets the app itself run: the sign-in form hydrates and reports a wrong password.
  const violations: string[] = [];
  page.on('console', (m) => m.text().includes('Content Security Policy') && violations.push(m.text()));
  await page.goto('/signin');
  await page.getByLabel('Username').fill('nobody');
  await page.getByLabel('Password').fill('wrong-password');
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByRole('alert').filter({ hasText: 'wrong username or password' })).toBeVisible();
  expect(violations).toEqual([]);
});

/** Through the development provider's own pages (another site): any password, consent once. */
async function ssoSignIn(page: Page, login: string) {
  await page.goto('/signin');
  await page.getByRole('link', { name: 'Sign in with single sign-on' }).click();
  await page.locator('input[name="login"]').fill(login);
  await page.locator('input[name="password"]').fill('any');
  await page.getByRole('button', { name: 'Sign-in' }).click();
  await page.getByRole('button', { name: 'Continue' }).click();
}

test('single sign-on: a company user signs in at the identity provider and lands in the views of the role it asserts', async ({
  page,
}) => {
  await ssoSignIn(page, 'olga');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Executive board');
  await expect(page.getByText('olga@example.com')).toBeVisible();
  await expect(page.getByRole('navigation', { name: 'Views' }).getByRole('link')).toHaveText([
    'Executive board',
    'Returns analysis',
    'Order lookup',
    'Inventory',
  ]);
});

test('single sign-on: a user the provider gives no Ops Pulse role is told why and not signed in', async ({ page }) => {
  await ssoSignIn(page, 'nora');
  await expect(page).toHaveURL(/\/signin\?error=sso_no_role/);
  await expect(page.getByRole('alert').filter({ hasText: 'no Ops Pulse role' })).toBeVisible();
  await page.goto('/');
  await expect(page).toHaveURL(/\/signin/);
});
