import { expect, test } from '@playwright/test';
import { stateOf } from './env';

test.describe('your account', () => {
  test.use({ storageState: stateOf('petra'), timezoneId: 'America/New_York' });

  test('times follow the browser until the user chooses a zone, and the header says which', async ({ page }) => {
    await page.goto('/account');
    await expect(page.getByRole('heading', { level: 1, name: 'Your account' })).toBeVisible();
    await expect(page.getByText('times: America/New_York')).toBeVisible();
    // A choice reloads the page; a choice made before the reloaded page has hydrated is lost (the
    // server-rendered select takes it, no handler hears it), as a person would see and choose again.
    const choose = async (zone: string, header: string) =>
      expect(async () => {
        await page.getByLabel('Show times in').selectOption(zone);
        await expect(page.getByText(header)).toBeVisible({ timeout: 3000 });
      }).toPass({ timeout: 30_000 });
    await choose('Asia/Tokyo', 'times: Asia/Tokyo');
    await expect(page.getByLabel('Show times in')).toHaveValue('Asia/Tokyo');
    // Back to the browser's own.
    await choose('', 'times: America/New_York');
    // Changing one's own password is offered to a password user.
    await expect(page.getByLabel('Current password')).toBeVisible();
  });

  test('a planner chooses which of their alerts come by email, with quiet hours, and it is kept', async ({ page }) => {
    await page.goto('/account');
    const card = page.getByRole('group', { name: 'Which alerts' });
    // A planner is offered the planner's alerts only.
    await expect(card.getByRole('checkbox')).toHaveCount(2);
    await expect(card.getByLabel('Return reason spike')).toBeChecked();
    await page.getByLabel('Email me alerts that concern me').check();
    await page.getByLabel('Email address').fill('petra@example.com');
    await card.getByLabel('Inventory accuracy drop').uncheck();
    await page.getByLabel(/Quiet hours/).check();
    await page.getByLabel(/One mail a day/).check();
    await page.getByLabel('Daily mail at').fill('06:30');
    await page.getByRole('button', { name: 'Save email alerts' }).click();
    await expect(page.getByRole('status').filter({ hasText: 'Saved.' })).toBeVisible();
    await page.reload();
    await expect(page.getByLabel('Email address')).toHaveValue('petra@example.com');
    await expect(
      page.getByRole('group', { name: 'Which alerts' }).getByLabel('Inventory accuracy drop'),
    ).not.toBeChecked();
    await expect(page.getByLabel('From')).toHaveValue('22:00');
    await expect(page.getByLabel(/One mail a day/)).toBeChecked();
    await expect(page.getByLabel('Daily mail at')).toHaveValue('06:30');
  });
});
