// The kiosk's zones at work: the bottom bar's 返回 goes one level up, the status band shows the
// step of a flow, the attract screen never swallows the touch that ends it, 长辈版 pages a list
// five entries at a time (the page in the URL) and lasts until the idle wipe.
const { test, expect } = require('@playwright/test');
const { guardPage } = require('../lib/guard');
const { entry, entries } = require('../lib/screens');
const { useMode } = require('../lib/layout');

// Several tests set the hall's config through config.json: the service worker must not answer it.
test.use({ serviceWorkers: 'block' });

test('返回 in the bottom bar goes one level up, and is off on the home screen', async ({ page }) => {
  const g = guardPage(page);
  await page.goto('/');
  await expect(page.getByTestId('nav-back')).toBeDisabled();
  await page.goto('/lenient/list?domain=tax');
  await page.getByTestId('lenient-item').first().click();
  await expect(page.getByTestId('lenient-detail')).toBeVisible();
  await page.getByTestId('nav-back').click();
  await expect(page).toHaveURL(/\/lenient\/list\?domain=tax$/);
  await page.getByTestId('nav-back').click();
  await expect(page).toHaveURL(/\/lenient$/);
  await page.getByTestId('nav-back').click();
  await expect(page).toHaveURL(/\/$/);
  await expect(page.getByTestId('home-lenient')).toBeVisible();
  g.assertClean();
});

test('the status band shows the step of the self-check and of the review flow, and no controls', async ({ page }) => {
  const g = guardPage(page);
  await page.goto(`/lenient/item/${entry.id}/check`);
  const step = page.getByTestId('status-step');
  await expect(step).toHaveText(/^第1步\/共\d+步$/);
  // "No" to the first question (a decision already made) leads to the second.
  await page.getByTestId('eligibility-no').click();
  await expect(step).toHaveText(/^第2步\/共\d+步$/);
  await page.goto('/reviews');
  await expect(step).toHaveText('第1步/共3步');
  await page.goto('/reviews/new?window=A01');
  await expect(step).toHaveText('第2步/共3步');
  await page.getByTestId('lang-toggle').click();
  await expect(step).toHaveText('Step 2 of 3');
  await page.goto('/');
  await expect(step).toBeHidden();
  await expect(page.getByTestId('status-clock')).toHaveText(/\d{1,2}月\d{1,2}日 周. \d\d:\d\d/);
  // Nothing to press in the band (the hall name's long press is the staff's hidden way in).
  await expect(page.getByTestId('status-band').locator('a, button, input, select, textarea')).toHaveCount(0);
  g.assertClean();
});

test('the home tiles follow the hall order (home_order), most used lowest; left-out services follow, none twice', async ({ page }) => {
  const g = guardPage(page);
  const order = async () => page.locator('.tiles .tile').evaluateAll((ts) => ts.map((t) => t.dataset.testid));
  await page.goto('/');
  await expect(page.getByTestId('home-reviews')).toBeVisible();
  expect(await order()).toEqual(['home-certs', 'home-lenient', 'home-reviews']);
  await useMode(page, { extra: { home_order: ['reviews', 'lenient'] } });
  await page.goto('/');
  await expect(page.getByTestId('home-reviews')).toBeVisible();
  expect(await order()).toEqual(['home-reviews', 'home-lenient', 'home-certs']);
  // Lowest on the screen is the last one.
  const ys = await page.locator('.tiles .tile').evaluateAll((ts) => ts.map((t) => t.getBoundingClientRect().top));
  expect(ys[2]).toBeGreaterThan(ys[0]);
  g.assertClean();
});

test('the attract screen comes after a long idle; a tap on a tile under it ends it and opens the tile', async ({ page }) => {
  const g = guardPage(page);
  await useMode(page, { extra: { attract_after_seconds: 5 } });
  await page.goto('/');
  const attract = page.getByTestId('attract');
  await expect(attract).toBeVisible({ timeout: 12_000 });
  await expect(attract).toContainText('请触摸屏幕开始');
  await expect(attract).toContainText('Touch the screen to start');
  await expect(attract).toContainText('姑苏区政务服务中心');
  for (const s of ['包容免罚清单', '电子证照', '好差评']) await expect(attract).toContainText(s);
  // The tile lies under the attract layer: the one tap both ends it and acts.
  const box = await page.getByTestId('home-lenient').boundingBox();
  await page.touchscreen.tap(box.x + box.width / 2, box.y + box.height / 2);
  await expect(page).toHaveURL(/\/lenient$/);
  await expect(attract).toBeHidden();
  g.assertClean();
});

test('the attract screen: a touch anywhere ends it, a key too, and it comes back after the idle', async ({ page }) => {
  const g = guardPage(page);
  await useMode(page, { extra: { attract_after_seconds: 5 } });
  await page.goto('/');
  const attract = page.getByTestId('attract');
  await expect(attract).toBeVisible({ timeout: 12_000 });
  const home = await page.getByTestId('home-lenient').boundingBox();
  // A touch on empty space between the title and the tiles: dismissed, still home.
  await page.touchscreen.tap(20, home.y - 20);
  await expect(attract).toBeHidden();
  await expect(page).toHaveURL(/\/$/);
  await expect(attract).toBeVisible({ timeout: 12_000 });
  await page.keyboard.press('Tab');
  await expect(attract).toBeHidden();
  // Never on another screen.
  await page.goto('/lenient');
  await page.waitForTimeout(6500);
  await expect(attract).toBeHidden();
  g.assertClean();
});

test('长辈版 pages a list five entries at a time with 上一页/下一页, the page in the URL', async ({ page }) => {
  const g = guardPage(page);
  const tax = entries.filter((e) => e.domain === 'tax');
  test.skip(tax.length <= 5, 'needs more than 5 tax entries in the seed');
  await page.goto('/lenient/list?domain=tax');
  await expect(page.getByTestId('lenient-item').first()).toBeVisible();
  const standard = await page.getByTestId('lenient-item').count();
  expect(standard).toBeGreaterThan(5);
  await expect(page.getByTestId('lenient-pager')).toHaveCount(0);
  await page.getByTestId('elder-toggle').click();
  await expect(page.getByTestId('lenient-item')).toHaveCount(5);
  const first = await page.getByTestId('lenient-item').evaluateAll((els) => els.map((e) => e.dataset.id));
  await expect(page.getByTestId('lenient-page')).toHaveText(`1 / ${Math.ceil(standard / 5)}`);
  await page.getByTestId('lenient-page-next').click();
  await expect(page).toHaveURL(/[?&]page=2(&|$)/);
  await expect(page.getByTestId('lenient-page')).toHaveText(/^2 \//);
  const second = await page.getByTestId('lenient-item').evaluateAll((els) => els.map((e) => e.dataset.id));
  expect(second.some((id) => first.includes(id))).toBe(false);
  await page.getByTestId('lenient-page-prev').click();
  await expect(page).not.toHaveURL(/page=/);
  expect(await page.getByTestId('lenient-item').evaluateAll((els) => els.map((e) => e.dataset.id))).toEqual(first);
  // The page survives a reload (it is in the URL); the mode comes from the hall's config then.
  await useMode(page, { elder: true });
  await page.goto('/lenient/list?domain=tax&page=2');
  await expect(page.getByTestId('lenient-page')).toHaveText(/^2 \//);
  await expect(page.getByTestId('lenient-item')).toHaveCount(Math.min(5, standard - 5));
  g.assertClean();
});

test('长辈版 lasts until the idle wipe; the next person gets the standard version', async ({ page }) => {
  test.info().setTimeout(90_000);
  const g = guardPage(page);
  await useMode(page, { extra: { idle_seconds: 10, idle_seconds_personal: 10, idle_warning_seconds: 20 } });
  await page.goto('/');
  await page.getByTestId('elder-toggle').click();
  await page.getByTestId('nav-lenient').click();
  await expect(page.locator('html')).toHaveClass(/elder/);
  await page.getByTestId('nav-certs').click();
  await expect(page.getByTestId('elder-toggle')).toHaveAttribute('aria-pressed', 'true');
  // The countdown shows in the status band too; letting it run wipes the session.
  await expect(page.getByTestId('status-idle')).toHaveText(/\d+ 秒后返回首页/, { timeout: 20_000 });
  await expect(page.getByTestId('home-lenient')).toBeVisible({ timeout: 40_000 });
  await expect(page.getByTestId('elder-toggle')).toHaveAttribute('aria-pressed', 'false');
  await expect(page.locator('html')).not.toHaveClass(/elder/);
  g.assertClean();
});
