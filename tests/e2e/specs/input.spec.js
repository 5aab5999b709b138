// Issue 12, item 7: no keystroke is ever lost. Property-style: random strings typed into every
// text field of the kiosk, key by key at random 1–200 ms intervals (and at wedge speed), end up
// whole in the field; Enter at the end submits where that field's form would. A burst typed
// with nothing focused is routed by what it is, from any screen, without its payload in the
// URL, and an unrecognised one is shown, never dropped.
//
// The PRNG is seeded: the seed is printed; set E2E_INPUT_SEED to replay a run.
const { test, expect } = require('@playwright/test');
const { guardPage } = require('../lib/guard');

const SEED = Number(process.env.E2E_INPUT_SEED) || (Date.now() % 2147483647);
// Printed by the worker that runs the tests (the runner's own load of this file draws another).
test.beforeAll(() => console.log(`input.spec.js seed: ${SEED} (replay with E2E_INPUT_SEED=${SEED})`));

/** mulberry32: small, seedable, good enough for test data. */
function prng(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
const rand = prng(SEED);
const int = (lo, hi) => lo + Math.floor(rand() * (hi - lo + 1));
const ALPHABET = 'ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz0123456789-.';
const randomString = (n) => Array.from({ length: n }, () => ALPHABET[int(0, ALPHABET.length - 1)]).join('');

const ID = {
  valid: '1.2.156.3005.2.11100000000013127D001.11320505MB9955604P.NGAWFIWF5NTNFBSCHATJ.001.Z',
  suspended: '1.2.156.3005.2.11100000MB47207349001.11320500MB46428953.15572692854.001.R',
};
const CODE = 'JQ26X8';
const WANG_ID = '320505198509030123';
const CASE_NO = '32050820260923000055';

// Every text field of the kiosk: where it is and how to show it.
const FIELDS = [
  { id: 'cert-number', url: '/certs' },
  { id: 'cert-verify-code', url: '/certs' },
  { id: 'cert-holder-name', url: '/certs', before: (p) => p.getByTestId('cert-mode-holder').click() },
  { id: 'cert-holder-id', url: '/certs', before: (p) => p.getByTestId('cert-mode-holder').click() },
  { id: 'review-case', url: '/reviews' },
  { id: 'review-comment', url: '/reviews/new?window=C01' },
  { id: 'review-phone', url: '/reviews/new?window=C01' },
  { id: 'review-lookup-no', url: '/reviews/status' },
  { id: 'review-lookup-check', url: '/reviews/status' },
  { id: 'lenient-search', url: '/lenient' },
  { id: 'lenient-search', url: '/lenient/list?domain=tax' },
  { id: 'admin-pin', url: '/admin' },
];

/** Types `text` key by key with the given gaps (ms) between keys. */
async function typeWithGaps(page, text, gap) {
  for (const ch of text) {
    await page.keyboard.press(ch);
    await page.waitForTimeout(gap());
  }
}

/** Puts the focus nowhere (the document body). */
async function blur(page) {
  await page.evaluate(() => document.activeElement && document.activeElement.blur && document.activeElement.blur());
  await expect.poll(() => page.evaluate(() => document.activeElement === document.body)).toBe(true);
}

/** Every URL the page shows, including in-app (history API) navigations. */
function recordUrls(page) {
  const urls = [];
  page.on('framenavigated', (f) => { if (f === page.mainFrame()) urls.push(f.url()); });
  return urls;
}

test.describe('no keystroke is lost in a focused field', () => {
  for (const f of FIELDS) {
    test(`${f.id} on ${f.url}`, async ({ page }) => {
      const g = guardPage(page, { allow: [/status of 404/] });
      await page.goto(f.url);
      if (f.before) await f.before(page);
      const field = page.getByTestId(f.id);
      await expect(field).toBeVisible();
      const max = Number(await field.getAttribute('maxlength')) || 64;
      // Four runs: a person (1–200 ms), a wedge device (1–20 ms), a mix of both, and a person
      // who stops to think once (a pause long enough for the lists' URL to catch up mid-typing).
      let paused = false;
      const runs = [
        () => int(1, 200),
        () => int(1, 20),
        () => (rand() < 0.5 ? int(1, 20) : int(21, 200)),
        () => {
          if (!paused && rand() < 0.2) { paused = true; return int(300, 600); }
          return int(1, 60);
        },
      ];
      for (const [i, gap] of runs.entries()) {
        const text = randomString(Math.min(max, int(8, 24)));
        await field.fill('');
        await field.focus();
        if (i === 1) {
          // Playwright's own typing at wedge speed (keyboard.type).
          await page.keyboard.type(text, { delay: int(1, 20) });
        } else {
          await typeWithGaps(page, text, gap);
        }
        await expect(field, `seed ${SEED}, run ${i}: ${JSON.stringify(text)}`).toHaveValue(text);
        await expect(field).toBeFocused();
      }
      await expect(page.getByTestId('scan-unknown')).toHaveCount(0);
      g.assertClean();
    });
  }

  test('an ID number at 20 ms into the holder ID field stays whole; an identifier at 5 ms plus Enter searches for all of it', async ({ page }) => {
    const g = guardPage(page);
    const sent = [];
    page.on('request', (r) => { if (r.url().includes('/api/v1/certificates/search')) sent.push(r.postData() || ''); });
    await page.goto('/certs');
    await page.getByTestId('cert-mode-holder').click();
    await page.getByTestId('cert-holder-name').fill('王芳');
    await page.getByTestId('cert-holder-id').focus();
    await page.keyboard.type(WANG_ID, { delay: 20 });
    await expect(page.getByTestId('cert-holder-id')).toHaveValue(WANG_ID);
    // Enter submits the holder form, as the browser would.
    await page.keyboard.press('Enter');
    await expect(page.getByTestId('cert-result').first()).toBeVisible();

    await page.getByTestId('cert-mode-number').click();
    await page.getByTestId('cert-number').focus();
    await page.keyboard.type(ID.suspended, { delay: 5 });
    await page.keyboard.press('Enter');
    await expect(page.getByTestId('cert-result')).toHaveAttribute('data-identifier', ID.suspended);
    await expect(page.getByTestId('cert-number')).toHaveValue(ID.suspended);
    expect(sent.at(-1)).toContain(ID.suspended);
    g.assertClean();
  });

  test('a case number scanned into the focused case field submits its form with Enter', async ({ page }) => {
    const g = guardPage(page);
    await page.goto('/reviews');
    await page.getByTestId('review-case').focus();
    await page.keyboard.type(CASE_NO, { delay: 5 });
    await expect(page.getByTestId('review-case')).toHaveValue(CASE_NO);
    await page.keyboard.press('Enter');
    await expect(page).toHaveURL(new RegExp(`/reviews/new\\?case=${CASE_NO}$`));
    g.assertClean();
  });
});

test.describe('a burst with nothing focused is routed by what it is, from any screen', () => {
  test('a certificate QR code from the lists verifies on the certificate screen', async ({ page }) => {
    const g = guardPage(page);
    await page.goto('/lenient');
    await expect(page.getByTestId('lenient-domain').first()).toBeVisible();
    const urls = recordUrls(page);
    await blur(page);
    await page.keyboard.type(`EKV1|${ID.valid}|${CODE}`, { delay: 5 });
    await page.keyboard.press('Enter');
    await expect(page.getByTestId('cert-verify-result')).toHaveAttribute('data-valid', 'true');
    await expect(page.getByTestId('cert-number')).toHaveValue(ID.valid);
    await expect(page).toHaveURL(/\/certs$/);
    expect(urls.filter((u) => u.includes('1.2.156') || u.includes(CODE))).toEqual([]);
    g.assertClean();
  });

  test('a bare identifier from home is looked up', async ({ page }) => {
    const g = guardPage(page);
    await page.goto('/');
    await expect(page.getByTestId('home-lenient')).toBeVisible();
    const urls = recordUrls(page);
    await blur(page);
    await page.keyboard.type(ID.suspended, { delay: 5 });
    await page.keyboard.press('Enter');
    await expect(page.getByTestId('cert-result')).toHaveAttribute('data-identifier', ID.suspended);
    await expect(page).toHaveURL(/\/certs$/);
    expect(urls.filter((u) => u.includes('1.2.156'))).toEqual([]);
    g.assertClean();
  });

  test('an 18-character ID number fills the holder ID field of the certificate screen', async ({ page }) => {
    const g = guardPage(page);
    await page.goto('/reviews');
    await expect(page.getByTestId('review-case')).toBeVisible();
    const urls = recordUrls(page);
    await blur(page);
    await page.keyboard.type(WANG_ID, { delay: 8 });
    await page.keyboard.press('Enter');
    await expect(page).toHaveURL(/\/certs$/);
    await expect(page.getByTestId('cert-mode-holder')).toHaveAttribute('aria-pressed', 'true');
    await expect(page.getByTestId('cert-holder-id')).toHaveValue(WANG_ID);
    // The name is still to be typed: its field has the focus.
    await expect(page.getByTestId('cert-holder-name')).toBeFocused();
    expect(urls.filter((u) => u.includes(WANG_ID))).toEqual([]);
    g.assertClean();
  });

  test('a case number from the certificate screen opens its review form', async ({ page }) => {
    const g = guardPage(page);
    await page.goto('/certs');
    await expect(page.getByTestId('cert-number')).toBeVisible();
    await blur(page);
    await page.keyboard.type(CASE_NO, { delay: 5 });
    await page.keyboard.press('Enter');
    await expect(page).toHaveURL(new RegExp(`/reviews/new\\?case=${CASE_NO}$`));
    await expect(page.getByTestId('review-target')).toContainText('C01');
    g.assertClean();
  });

  test('an unrecognised burst is shown with what was scanned, and goes nowhere', async ({ page }) => {
    const g = guardPage(page);
    await page.goto('/lenient');
    await expect(page.getByTestId('lenient-domain').first()).toBeVisible();
    await blur(page);
    const junk = randomString(4).replace(/[0-9]/g, 'Q') + 'ABCDEFGH';
    await page.keyboard.type(junk, { delay: 5 });
    await page.keyboard.press('Enter');
    const notice = page.getByTestId('scan-unknown');
    await expect(notice).toBeVisible();
    await expect(notice).toHaveAttribute('role', 'alert');
    await expect(page.getByTestId('scan-unknown-text')).toHaveText(junk);
    await expect(page).toHaveURL(/\/lenient$/);
    await page.getByTestId('lang-toggle').click();
    await expect(notice).toContainText('not recognised');
    await page.getByTestId('scan-unknown-close').click();
    await expect(notice).toHaveCount(0);
    g.assertClean();
  });

  test('a person typing with nothing focused is not a scan', async ({ page }) => {
    const g = guardPage(page);
    await page.goto('/lenient');
    await expect(page.getByTestId('lenient-domain').first()).toBeVisible();
    await blur(page);
    await page.keyboard.type('ABCDEFGHJK', { delay: 80 });
    await page.keyboard.press('Enter');
    await page.waitForTimeout(300);
    await expect(page).toHaveURL(/\/lenient$/);
    await expect(page.getByTestId('scan-unknown')).toHaveCount(0);
    g.assertClean();
  });
});
