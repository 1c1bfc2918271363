import { expect, test } from '@playwright/test';
import { stateOf } from './env';

test.describe('your account', () => {
  test.use({ storageState: stateOf('petra'), timezoneId: 'America/New_York' });

  test('times follow the browser until the user chooses a zone, and the header says which', async ({ page }) => {
    await page.goto('/account');
    await expect(page.getByRole('heading', { level: 1, name: 'Your account' })).toBeVisible();
    await expect(page.getByText('times: America/New_York')).toBeVisible();
    await page.getByLabel('Show times in').selectOption('Asia/Tokyo');
    await expect(page.getByText('times: Asia/Tokyo')).toBeVisible();
    await expect(page.getByLabel('Show times in')).toHaveValue('Asia/Tokyo');
    // Back to the browser's own.
    await page.getByLabel('Show times in').selectOption('');
    await expect(page.getByText('times: America/New_York')).toBeVisible();
    // Changing one's own password is offered to a password user.
    await expect(page.getByLabel('Current password')).toBeVisible();
  });
});
