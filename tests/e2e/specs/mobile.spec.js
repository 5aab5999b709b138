// The phone project (360×740, touch): main flows fit the width and use the phone's keyboard.
const { test, expect } = require('@playwright/test');
const { guardPage } = require('../lib/guard');

async function noHorizontalScroll(page) {
  const { sw, iw } = await page.evaluate(() => ({ sw: document.documentElement.scrollWidth, iw: window.innerWidth }));
  expect(sw).toBeLessThanOrEqual(iw + 1);
}

test('home, lists, an entry and the self-check at 360 px', async ({ page }) => {
  const g = guardPage(page);
  await page.goto('/');
  await noHorizontalScroll(page);
  await page.getByTestId('home-lenient').tap();
  await page.getByTestId('lenient-domain').first().tap();
  await expect(page.getByTestId('lenient-item').first()).toBeVisible();
  await noHorizontalScroll(page);
  await page.getByTestId('lenient-item').first().tap();
  await expect(page.getByTestId('lenient-detail')).toBeVisible();
  await noHorizontalScroll(page);
  await page.getByTestId('eligibility-start').tap();
  await expect(page.getByTestId('eligibility-question')).toBeVisible();
  await noHorizontalScroll(page);
  g.assertClean();
});

test('certificates and reviews at 360 px use the phone keyboard, not the kiosk keypad', async ({ page }) => {
  const g = guardPage(page);
  await page.goto('/certs');
  await expect(page.getByTestId('cert-submit')).toBeVisible();
  await expect(page.getByTestId('keypad-toggle')).toHaveCount(await page.getByTestId('keypad-toggle').count());
  for (const t of await page.getByTestId('keypad-toggle').all()) await expect(t).toBeHidden();
  await noHorizontalScroll(page);
  await page.goto('/reviews/new?window=A01');
  await expect(page.getByTestId('review-rating').first()).toBeVisible();
  await expect(page.getByTestId('review-phone')).toHaveAttribute('inputmode', /tel|numeric/);
  await noHorizontalScroll(page);
  await page.goto('/reviews/stats');
  await expect(page.getByTestId('review-stats')).toBeVisible();
  await noHorizontalScroll(page);
  g.assertClean();
});
