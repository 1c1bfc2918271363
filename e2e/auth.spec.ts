import { expect, test, type Page } from '@playwright/test';
import { E2E } from './env';

/** A URL that ends with `path` exactly (host and port vary). */
const endsWith = (path: string) => new RegExp(`${path.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`);

test('signed out, a view sends you to sign in and back to that very link; a view outside your role says so', async ({
  page,
}) => {
  for (const view of ['/', '/warehouse', '/returns', '/orders', '/inventory']) {
    await page.goto(view);
    await expect(page, view).toHaveURL(endsWith(`/signin?next=${encodeURIComponent(view)}`));
  }
  // A deep link (an order search) opened while signed out.
  await page.goto('/orders?q=NO-SUCH-ORDER');
  await expect(page).toHaveURL(endsWith(`/signin?next=${encodeURIComponent('/orders?q=NO-SUCH-ORDER')}`));
  await page.getByLabel('Username').fill('sam');
  await page.getByLabel('Password').fill('not-the-password');
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByRole('alert').filter({ hasText: 'wrong username or password' })).toBeVisible();

  await page.getByLabel('Password').fill(E2E.password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page).toHaveURL(endsWith('/orders?q=NO-SUCH-ORDER'));
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Order lookup');
  const nav = page.getByRole('navigation', { name: 'Views' });
  await expect(nav.getByRole('link')).toHaveText(['Order lookup', 'Alerts', 'Exception queue']);
  await expect(nav.getByRole('link', { name: 'Order lookup' })).toHaveAttribute('aria-current', 'page');

  // Not a silent redirect: the view says it is not part of the role and offers the role's own.
  await page.goto('/returns');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Not part of your role');
  await expect(page.getByText('Returns analysis is not available to the support role')).toBeVisible();
  await page.getByRole('main').getByRole('link', { name: 'Order lookup' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Order lookup');
  // The root means "home": each role lands on its own first view.
  await page.goto('/');
  await expect(page).toHaveURL(endsWith('/orders'));

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
    'Alerts',
  ]);
});

test('single sign-on: a user the provider gives no Ops Pulse role is told why and not signed in', async ({ page }) => {
  await ssoSignIn(page, 'nora');
  await expect(page).toHaveURL(/\/signin\?error=sso_no_role/);
  await expect(page.getByRole('alert').filter({ hasText: 'no Ops Pulse role' })).toBeVisible();
  await page.goto('/');
  await expect(page).toHaveURL(/\/signin/);
});
