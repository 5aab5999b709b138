// `make screenshots`: a PNG of every screen in each form factor and mode, against a reference
// server of its own (started like global-setup does), into $SHOTS_DIR (default
// /tmp/ek-screenshots, outside git). Run through scripts/screenshots.sh, which builds first.
const fs = require('node:fs');
const path = require('node:path');
const { chromium } = require('@playwright/test');
const { startServer } = require('./lib/server');
const { FORMS, useMode } = require('./lib/layout');
const { entry, cert } = require('./lib/screens');

const OUT = process.env.SHOTS_DIR || '/tmp/ek-screenshots';
const VALID_ID = '1.2.156.3005.2.11100000000013127D001.11320505MB9955604P.NGAWFIWF5NTNFBSCHATJ.001.Z';
const VALID_CODE = 'JQ26X8';
const FORM_NAMES = (process.env.SHOTS_FORMS || 'portrait,landscape,phone').split(',');

const tid = (page, id) => page.locator(`[data-testid="${id}"]`).first();

// Each shot: a name and how to reach it from a fresh page.
const SHOTS = [
  ['home', async (p) => { await p.goto('/'); await tid(p, 'home-lenient').waitFor(); }],
  ['attract', async (p) => { await p.goto('/'); await tid(p, 'attract').waitFor({ timeout: 15_000 }); }, { attract_after_seconds: 5 }],
  // The screens of the shell's deferred half (src/ui/shell/deferred.rs).
  ['assist-notice', async (p) => { await p.goto('/'); await tid(p, 'assist-button').click(); await tid(p, 'assist-notice').waitFor(); }],
  ['idle-warning', async (p) => { await p.goto('/'); await tid(p, 'idle-warning').waitFor({ timeout: 20_000 }); },
    { idle_seconds: 10, idle_seconds_personal: 10, idle_warning_seconds: 20 }],
  ['lenient-home', async (p) => { await p.goto('/lenient'); await tid(p, 'lenient-domain').waitFor(); }],
  ['lenient-list', async (p) => { await p.goto('/lenient/list?domain=tax'); await tid(p, 'lenient-item').waitFor(); }],
  ['lenient-item', async (p) => { await p.goto(`/lenient/item/${entry.id}`); await tid(p, 'lenient-detail').waitFor(); }],
  ['check-step1', async (p) => { await p.goto(`/lenient/item/${entry.id}/check`); await tid(p, 'eligibility-question').waitFor(); }],
  ['check-step2', async (p) => {
    await p.goto(`/lenient/item/${entry.id}/check`);
    await tid(p, 'eligibility-no').click(); // "no decision yet" leads on to the next question
    await p.waitForTimeout(500);
    await p.locator('[data-testid="eligibility-question"], [data-testid="eligibility-result"]').first().waitFor();
  }],
  ['check-outcome', async (p) => {
    await p.goto(`/lenient/item/${entry.id}/check`);
    for (let i = 0; i < 12 && !(await p.locator('[data-testid="eligibility-result"]').count()); i++) {
      await tid(p, 'eligibility-yes').click();
      await p.waitForTimeout(450);
    }
    await tid(p, 'eligibility-result').waitFor();
  }],
  ['certs-search', async (p) => { await p.goto('/certs'); await tid(p, 'cert-submit').waitFor(); }],
  ['certs-result', async (p) => {
    await p.goto('/certs');
    await tid(p, 'cert-mode-number').click();
    await tid(p, 'cert-number').fill(VALID_ID);
    await tid(p, 'cert-submit').click();
    await tid(p, 'cert-result').waitFor();
  }],
  ['certs-verify', async (p) => {
    await p.goto('/certs');
    await tid(p, 'cert-number').waitFor();
    await tid(p, 'cert-number').fill(VALID_ID);
    await tid(p, 'cert-verify-code').fill(VALID_CODE);
    await tid(p, 'cert-verify-submit').click();
    await tid(p, 'cert-verify-result').waitFor();
  }],
  ['cert-detail', async (p) => { await p.goto(`/certs/item/${cert.identifier}`); await tid(p, 'cert-status').waitFor(); }],
  ['reviews-home', async (p) => { await p.goto('/reviews'); await tid(p, 'review-case').waitFor(); }],
  ['reviews-rate', async (p) => { await p.goto('/reviews/new?window=A01'); await tid(p, 'review-rating').waitFor(); }],
  ['reviews-bad-reasons', async (p) => {
    await p.goto('/reviews/new?window=A01');
    await p.locator('[data-testid=review-rating][data-rating=very_dissatisfied]').click();
    await tid(p, 'review-reason').waitFor();
  }],
  ['reviews-receipt', async (p) => {
    await p.goto('/reviews/new?window=A01');
    await p.locator('[data-testid=review-rating][data-rating=very_satisfied]').click();
    await tid(p, 'review-submit').click();
    await tid(p, 'review-receipt').waitFor();
  }],
  ['reviews-lookup', async (p) => { await p.goto('/reviews/status'); await tid(p, 'review-lookup-no').waitFor(); }],
  ['reviews-stats', async (p) => { await p.goto('/reviews/stats'); await tid(p, 'review-stats').waitFor(); }],
  ['admin-pin', async (p) => { await p.goto('/admin'); await tid(p, 'admin-pin').waitFor(); }],
];

(async () => {
  fs.mkdirSync(OUT, { recursive: true });
  const server = await startServer();
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking'],
  });
  let n = 0;
  const failed = [];
  try {
    for (const form of FORMS.filter((f) => FORM_NAMES.includes(f.name))) {
      for (const elder of [false, true]) {
        const ctx = await browser.newContext({
          baseURL: server.url, locale: 'zh-CN', viewport: { width: form.width, height: form.height },
          hasTouch: true, isMobile: form.width < 600, deviceScaleFactor: 1,
          serviceWorkers: 'block', // the mode comes from config.json on every load
        });
        for (const [name, go, extra] of SHOTS) {
          const page = await ctx.newPage();
          await useMode(page, { elder, extra: extra || {} });
          const file = path.join(OUT, `${form.name}-${elder ? 'elder' : 'standard'}-${name}.png`);
          try {
            await go(page);
            await page.waitForTimeout(150);
            await page.screenshot({ path: file });
            n += 1;
          } catch (e) {
            failed.push(`${path.basename(file)}: ${e.message.split('\n')[0]}`);
          }
          await page.close();
        }
        await ctx.close();
      }
    }
  } finally {
    await browser.close();
    await server.stop();
  }
  console.log(`screenshots: ${n} PNGs in ${OUT}`);
  if (failed.length) {
    console.error(`screenshots: ${failed.length} failed:\n${failed.join('\n')}`);
    process.exit(1);
  }
})();
