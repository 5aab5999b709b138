// Cold start: Chromium with 4x CPU slowdown, a fresh context per run (empty HTTP cache, service
// workers blocked), time from navigation start to the app's `interactive` performance mark,
// against a static HTML page of the same home screen with the same CSS, served by the same
// server from a temporary copy of dist/. Runs are interleaved (app, static, app, ...). Also the
// wire bytes (wasm + js + css, as Chromium received them, headers included) of a first visit of
// `/` and of an entry's deep link `/lenient/item/<id>` (issue 14: <= 150 KB and <= 200 KB).
//
//   node bench/coldstart.js [--runs 10] [--port 18520] [--rate 4]
'use strict';

const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const lib = require('./lib');

const a = lib.args();
const RUNS = Math.max(1, Math.min(50, Number(a.runs || 10)));
const PORT = Number(a.port || 18520);
const RATE = Number(a.rate || 4);
const BUDGET_MS = 1500;
const BUDGET_RATIO = 2;

function distCopy() {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ek-bench-dist-'));
  fs.cpSync(lib.DIST_DIR, dir, { recursive: true });
  const css = fs.readdirSync(dir).find((f) => /^main-[0-9a-f]+\.css$/.test(f) || f.endsWith('.css'));
  if (!css) throw new Error('no CSS file in dist/');
  const tpl = fs.readFileSync(path.join(__dirname, 'static-home.html'), 'utf8');
  fs.writeFileSync(path.join(dir, 'static-home.html'), tpl.replace('__CSS_HREF__', css));
  return dir;
}

/** One cold load of `url` in a fresh context; resolves the page's timings (ms since navigation start). */
async function coldLoad(browser, url, waitInteractive, waitSelector) {
  const ctx = await browser.newContext({
    viewport: { width: 1080, height: 1920 }, locale: 'zh-CN', serviceWorkers: 'block', hasTouch: true,
  });
  try {
    const page = await ctx.newPage();
    const cdp = await ctx.newCDPSession(page);
    await cdp.send('Network.enable');
    await cdp.send('Network.setCacheDisabled', { cacheDisabled: true });
    await cdp.send('Emulation.setCPUThrottlingRate', { rate: RATE });
    const urls = new Map();
    let wire = 0;
    cdp.on('Network.responseReceived', (e) => urls.set(e.requestId, e.response.url));
    cdp.on('Network.loadingFinished', (e) => {
      const u = urls.get(e.requestId);
      if (u && /\.(wasm|js|css)$/.test(new URL(u).pathname)) wire += e.encodedDataLength;
    });
    await page.goto(url, { waitUntil: 'load', timeout: 60_000 });
    // What a deep link needs is what arrived by the time its screen shows: the shell's deferred
    // half and the idle-time prefetch follow a second later and are not counted (a wait for the
    // network to go idle counted them or not depending on the run's timing).
    let wireShown = NaN;
    if (waitSelector) {
      await page.waitForSelector(waitSelector, { timeout: 60_000 });
      wireShown = wire;
    }
    if (waitInteractive) {
      await page.waitForFunction(() => performance.getEntriesByName('interactive').length > 0, null, { timeout: 60_000 });
    }
    // The paint entry can land a frame after the mark.
    await page.waitForFunction(() => performance.getEntriesByName('first-contentful-paint').length > 0, null, { timeout: waitInteractive ? 5_000 : 60_000 })
      .catch(() => {});
    return await page.evaluate(() => {
      const nav = performance.getEntriesByType('navigation')[0];
      const fcp = performance.getEntriesByName('first-contentful-paint')[0];
      const mark = performance.getEntriesByName('interactive')[0];
      const wasm = performance.getEntriesByType('resource').find((r) => r.name.endsWith('.wasm'));
      return {
        interactive: mark ? mark.startTime : NaN,
        fcp: fcp ? fcp.startTime : NaN,
        load: nav ? nav.loadEventEnd : NaN,
        wasmDone: wasm ? wasm.responseEnd : NaN,
        nodes: document.getElementsByTagName('*').length,
      };
    }).then((r) => ({ ...r, wire: waitSelector ? wireShown : wire }));
  } finally {
    await ctx.close();
  }
}

(async () => {
  const dist = distCopy();
  const server = await lib.startServer({ port: PORT, distDir: dist });
  const browser = await lib.launchChromium();
  try {
    const app = [];
    const stat = [];
    // One discarded pair warms the server's file cache and Chromium's process pool.
    await coldLoad(browser, `${server.url}/`, true);
    await coldLoad(browser, `${server.url}/static-home.html`, false);
    for (let i = 0; i < RUNS; i++) {
      const r = await coldLoad(browser, `${server.url}/`, true);
      const s = await coldLoad(browser, `${server.url}/static-home.html`, false);
      app.push(r);
      stat.push(s);
      console.log(`  run ${String(i + 1).padStart(2)}: app interactive ${lib.fmtMs(r.interactive)} (FCP ${lib.fmtMs(r.fcp)}, wasm fetched ${lib.fmtMs(r.wasmDone)}, load ${lib.fmtMs(r.load)})   static FCP ${lib.fmtMs(s.fcp)} load ${lib.fmtMs(s.load)}`);
    }
    const cat = await (await fetch(`${server.url}/api/v1/lenient/catalog`)).json();
    const entryUrl = `${server.url}/lenient/item/${encodeURIComponent(cat.entries[0].id)}`;
    const entry = await coldLoad(browser, entryUrl, false, '[data-testid=lenient-detail]');
    const wireHome = lib.median(app.map((r) => r.wire));
    console.log(`wire bytes (wasm+js+css, headers included): first visit of / ${wireHome} B; of ${new URL(entryUrl).pathname} ${entry.wire} B`);
    lib.record('first visit of /: wire bytes (wasm+js+css)', `${(wireHome / 1000).toFixed(1)} KB`, '<= 150 KB', wireHome <= 150_000);
    lib.record('first visit of /lenient/item/<id>: wire bytes', `${(entry.wire / 1000).toFixed(1)} KB`, '<= 200 KB', entry.wire <= 200_000);
    const appMs = lib.median(app.map((r) => r.interactive));
    const appFcp = lib.median(app.map((r) => r.fcp));
    const staticFcp = lib.median(stat.map((r) => r.fcp));
    const staticLoad = lib.median(stat.map((r) => r.load));
    // The static page is "ready" when it is both painted and loaded.
    const staticReady = lib.median(stat.map((r) => Math.max(r.fcp, r.load)));
    const ratio = appMs / staticReady;
    console.log(`cold start (CPU x${RATE}, ${RUNS} runs, medians): app interactive ${lib.fmtMs(appMs)}, app FCP ${lib.fmtMs(appFcp)}; ` +
      `static home FCP ${lib.fmtMs(staticFcp)}, load ${lib.fmtMs(staticLoad)}, ready ${lib.fmtMs(staticReady)}; ratio ${ratio.toFixed(2)}x`);
    lib.record(`cold start to interactive (CPU x${RATE}, median of ${RUNS})`, lib.fmtMs(appMs), `<= ${BUDGET_MS} ms`, appMs <= BUDGET_MS);
    lib.record('cold start first paint: app FCP / static FCP', `${(appFcp / staticFcp).toFixed(2)}x (${lib.fmtMs(appFcp)} / ${lib.fmtMs(staticFcp)})`, '(info)', null);
    lib.record('cold start / static home (ready = max(FCP, load))', `${ratio.toFixed(2)}x (static ${lib.fmtMs(staticReady)})`, `<= ${BUDGET_RATIO}x`, ratio <= BUDGET_RATIO);
  } finally {
    await browser.close();
    await server.stop();
    fs.rmSync(dist, { recursive: true, force: true });
  }
})().catch((e) => {
  console.error(`coldstart: ${e.stack || e}`);
  lib.record('cold start to interactive', 'error', '<= 1500 ms', null, String(e.message || e).slice(0, 120));
  process.exit(1);
});
