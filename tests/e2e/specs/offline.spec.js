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

/** Opens an entry in the app (no reload), as a tap on a link would. */
async function openInApp(page, path) {
  await page.evaluate((p) => {
    history.pushState(null, '', p);
    window.dispatchEvent(new PopStateEvent('popstate'));
  }, path);
}

test('offline from the first boot: started online, shown home, then no network; lists, search and every entry still work, also after a reload (issue 12, item 9)', async ({ page, context, request }) => {
  test.setTimeout(360_000);
  const cat = await (await request.get('/api/v1/lenient/catalog')).json();
  const g = guardPage(page, { allow: [/Failed to load resource/, /net::ERR_/] });
  // A fresh browser: no service worker, no cache. Only the home screen is shown; the lists are
  // never opened while online.
  const catalogFetched = page.waitForResponse((r) => r.url().endsWith('/api/v1/lenient/catalog') && r.ok());
  await page.goto('/');
  await expect(page.getByTestId('home-lenient')).toBeVisible();
  await catalogFetched; // the shell fetched it by itself
  // The service worker took control and has the catalog in its cache too.
  await expect.poll(() => page.evaluate(async () => !!navigator.serviceWorker.controller), { timeout: 15_000 }).toBe(true);
  await expect.poll(() => page.evaluate(async () => !!(await caches.match('/api/v1/lenient/catalog'))), { timeout: 15_000 }).toBe(true);

  await context.setOffline(true);
  const check = async (where) => {
    await page.getByTestId('nav-lenient').click();
    await expect(page.getByTestId('lenient-domain').first(), where).toBeVisible();
    await page.getByTestId('lenient-all').click();
    await expect(page.getByTestId('lenient-count'), where).toBeVisible();
    // Every entry of the catalog, those of other regions too (what the region switch shows).
    await openInApp(page, '/lenient/list?regions=all');
    await expect(page.getByTestId('lenient-count'), where).toHaveAttribute('data-count', String(cat.entries.length));
    await page.getByTestId('lenient-search').fill('nssb');
    await expect(page.getByTestId('lenient-item').first(), where).toHaveAttribute('data-id', 'tax-003');
    await page.getByTestId('lenient-item').first().click();
    await expect(page.getByTestId('lenient-detail'), where).toBeVisible();
    // Every entry opens (from the catalog's copy: the item endpoint is not cached).
    for (const e of cat.entries) {
      await openInApp(page, `/lenient/item/${encodeURIComponent(e.id)}`);
      await expect(page.getByTestId('lenient-detail'), `${where}: ${e.id}`).toHaveAttribute('data-id', e.id);
      await expect(page.getByTestId('lenient-detail').locator('h1'), `${where}: ${e.id}`).toHaveText(e.title);
      await expect(page.getByTestId('error-panel'), `${where}: ${e.id}`).toHaveCount(0);
    }
  };
  await check('offline after start');
  // A reload with no network: the service worker serves the app and the catalog.
  await page.goto('/');
  await expect(page.getByTestId('offline-banner')).toBeVisible();
  await check('offline after a reload');
  await context.setOffline(false);
  g.assertClean();
});
