// Every data screen × every backend fault, through the fault proxy in front of the real server:
// the screen must show the localized error panel with a retry button (no uncaught error, no
// console error of its own), and once the backend is healthy again, retry must bring the data
// back without reloading the page. Unknown enum values must render as "未知", not as an error.
// The matrix (screen × fault → ✓/✗/–) is printed at the end.
const fs = require('node:fs');
const path = require('node:path');
const { test, expect } = require('@playwright/test');
const { startServer, ADMIN_TOKEN } = require('../lib/server');
const { guardPage } = require('../lib/guard');
const {
  startProxy, proxyAvailable, NO_PROXY, configWith, FAULTS, SCREENS, createReview, advanceReview,
} = require('../lib/proxy');

const TIMEOUT_MS = 1500; // the app's request_timeout_ms in this spec (served by the proxy)
const DELAY_MS = 5000; // well past it

// The browser's own report of a failed request is expected; nothing else may reach the console.
const failed = (status, text) => new RegExp(`^Failed to load resource: the server responded with a status of ${status} \\(${text}\\)$`);
const EXPECT = {
  refuse: { message: /网络/, allow: [/^Failed to load resource: net::ERR_EMPTY_RESPONSE$/] },
  500: { message: /服务暂时不可用/, allow: [failed(500, 'Internal Server Error')] },
  502: { message: /服务暂时不可用/, allow: [failed(502, 'Bad Gateway')] },
  429: { message: /频繁/, allow: [failed(429, 'Too Many Requests')] },
  delay: { message: /超时/, allow: [] },
  truncate: { message: /网络/, allow: [/^Failed to load resource: net::ERR_CONTENT_LENGTH_MISMATCH$/] },
  malformed: { message: /无法识别/, allow: [] },
  unknown_enums: { allow: [] },
  oversized: { message: /无法识别/, allow: [] },
};

// Until the proxy is built (scripts/build.sh), say so instead of failing the whole layer.
// Without the fault proxy these tests fail (make test builds it): never skip silently.
test.beforeAll(() => { if (!proxyAvailable()) throw new Error(NO_PROXY); });

// The app is loaded through the proxy, on the free port it got in beforeAll. (Playwright also
// sets this option up for the beforeAll hook itself, before the proxy exists: undefined there.)
test.use({ baseURL: async ({}, use) => { await use(proxy?.url); }, serviceWorkers: 'block' });

let server;
let proxy;
const fx = {};

test.beforeAll(async () => {
  server = await startServer({ env: { REVIEW_LOOKUP_PER_MIN: '1000' } });
  proxy = await startProxy({ upstream: server.url });
  await proxy.config(await configWith(server.url, { request_timeout_ms: TIMEOUT_MS }));
  // A bad review with some handling history, for the lookup screen and the statistics.
  fx.review = await createReview(server.url, {
    window_id: 'A01', rating: 'very_dissatisfied', tags: [], comment: '等待时间过长',
  });
  await advanceReview(server.url, fx.review.review_no, 'verifying', '已受理，正在核实', ADMIN_TOKEN);
  await createReview(server.url, { window_id: 'A02', rating: 'very_satisfied', tags: [], comment: '' });
});

test.afterAll(async ({}, testInfo) => {
  printMatrix(testInfo);
  if (proxy) await proxy.stop();
  if (server) await server.stop();
});

test.beforeEach(async () => {
  await proxy.clear();
});

// ---- the matrix survives worker restarts (a failed test restarts the worker) ----------------
function matrixFile(testInfo) {
  return path.join(testInfo.project.outputDir, 'faults-matrix.json');
}
function readMatrix(testInfo) {
  try { return JSON.parse(fs.readFileSync(matrixFile(testInfo), 'utf8')); } catch (_) { return {}; }
}
test.afterEach(async ({}, testInfo) => {
  const [screen, fault] = testInfo.title.split(' × ');
  const m = readMatrix(testInfo);
  m[screen] = m[screen] || {};
  const ok = testInfo.status === testInfo.expectedStatus;
  const alt = testInfo.annotations.some((a) => a.type === 'own rate-limit notice');
  m[screen][fault] = testInfo.status === 'skipped' ? '–' : ok ? (alt ? '✓*' : '✓') : '✗';
  fs.mkdirSync(path.dirname(matrixFile(testInfo)), { recursive: true });
  fs.writeFileSync(matrixFile(testInfo), JSON.stringify(m));
});
function printMatrix(testInfo) {
  const m = readMatrix(testInfo);
  const w = Math.max(...SCREENS.map((s) => s.key.length)) + 2;
  const lines = ['', 'fault matrix (✓ passed, ✗ failed, · not run)',
    ''.padEnd(w) + FAULTS.map((f) => f.padEnd(f.length + 2)).join('')];
  for (const s of SCREENS) {
    const row = FAULTS.map((f) => ((m[s.key] || {})[f] || '·').padEnd(f.length + 2)).join('');
    lines.push(s.key.padEnd(w) + row);
  }
  if (Object.values(m).some((row) => Object.values(row).includes('✓*'))) {
    lines.push('✓* the screen showed its own rate-limit notice instead of error-panel + retry, and submitting again recovered');
  }
  console.log(lines.join('\n'));
}

// ---- the tests --------------------------------------------------------------------------------
async function hitsOn(routes) {
  let n = 0;
  for (const r of routes) n += await proxy.hits(r);
  return n;
}

for (const s of SCREENS) {
  for (const fault of FAULTS) {
    test(`${s.key} × ${fault}`, async ({ page }) => {
      const g = guardPage(page, { allow: EXPECT[fault].allow });
      for (const r of s.routes) await proxy.fault(r, fault, fault === 'delay' ? { delay_ms: DELAY_MS } : {});

      await page.goto(s.path(fx));
      await page.evaluate(() => { window.__ek_marker = 'kept'; });
      if (s.act) await s.act(page, fx);

      if (fault === 'unknown_enums') {
        await expect(s.ready(page)).toBeVisible();
        await expect(page.getByTestId('error-panel')).toHaveCount(0);
        if (s.unknown) {
          await expect(s.unknown(page)).toContainText('未知');
          if (s.unknownAttr) await expect(s.unknown(page)).toHaveAttribute(...s.unknownAttr);
        }
        expect(await hitsOn(s.routes), 'the rewritten route was requested').toBeGreaterThan(0);
      } else {
        const panel = page.getByTestId('error-panel');
        const alt = fault === '429' && s.rateLimited ? page.locator(s.rateLimited) : null;
        await expect((alt ? panel.or(alt) : panel).first()).toBeVisible({ timeout: DELAY_MS + 5000 });
        const generic = await panel.isVisible();
        if (!generic) test.info().annotations.push({ type: 'own rate-limit notice', description: s.rateLimited });
        if (generic) {
          await expect(panel.getByTestId('retry')).toBeVisible();
          await expect(panel).toContainText(EXPECT[fault].message);
        }
        await expect(s.ready(page)).toHaveCount(0);
        expect(await hitsOn(s.routes), 'the faulty route was requested').toBeGreaterThan(0);

        // The backend recovers: retry (or submit again) brings the data back in place.
        await proxy.clear();
        if (generic) await panel.getByTestId('retry').click();
        else await s.resubmit(page);
        await expect(s.ready(page)).toBeVisible();
        await expect(page.getByTestId('error-panel')).toHaveCount(0);
        if (alt) await expect(alt).toHaveCount(0);
      }
      expect(await page.evaluate(() => window.__ek_marker), 'no page reload').toBe('kept');
      g.assertClean();
    });
  }
}
