// The shell: languages, navigation to every module, error panel + retry across an outage,
// demo mode with no server at all.
const { test, expect } = require('@playwright/test');
const { startServer } = require('../lib/server');
const { guardPage } = require('../lib/guard');

test('home renders in zh-CN and English and keeps <html lang> in sync', async ({ page }) => {
  const g = guardPage(page);
  await page.goto('/');
  await expect(page.getByTestId('nav-home')).toHaveText('首页');
  await expect(page.locator('html')).toHaveAttribute('lang', 'zh-CN');
  await expect(page.getByTestId('home-lenient')).toContainText('包容免罚清单');
  await page.getByTestId('lang-toggle').click();
  await expect(page.locator('html')).toHaveAttribute('lang', 'en');
  await expect(page.getByTestId('nav-home')).toHaveText('Home');
  await expect(page.getByTestId('home-certs')).toContainText('E-certificates');
  await page.getByTestId('elder-toggle').click();
  await expect(page.locator('.app')).toHaveClass(/elder/);
  g.assertClean();
});

test('every module route is reachable from the navigation', async ({ page }) => {
  const g = guardPage(page);
  await page.goto('/');
  for (const [nav, url] of [['nav-lenient', /\/lenient$/], ['nav-certs', /\/certs$/], ['nav-reviews', /\/reviews$/], ['nav-home', /\/$/]]) {
    await page.getByTestId(nav).click();
    await expect(page).toHaveURL(url);
    await expect(page.getByTestId(nav)).toHaveAttribute('aria-current', 'page');
  }
  // A deep link to a client route is served by the history fallback.
  await page.goto('/lenient');
  await expect(page.getByTestId('lenient-domain').first()).toBeVisible();
  g.assertClean();
});

test('with the server stopped the shell shows error-panel, and retry recovers once it is back', async ({ page }) => {
  let server = await startServer();
  const { port } = server; // the page keeps this origin: come back on the same port
  // The service worker's registration may still be fetching sw.js when the server goes away:
  // the browser then reports that fetch, which is this test's very situation, not a fault.
  const g = guardPage(page, { allow: [/Failed to load resource/, /net::ERR_/, /An unknown error occurred when fetching the script/] });
  await page.goto(`${server.url}/`);
  await expect(page.getByTestId('nav-home')).toBeVisible();
  await server.stop();
  await page.getByTestId('nav-lenient').click();
  await expect(page.getByTestId('error-panel')).toBeVisible();
  await expect(page.getByTestId('retry')).toBeVisible();
  server = await startServer({ port, dataDir: server.dataDir });
  await page.getByTestId('retry').click();
  await expect(page.getByTestId('error-panel')).toHaveCount(0);
  await expect(page.getByTestId('lenient-domain').first()).toBeVisible();
  await server.stop();
  g.assertClean();
});

test('?demo=1 works with no server at all (static files only)', async ({ page }) => {
  // Serve dist/ statically with no API: a tiny static server started in-process.
  const http = require('node:http');
  const fs = require('node:fs');
  const path = require('node:path');
  const dist = path.resolve(__dirname, '..', '..', '..', 'dist');
  const types = { '.html': 'text/html', '.js': 'text/javascript', '.wasm': 'application/wasm', '.css': 'text/css', '.json': 'application/json', '.svg': 'image/svg+xml', '.webmanifest': 'application/manifest+json' };
  const srv = http.createServer((req, res) => {
    const u = new URL(req.url, 'http://x');
    if (u.pathname.startsWith('/api/')) { res.writeHead(502); res.end(); return; }
    let f = path.join(dist, decodeURIComponent(u.pathname));
    if (!f.startsWith(dist) || !fs.existsSync(f) || fs.statSync(f).isDirectory()) f = path.join(dist, 'index.html');
    res.writeHead(200, { 'Content-Type': types[path.extname(f)] || 'application/octet-stream' });
    fs.createReadStream(f).pipe(res);
  });
  await new Promise((resolve, reject) => { srv.once('error', reject); srv.listen(0, '127.0.0.1', resolve); });
  const origin = `http://127.0.0.1:${srv.address().port}`;
  const g = guardPage(page);
  const apiCalls = [];
  page.on('request', (r) => { if (r.url().includes('/api/')) apiCalls.push(r.url()); });
  try {
    await page.goto(`${origin}/?demo=1`);
    await expect(page.getByTestId('demo-banner')).toBeVisible();
    await page.getByTestId('nav-lenient').click();
    await expect(page.getByTestId('lenient-domain').first()).toBeVisible();
    expect(apiCalls).toEqual([]);
    g.assertClean();
  } finally {
    srv.close();
  }
});

test('going offline shows the offline banner', async ({ page, context }) => {
  await page.goto('/');
  await expect(page.getByTestId('offline-banner')).toHaveCount(0);
  await context.setOffline(true);
  await expect(page.getByTestId('offline-banner')).toBeVisible();
  await context.setOffline(false);
  await expect(page.getByTestId('offline-banner')).toHaveCount(0);
});
