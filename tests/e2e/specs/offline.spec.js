// The installable offline shell: load once, go offline, reload; the home screen and list
// browsing still work from the Workbox caches.
const { test, expect } = require('@playwright/test');
const { guardPage } = require('../lib/guard');

test('after one visit the app starts and browses the lists offline', async ({ page, context }) => {
  const g = guardPage(page, { allow: [/Failed to load resource/, /net::ERR_/] });
  await page.goto('/');
  await page.evaluate(async () => { await navigator.serviceWorker.ready; });
  await page.reload(); // now controlled by the service worker
  await expect.poll(() => page.evaluate(() => !!navigator.serviceWorker.controller)).toBe(true);
  await page.getByTestId('nav-lenient').click();
  await expect(page.getByTestId('lenient-domain').first()).toBeVisible();

  await context.setOffline(true);
  await page.goto('/'); // a fresh start of the app with no network
  await expect(page.getByTestId('home-lenient')).toBeVisible();
  await expect(page.getByTestId('offline-banner')).toBeVisible();
  await page.getByTestId('nav-lenient').click();
  await expect(page.getByTestId('lenient-domain').first()).toBeVisible();
  await page.getByTestId('lenient-domain').first().click();
  await expect(page.getByTestId('lenient-item').first()).toBeVisible();
  await context.setOffline(false);

  // Nothing personal is cached: only the shell, non-personal demo files, the catalog and the config.
  const cached = await page.evaluate(async () => {
    const urls = [];
    for (const name of await caches.keys()) {
      const c = await caches.open(name);
      for (const r of await c.keys()) urls.push(new URL(r.url).pathname);
    }
    return urls;
  });
  expect(cached.filter((u) => u.startsWith('/api/') && u !== '/api/v1/lenient/catalog')).toEqual([]);
  g.assertClean();
});
