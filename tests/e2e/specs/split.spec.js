// The app split by feature (issue 14): a first visit of `/` fetches the shell's wasm only, each
// feature's chunk comes with the first navigation into that feature, and once the service worker
// has installed, every chunk is in its cache (a kiosk never waits for a module).
const { test, expect } = require('@playwright/test');
const { guardPage } = require('../lib/guard');

// The chunk files the build wrote: index.html names the main module; the link module
// (__wasm_split-<hash>.js) names every chunk.
async function chunkFiles(request) {
  const html = await (await request.get('/')).text();
  const main = html.match(/\/(enforcement-kiosk-[0-9a-f]+_bg\.wasm)/);
  expect(main, 'index.html preloads the main wasm').not.toBeNull();
  const js = html.match(/\/(enforcement-kiosk-[0-9a-f]+\.js)/);
  expect(js).not.toBeNull();
  const mainJs = await (await request.get(`/${js[1]}`)).text();
  const link = mainJs.match(/__wasm_split-[0-9a-f]+\.js/);
  expect(link, 'the main module imports the split loader').not.toBeNull();
  const linkJs = await (await request.get(`/${link[0]}`)).text();
  const chunks = [...new Set([...linkJs.matchAll(/"\.\/([^"]+\.wasm)"/g)].map((m) => m[1]))];
  return { main: main[1], link: link[0], chunks };
}

// Which feature a split module belongs to, from the name of its split function
// (`<feature>_page`; the lenient entry page, which a phone's deep link opens, is `lenient_entry`).
const FEATURES = ['lenient', 'certs', 'reviews', 'admin'];
const featureOf = (file) => FEATURES.find((f) => new RegExp(`^split_${f}_(page|entry)[-_]`).test(file));
const splitOf = (chunks, name) => chunks.find((c) => new RegExp(`^split_${name}[-_]`).test(c));

test.describe('first visit, service workers blocked', () => {
  test.use({ serviceWorkers: 'block' });

  test('the home screen loads no feature chunk; each feature loads its own on first use', async ({ page, request }) => {
    const { chunks } = await chunkFiles(request);
    for (const f of FEATURES) {
      expect(chunks.filter((c) => featureOf(c) === f), `split modules for ${f}`).toHaveLength(f === 'lenient' ? 2 : 1);
    }
    const g = guardPage(page);
    const wasm = [];
    const css = [];
    page.on('request', (r) => {
      const p = new URL(r.url()).pathname;
      if (p.endsWith('.wasm')) wasm.push(p.slice(1));
      if (p.endsWith('.css')) css.push(p.slice(1));
    });
    await page.goto('/');
    await expect(page.getByTestId('home-lenient')).toBeVisible();
    await page.waitForLoadState('networkidle');
    const atHome = [...wasm];
    expect(atHome.filter((p) => p.startsWith('enforcement-kiosk-'))).toHaveLength(1);
    expect(atHome.filter((p) => featureOf(p)), 'feature chunks fetched by the home screen').toEqual([]);
    expect(css, 'the home screen fetches the shell\'s stylesheet only').toEqual([expect.stringMatching(/^main-[0-9a-f]+\.css$/)]);

    // Into the lenient lists: its chunk (and shared chunks) come now, no other feature's, and
    // its stylesheet, which applies before the page shows.
    await page.getByTestId('nav-lenient').click();
    await expect(page.getByTestId('lenient-domain').first()).toBeVisible();
    const afterLenient = wasm.slice(atHome.length);
    expect(afterLenient.filter((p) => featureOf(p))).toEqual([splitOf(chunks, 'lenient_page')]);
    expect(css.slice(1)).toEqual([expect.stringMatching(/^lenient-[0-9a-f]+\.css$/)]);
    await expect(page.locator('.search-box')).toHaveCSS('display', 'flex');
    g.assertClean();
  });

  test('a deep link to an entry fetches the entry page\'s chunk only: title and legal basis before any other feature code', async ({ page, request }) => {
    const { chunks } = await chunkFiles(request);
    const cat = await (await request.get('/api/v1/lenient/catalog')).json();
    const id = cat.entries[0].id;
    const wasm = [];
    page.on('request', (r) => {
      const p = new URL(r.url()).pathname;
      if (p.endsWith('.wasm')) wasm.push(p.slice(1));
    });
    await page.goto(`/lenient/item/${encodeURIComponent(id)}`);
    await expect(page.getByTestId('lenient-detail')).toBeVisible();
    await expect(page.getByTestId('lenient-detail').locator('h1')).toHaveText(cat.entries[0].title);
    await expect(page.getByTestId('lenient-breach-basis')).not.toBeEmpty();
    await expect(page.getByTestId('lenient-penalty-basis')).not.toBeEmpty();
    await page.waitForLoadState('networkidle');
    // Neither the lists and search nor any other feature came along.
    expect(wasm.filter((p) => featureOf(p))).toEqual([splitOf(chunks, 'lenient_entry')]);
  });

  test('a deep link shows the entry before the QR encoder\'s chunk, and the code once it came', async ({ page, request }) => {
    const { chunks } = await chunkFiles(request);
    const qrChunk = splitOf(chunks, 'qr_code');
    expect(qrChunk, 'a split module for the QR encoder').toBeTruthy();
    const cat = await (await request.get('/api/v1/lenient/catalog')).json();
    const e = cat.entries[0];
    // Held until the entry has been checked.
    let release;
    const held = new Promise((r) => { release = r; });
    let asked = false;
    await page.route(`**/${qrChunk}`, async (route) => {
      asked = true;
      await held;
      await route.continue();
    });
    await page.goto(`/lenient/item/${encodeURIComponent(e.id)}`);
    await expect(page.getByTestId('lenient-detail').locator('h1')).toHaveText(e.title);
    await expect(page.getByTestId('lenient-breach-basis')).toHaveText(e.breach_basis);
    const qr = page.getByTestId('qr-code');
    await expect(qr).toHaveAttribute('data-qr', new RegExp(`/lenient/item/${e.id}$`));
    await expect.poll(() => asked, 'the QR chunk was asked for after the entry showed').toBe(true);
    await expect(qr).toHaveAttribute('data-drawn', 'false');
    await expect(qr.locator('svg')).toHaveCount(0);
    release();
    await expect(qr.locator('svg path')).toHaveCount(1);
    await expect(qr).toHaveAttribute('data-drawn', 'true');
  });

  test('from a searched list to an entry: the list stays, untouched, until the entry\'s chunk came; back finds it again', async ({ page, request }) => {
    const { chunks } = await chunkFiles(request);
    const entryChunk = splitOf(chunks, 'lenient_entry');
    let release;
    const held = new Promise((r) => { release = r; });
    let asked = false;
    await page.route(`**/${entryChunk}`, async (route) => {
      asked = true;
      await held;
      await route.continue();
    });
    const g = guardPage(page);
    await page.goto('/lenient/list?domain=tax&q=nssb');
    const first = page.getByTestId('lenient-item').first();
    await expect(first).toHaveAttribute('data-id', 'tax-003');
    await first.click();
    await expect(page).toHaveURL(/\/lenient\/item\/tax-003$/);
    await expect.poll(() => asked, 'the entry chunk was asked for').toBe(true);
    // The address is the entry's, but the list keeps its own: its query and results stay as
    // they were (it never reads the entry's URL as a cleared search).
    await page.waitForTimeout(300);
    await expect(page.getByTestId('lenient-search')).toHaveValue('nssb');
    await expect(first).toHaveAttribute('data-id', 'tax-003');
    await expect(page.getByTestId('lenient-detail')).toHaveCount(0);
    release();
    await expect(page.getByTestId('lenient-detail')).toBeVisible();
    await expect(page.getByTestId('lenient-search')).toHaveCount(0);
    // 返回 goes to the list the person came from, query and all.
    await page.getByTestId('nav-back').click();
    await expect(page).toHaveURL(/\/lenient\/list\?domain=tax&q=nssb$/);
    await expect(page.getByTestId('lenient-search')).toHaveValue('nssb');
    // An unknown page inside a feature is the not-found screen, and the feature still works.
    await page.goto('/lenient/no-such-page');
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(/页面不存在|Page not found/);
    await expect(page.getByTestId('lenient-search')).toHaveCount(0);
    g.assertClean();
  });

  test('a feature whose stylesheet cannot be fetched shows the error panel, and its retry the styled page', async ({ page }) => {
    let failing = true;
    let asked = 0;
    await page.route('**/reviews-*.css', (route) => {
      asked += 1;
      return failing ? route.abort() : route.continue();
    });
    await page.goto('/');
    await expect(page.getByTestId('home-lenient')).toBeVisible();
    await page.getByTestId('nav-reviews').click();
    await expect(page.getByTestId('error-panel')).toBeVisible();
    expect(asked).toBe(1);
    // The server is back: the retry asks again and the page comes, styled.
    failing = false;
    await page.getByTestId('retry').click();
    await expect(page.getByTestId('error-panel')).toHaveCount(0);
    await expect(page.locator('.reviews-home')).toBeVisible();
    await expect.poll(() => asked).toBe(2);
    await expect(page.locator('link[rel=stylesheet][href*="/reviews-"]')).toHaveCount(1);
  });

  test('the shell\'s deferred half comes after the home screen is interactive', async ({ page, request }) => {
    const { chunks } = await chunkFiles(request);
    const deferred = splitOf(chunks, 'shell_deferred');
    expect(deferred, 'a split module for the shell\'s deferred half').toBeTruthy();
    const g = guardPage(page);
    await page.goto('/');
    await expect(page.getByTestId('home-lenient')).toBeVisible();
    // It starts the health check (the footer's status) and brings the later screens.
    await expect(page.getByTestId('backend-status')).toHaveAttribute('data-ok', 'true', { timeout: 10_000 });
    const t = await page.evaluate((file) => ({
      interactive: performance.getEntriesByName('interactive')[0]?.startTime,
      fetched: performance.getEntriesByType('resource').find((r) => r.name.endsWith('/' + file))?.startTime,
    }), deferred);
    expect(t.interactive, 'the interactive mark').toBeGreaterThan(0);
    expect(t.fetched, 'the deferred chunk was fetched').toBeGreaterThan(t.interactive);
    g.assertClean();
  });

  test('on a deep link the shell\'s deferred half waits for the page\'s chunk', async ({ page, request }) => {
    const { chunks } = await chunkFiles(request);
    const deferred = splitOf(chunks, 'shell_deferred');
    const entry = splitOf(chunks, 'lenient_entry');
    const cat = await (await request.get('/api/v1/lenient/catalog')).json();
    // A slow phone: the entry page's chunk takes longer than the deferred half's 1 s delay.
    let asked = null;
    await page.route(`**/${entry}`, async (route) => {
      asked = Date.now();
      await new Promise((r) => setTimeout(r, 2500));
      await route.continue();
    });
    const started = [];
    page.on('request', (r) => { if (r.url().endsWith('/' + deferred)) started.push(Date.now()); });
    await page.goto(`/lenient/item/${encodeURIComponent(cat.entries[0].id)}`);
    await expect(page.getByTestId('lenient-detail')).toBeVisible();
    const t = await page.evaluate(([d, e]) => {
      const find = (f) => performance.getEntriesByType('resource').find((r) => r.name.endsWith('/' + f));
      return { entryDone: find(e)?.responseEnd, deferredStart: find(d)?.startTime };
    }, [deferred, entry]);
    expect(asked, 'the entry chunk was asked for').not.toBeNull();
    // The deferred half still comes (the footer's health status is its work) ...
    await expect(page.getByTestId('backend-status')).toHaveAttribute('data-ok', 'true', { timeout: 10_000 });
    const after = await page.evaluate((d) => performance.getEntriesByType('resource').find((r) => r.name.endsWith('/' + d))?.startTime, deferred);
    expect(started.length, 'the deferred chunk was fetched').toBeGreaterThan(0);
    // ... but not before the page's chunk had arrived.
    expect(t.entryDone, 'the entry chunk arrived').toBeGreaterThan(2000);
    expect(after, 'the deferred chunk started after the entry chunk arrived').toBeGreaterThan(t.entryDone);
    expect(started[0] - asked, 'the deferred chunk waited for the delayed entry chunk').toBeGreaterThan(2400);
  });

  test('without the deferred half the kiosk still counts down and wipes on time', async ({ page, request }) => {
    test.setTimeout(90_000);
    const { chunks } = await chunkFiles(request);
    const deferred = splitOf(chunks, 'shell_deferred');
    // The shortest idle times the configuration accepts: countdown after 10 s, wipe 20 s later.
    await page.route('**/config.json', async (route) => {
      const res = await route.fetch();
      const cfg = await res.json();
      Object.assign(cfg, { idle_seconds: 10, idle_seconds_personal: 10, idle_warning_seconds: 20 });
      await route.fulfill({ response: res, json: cfg });
    });
    // Its chunk cannot be fetched (the server went away before any cache had it).
    let asked = 0;
    await page.route(`**/${deferred}`, (route) => { asked += 1; return route.abort(); });
    await page.goto('/certs');
    await page.getByTestId('cert-mode-holder').click();
    await page.getByTestId('cert-holder-name').fill('欧阳明远');
    // The countdown runs in the status band (its full screen is in the missing chunk) ...
    await expect(page.getByTestId('status-idle')).not.toBeEmpty({ timeout: 20_000 });
    await expect(page.getByTestId('idle-warning')).toHaveCount(0);
    // ... and the wipe comes on time: home, the name gone.
    await expect(page).toHaveURL(/\/$/, { timeout: 30_000 });
    await expect(page.getByTestId('home-lenient')).toBeVisible();
    expect(await page.content()).not.toContain('欧阳明远');
    // Tried after the first screen, and again when the countdown was due.
    expect(asked).toBeGreaterThanOrEqual(2);
  });
});

test('after boot every chunk is in the service worker cache', async ({ page, request }) => {
  const { main, link, chunks } = await chunkFiles(request);
  expect(chunks.length).toBeGreaterThan(0);
  await page.goto('/');
  await expect(page.getByTestId('home-lenient')).toBeVisible();
  await page.evaluate(async () => { await navigator.serviceWorker.ready; });
  const cached = await page.evaluate(async () => {
    const urls = [];
    for (const name of await caches.keys()) {
      const c = await caches.open(name);
      for (const r of await c.keys()) urls.push(new URL(r.url).pathname.slice(1));
    }
    return urls;
  });
  for (const f of [main, link, ...chunks]) expect(cached, `${f} precached`).toContain(f);
  const html = await (await request.get('/')).text();
  const sheets = [...html.matchAll(/'\/((?:lenient|certs|reviews)-[0-9a-f]+\.css)'/g)].map((m) => m[1]);
  expect(sheets, 'the loader names a stylesheet per feature').toHaveLength(3);
  for (const f of sheets) expect(cached, `${f} precached`).toContain(f);
});
