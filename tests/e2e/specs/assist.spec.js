// 呼叫工作人员 (issue 12, item 5): the button records a call on the server and shows a
// full-screen notice with the kiosk id and the window to go to; staff see the call on the admin
// screen (admin token typed there, kept in the page only) and mark it answered; a hall can
// switch the button off in config.json.
const { test, expect } = require('@playwright/test');
const { guardPage } = require('../lib/guard');
const { startServer, ADMIN_TOKEN } = require('../lib/server');

let server;
test.beforeAll(async () => { server = await startServer(); });
test.afterAll(async ({}, testInfo) => {
  if (testInfo.status !== testInfo.expectedStatus) console.log(server?.stderr().slice(-4000));
  await server?.stop();
});
test.use({ baseURL: async ({}, use) => { await use(server?.url); } });

async function calls(request) {
  const r = await request.get(`${server.url}/api/v1/admin/assist`, { headers: { Authorization: `Bearer ${ADMIN_TOKEN}` } });
  expect(r.status()).toBe(200);
  return r.json();
}

async function openAdmin(page) {
  const box = await page.getByTestId('hall-name').boundingBox();
  await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
  await page.mouse.down();
  await page.waitForTimeout(2300);
  await page.mouse.up();
  await page.getByTestId('admin-pin').fill('246810');
  await page.getByTestId('admin-unlock').click();
  await expect(page.getByTestId('admin-version')).toBeVisible();
}

test('a tap calls staff: the notice names the kiosk and the window, the server has the call, staff answer it on the admin screen', async ({ page, request }) => {
  // The wrong token below is refused on purpose (the browser logs the 401).
  const g = guardPage(page, { allow: [/status of 401 \(Unauthorized\)/] });
  const cfg = await (await request.get(`${server.url}/config.json`)).json();
  expect(cfg.assist_window).toBeTruthy();
  await page.goto('/');
  await page.getByTestId('assist-button').click();
  const notice = page.getByTestId('assist-notice');
  await expect(notice).toHaveAttribute('data-state', 'called');
  await expect(notice).toContainText('工作人员马上就到');
  await expect(page.getByTestId('assist-kiosk')).toHaveText(cfg.kiosk_id);
  await expect(page.getByTestId('assist-window')).toHaveText(cfg.assist_window);
  // The notice has the focus; it covers the screen.
  await expect(page.getByTestId('assist-close')).toBeFocused();
  const box = await notice.boundingBox();
  const vp = page.viewportSize();
  expect(box.width * box.height).toBeGreaterThanOrEqual(vp.width * vp.height * 0.99);

  let list = await calls(request);
  expect(list).toHaveLength(1);
  expect(list[0]).toMatchObject({ kiosk_id: cfg.kiosk_id, window: cfg.assist_window });
  expect(list[0].answered_at).toBeUndefined();
  const id = list[0].id;

  // Closed with Escape; a second tap while the call is open is the same call.
  await page.keyboard.press('Escape');
  await expect(notice).toHaveCount(0);
  await page.getByTestId('lang-toggle').click();
  await page.getByTestId('assist-button').click();
  await expect(notice).toHaveAttribute('data-state', 'called');
  await expect(notice).toContainText('Staff are on their way');
  await page.getByTestId('assist-close').click();
  await expect(notice).toHaveCount(0);
  await page.getByTestId('lang-toggle').click();
  list = await calls(request);
  expect(list.map((c) => c.id)).toEqual([id]);

  // Staff: the token typed on the admin screen; a wrong one is refused.
  await openAdmin(page);
  await page.getByTestId('admin-assist-token').fill('wrong-token');
  await page.getByTestId('admin-assist-load').click();
  await expect(page.getByTestId('admin-assist-error')).toBeVisible();
  await page.getByTestId('admin-assist-token').fill(ADMIN_TOKEN);
  await page.getByTestId('admin-assist-load').click();
  const row = page.locator(`[data-testid="admin-assist-call"][data-id="${id}"]`);
  await expect(row).toHaveAttribute('data-state', 'open');
  await expect(row).toContainText(cfg.kiosk_id);
  await row.getByTestId('admin-assist-answer').click();
  await expect(row).toHaveAttribute('data-state', 'answered');
  await expect(page.getByTestId('admin-assist-none')).toBeVisible();
  list = await calls(request);
  expect(list[0].answered_at).toBeTruthy();
  // The token is nowhere in the browser's storage.
  const stored = await page.evaluate(() => JSON.stringify({ ...localStorage }) + JSON.stringify({ ...sessionStorage }));
  expect(stored).not.toContain(ADMIN_TOKEN);
  g.assertClean();
});

test('switched off in config.json: no button', async ({ page, context }) => {
  const g = guardPage(page);
  await context.route('**/config.json', async (route) => {
    const resp = await route.fetch();
    const cfg = await resp.json();
    await route.fulfill({ response: resp, json: { ...cfg, assist_enabled: false } });
  });
  await page.goto('/');
  await expect(page.getByTestId('home-lenient')).toBeVisible();
  await expect(page.getByTestId('read-aloud').or(page.getByTestId('elder-toggle')).first()).toBeVisible();
  await expect(page.getByTestId('assist-button')).toHaveCount(0);
  g.assertClean();
});
