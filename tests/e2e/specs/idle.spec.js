// Idle reset: the countdown appears, "continue" keeps the screen, letting it run wipes every
// personal value from the DOM and from every browser storage.
const { test, expect } = require('@playwright/test');
const { guardPage } = require('../lib/guard');

const ID = '320508197805161210';
const NAME = '欧阳明远';
const PHONE = '13912345678';

async function shortIdle(page) {
  await page.route('**/config.json', async (route) => {
    const res = await route.fetch();
    const cfg = await res.json();
    Object.assign(cfg, { idle_seconds: 10, idle_seconds_personal: 10, idle_warning_seconds: 20 });
    await route.fulfill({ response: res, json: cfg });
  });
}

async function storageDump(page) {
  return page.evaluate(async () => {
    const out = [];
    for (const s of [localStorage, sessionStorage]) {
      for (let i = 0; i < s.length; i++) out.push(s.key(i) + '=' + s.getItem(s.key(i)));
    }
    if (indexedDB.databases) for (const db of await indexedDB.databases()) out.push('idb:' + db.name);
    if (self.caches) {
      for (const name of await caches.keys()) {
        const c = await caches.open(name);
        for (const req of await c.keys()) {
          out.push(req.url);
          const r = await c.match(req);
          if (r && /json|text/.test(r.headers.get('content-type') || '')) out.push(await r.text());
        }
      }
    }
    return out.join('\n');
  });
}

test('countdown appears and continue keeps the screen and its input', async ({ page }) => {
  const g = guardPage(page);
  await shortIdle(page);
  await page.goto('/certs');
  await page.getByTestId('cert-mode-holder').click();
  await page.getByTestId('cert-holder-name').fill(NAME);
  await expect(page.getByTestId('idle-warning')).toBeVisible({ timeout: 15_000 });
  await expect(page.getByTestId('idle-warning')).toHaveAttribute('role', 'alertdialog');
  await page.getByTestId('idle-continue').click();
  await expect(page.getByTestId('idle-warning')).toHaveCount(0);
  await expect(page).toHaveURL(/\/certs$/);
  await expect(page.getByTestId('cert-holder-name')).toHaveValue(NAME);
  g.assertClean();
});

test('letting the countdown run wipes ID number, name and phone everywhere and returns home', async ({ page }) => {
  test.setTimeout(90_000);
  const g = guardPage(page);
  await shortIdle(page);
  // A phone number typed into a review form, then an ID number and a name on the certificates screen.
  await page.goto('/reviews/new?window=A01');
  await page.getByTestId('review-phone').fill(PHONE);
  await page.getByTestId('nav-certs').click();
  await page.getByTestId('cert-mode-holder').click();
  await page.getByTestId('cert-holder-name').fill(NAME);
  await page.getByTestId('cert-holder-id').fill(ID);
  await page.getByTestId('cert-submit').click();
  await expect(page.getByTestId('cert-result').first()).toBeVisible();
  await expect(page.getByTestId('idle-warning')).toBeVisible({ timeout: 15_000 });
  await expect(page.getByTestId('idle-warning')).toHaveCount(0, { timeout: 30_000 });
  await expect(page).toHaveURL(/\/$/);
  await expect(page.getByTestId('take-documents')).toBeVisible();
  const html = await page.content();
  const stored = await storageDump(page);
  for (const secret of [ID, NAME, PHONE, PHONE.slice(0, 3) + ' ' + PHONE.slice(3)]) {
    expect(html, `DOM still holds ${secret}`).not.toContain(secret);
    expect(stored, `storage still holds ${secret}`).not.toContain(secret);
  }
  // Going back to the screen shows empty fields.
  await page.getByTestId('nav-certs').click();
  await page.getByTestId('cert-mode-holder').click();
  await expect(page.getByTestId('cert-holder-id')).toHaveValue('');
  g.assertClean();
});
