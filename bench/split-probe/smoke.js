// Loads the probe in headless Chromium, navigates to the lazy route, reports console errors and
// the .wasm requests. Usage: node smoke.js PORT (after build.sh and python3 serve.py PORT).
const path = require('node:path');
let pw;
for (const c of [process.env.PLAYWRIGHT_CORE, path.join(__dirname, '../../tests/e2e/node_modules/playwright-core')]) {
  try { if (c) { pw = require(c); break; } } catch (_) { /* next */ }
}
(async () => {
  const port = process.argv[2] || '18777';
  const browser = await pw.chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox', '--disable-gpu'] });
  const page = await browser.newPage();
  const errors = []; const wasm = [];
  page.on('console', (m) => { if (m.type() === 'error') errors.push(m.text()); });
  page.on('pageerror', (e) => errors.push(String(e)));
  page.on('request', (r) => { if (r.url().endsWith('.wasm')) wasm.push(new URL(r.url()).pathname); });
  await page.goto(`http://127.0.0.1:${port}/`);
  await page.waitForSelector('#home', { timeout: 10000 });
  console.log('home rendered; wasm so far:', wasm.join(' '));
  await page.click('a[href="/lazy"]');
  let ok = true;
  try { await page.waitForSelector('#lazy-text', { timeout: 10000 }); } catch (e) { ok = false; }
  await page.waitForTimeout(300);
  console.log('lazy route:', ok ? 'rendered' : 'NOT rendered', ok ? await page.textContent('#lazy') : '');
  if (ok) { await page.click('#lazy-btn'); await page.waitForTimeout(200); console.log('after click:', await page.textContent('#lazy-btn')); }
  console.log('wasm requests:', wasm.join(' '));
  console.log('console errors:', errors.length ? errors.join('\n  ') : 'none');
  await browser.close();
  process.exit(ok && errors.length === 0 ? 0 : 1);
})();
