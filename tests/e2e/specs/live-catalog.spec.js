// Issue 13, item 4: a running kiosk picks up a newly published catalog version without a
// reload. The kiosk revalidates every `catalog_refresh_seconds` (2 s here, injected through
// config.json; the default is 60 s); the new version waits while a screen shows and becomes the
// one shown on the next screen change. A self-check in progress keeps its question meanwhile.
// The service worker's cached catalog is the new version afterwards; the admin screen shows the
// version in force.
const { test, expect } = require('@playwright/test');
const { guardPage } = require('../lib/guard');
const { startServer, ADMIN_TOKEN } = require('../lib/server');

const REFRESH_S = 2;
// Within the refresh period (plus the server's own 2 s check of the version in force).
const WITHIN = 20_000;

let server;
test.beforeAll(async () => { server = await startServer(); });
test.afterAll(async ({}, testInfo) => {
  if (testInfo.status !== testInfo.expectedStatus) console.log(server?.stderr().slice(-4000));
  await server?.stop();
});
// Every test here runs against the server of this file (Playwright also sets this option up
// for the beforeAll hook itself, before the server exists: undefined there).
test.use({ baseURL: async ({}, use) => { await use(server?.url); } });

/** Serves the hall's config.json with a short catalog refresh interval. */
async function shortRefresh(context) {
  await context.route('**/config.json', async (route) => {
    const resp = await route.fetch();
    const cfg = await resp.json();
    await route.fulfill({ response: resp, json: { ...cfg, catalog_refresh_seconds: REFRESH_S } });
  });
}

/** Publishes a one-entry national market list through the admin endpoint; its catalog version. */
async function publish(request, title) {
  const csv = `序号,违法行为,处罚依据,适用条件\n1,${title},《中华人民共和国广告法》第五十五条,1.首次发现；2.及时改正\n`;
  const q = new URLSearchParams({ kind: 'minor', domain: 'market', region: '000000', source_name: `e2e ${title}` });
  const r = await request.post(`${server.url}/api/v1/admin/lists/import?${q}`, {
    headers: { Authorization: `Bearer ${ADMIN_TOKEN}` },
    multipart: { file: { name: 'live.csv', mimeType: 'text/csv', buffer: Buffer.from(csv, 'utf8') } },
  });
  expect(r.status(), await r.text()).toBe(200);
  // The running server serves the new version within its 2 s check.
  let version = '';
  await expect.poll(async () => {
    const cat = await (await request.get(`${server.url}/api/v1/lenient/catalog`)).json();
    version = cat.entries.some((e) => e.title === title) ? cat.version : '';
    return version;
  }, { timeout: 10_000 }).not.toBe('');
  return version;
}

const shown = (page) => page.locator('.app').getAttribute('data-catalog-version');
const pending = (page) => page.locator('.app').getAttribute('data-catalog-pending');

/** Navigates in the app (no reload), as a tap on a link would. */
async function openInApp(page, path) {
  await page.evaluate((p) => {
    history.pushState(null, '', p);
    window.dispatchEvent(new PopStateEvent('popstate'));
  }, path);
}

/** The page was never reloaded: one navigation entry and the marker set after the first load. */
async function expectNoReload(page) {
  expect(await page.evaluate(() => [performance.getEntriesByType('navigation').length, window.__ekMarker]))
    .toEqual([1, 'kept']);
}

async function search(page, text) {
  await page.getByTestId('nav-lenient').click();
  await page.getByTestId('lenient-search').fill(text);
}

test('a published version shows on the next screen without a reload; the shown list never changes under the person; the service worker caches it; the admin screen names it', async ({ page, context, request }) => {
  test.setTimeout(120_000);
  const g = guardPage(page);
  await shortRefresh(context);
  await page.goto('/lenient');
  await expect(page.getByTestId('lenient-domain').first()).toBeVisible();
  await page.evaluate(() => { window.__ekMarker = 'kept'; });
  const v1 = (await (await request.get(`${server.url}/api/v1/lenient/catalog`)).json()).version;
  await expect.poll(() => shown(page)).toBe(v1);
  // The service worker controls the page, so the kiosk's revalidations go through its cache.
  await expect.poll(() => page.evaluate(() => !!navigator.serviceWorker.controller), { timeout: 15_000 }).toBe(true);

  const title = '直播间未公示经营者信息（e2e 新版）';
  const hits = () => page.getByTestId('lenient-item').filter({ hasText: title });
  await page.getByTestId('lenient-search').fill(title);
  await expect(page.getByTestId('lenient-count')).toHaveAttribute('data-count', /\d+/);
  await expect(hits()).toHaveCount(0);

  const v2 = await publish(request, title);
  expect(v2).not.toBe(v1);
  // The kiosk fetched it and keeps it pending: the screen showing is not rebuilt under the person.
  await expect.poll(() => pending(page), { timeout: WITHIN }).toBe(v2);
  expect(await shown(page)).toBe(v1);
  await expect(hits()).toHaveCount(0);
  await expect(page.getByTestId('lenient-search')).toHaveValue(title);
  // The service worker's cached catalog is the new version already.
  await expect.poll(() => page.evaluate(async () => {
    const r = await caches.match('/api/v1/lenient/catalog');
    return r ? (await r.json()).version : '';
  }), { timeout: WITHIN }).toBe(v2);

  // The next screen change applies it.
  await page.getByTestId('nav-home').click();
  await expect.poll(() => shown(page)).toBe(v2);
  expect(await pending(page)).toBe('');
  await search(page, title);
  await expect(page.getByTestId('lenient-item').filter({ hasText: title })).toHaveCount(1);
  await expectNoReload(page);

  // The admin screen: the version in force on the server and the one this kiosk shows.
  await openInApp(page, '/admin');
  await page.getByTestId('admin-pin').fill('246810');
  await page.getByTestId('admin-unlock').click();
  await expect(page.getByTestId('admin-catalog-in-force')).toHaveText(v2);
  await expect(page.getByTestId('admin-catalog-shown')).toHaveText(v2);
  await expect(page.getByTestId('admin-catalog-pending')).toHaveText('—');
  await expectNoReload(page);
  g.assertClean();
});

test('a self-check in progress keeps its question while a new version is published; the new catalog applies after leaving it', async ({ page, context, request }) => {
  test.setTimeout(120_000);
  const g = guardPage(page);
  await shortRefresh(context);
  const cat = await (await request.get(`${server.url}/api/v1/lenient/catalog`)).json();
  const entry = cat.entries.find((e) => (e.region_codes || []).includes('000000')) || cat.entries[0];
  await page.goto('/');
  await expect(page.getByTestId('home-lenient')).toBeVisible();
  await page.evaluate(() => { window.__ekMarker = 'kept'; });
  await expect.poll(() => shown(page)).toBe(cat.version);

  await openInApp(page, `/lenient/item/${encodeURIComponent(entry.id)}/check`);
  const question = page.getByTestId('eligibility-question');
  await expect(question).toBeVisible();
  // One answer given ("no decision yet"): the person is in the middle of the check.
  const first = await question.getAttribute('data-question');
  await page.getByTestId('eligibility-no').click();
  await expect(page.locator(`[data-testid="eligibility-question"][data-question="${first}"]`)).toHaveCount(0);
  await expect(question).toBeVisible();
  const fact = await question.getAttribute('data-question');
  const progress = await page.getByTestId('eligibility-progress').textContent();
  const url = page.url();

  const title = '户外广告设施未按规定设置（e2e 自查中发布）';
  const v2 = await publish(request, title);
  await expect.poll(() => pending(page), { timeout: WITHIN }).toBe(v2);
  // A few more refresh periods pass: the check keeps its place.
  await page.waitForTimeout(REFRESH_S * 2000);
  expect(page.url()).toBe(url);
  expect(await shown(page)).toBe(cat.version);
  await expect(page.locator(`[data-testid="eligibility-question"][data-question="${fact}"]`)).toBeVisible();
  await expect(page.getByTestId('eligibility-progress')).toHaveText(progress);
  // And it goes on from there.
  await page.getByTestId('eligibility-yes').click();
  await expect.poll(async () => (await page.getByTestId('eligibility-result').count()) > 0
    || (await page.getByTestId('eligibility-progress').textContent()) !== progress).toBe(true);

  // Leaving the self-check applies the new version.
  await page.getByTestId('eligibility-to-entry-top').click();
  await expect(page.getByTestId('lenient-detail')).toBeVisible();
  await expect.poll(() => shown(page)).toBe(v2);
  await search(page, title);
  await expect(page.getByTestId('lenient-item').filter({ hasText: title })).toHaveCount(1);
  await expectNoReload(page);
  g.assertClean();
});
