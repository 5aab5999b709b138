// E-certificates against the real server and its seed (data/certificates.json, holders in
// data/README.md): validation before any request, masked results, every status, verification
// by code, by a keyboard-wedge scan and by camera, the keypad, and a wiped screen on return.
const { test, expect } = require('@playwright/test');
const AxeBuilder = require('@axe-core/playwright').default;
const { startServer } = require('../lib/server');
const { guardPage } = require('../lib/guard');

const ID = {
  valid: '1.2.156.3005.2.11100000000013127D001.11320505MB9955604P.NGAWFIWF5NTNFBSCHATJ.001.Z',
  expiring: '1.2.156.3005.2.11100000000013338W032.11320000MB4073530H.2777141.002.O',
  expired: '1.2.156.3005.2.11100000MB3145571N001.11320500MB3397357M.2016381515.001.B',
  suspended: '1.2.156.3005.2.11100000MB47207349001.11320500MB46428953.15572692854.001.R',
  revoked: '1.2.156.3005.2.11100000000013338W032.11320000MB4073530H.2511792.001.3',
  cancelled: '1.2.156.3005.2.11100000MB03271699001.11320581MB757228XU.23655665794.001.2',
  withdrawn: '1.2.156.3005.2.11100000MB78836943001.11320500MB92960394.756523969929.001.L',
  superseded: '1.2.156.3005.2.11100000000013127D001.11320508MB269371XL.OVMV7HTK6WKML7MFH516.001.0',
};
const CODE = { valid: 'JQ26X8', revoked: 'JYQ7RK' };
const WANG = { name: '王芳', id: '320505198509030123' };

/** Counts the requests the page makes to the certificate API. */
function countCertRequests(page) {
  const seen = [];
  page.on('request', (r) => { if (r.url().includes('/api/v1/certificates')) seen.push(`${r.method()} ${r.url()}`); });
  return seen;
}

async function holderSearch(page, name, id) {
  await page.getByTestId('cert-mode-holder').click();
  await page.getByTestId('cert-holder-name').fill(name);
  await page.getByTestId('cert-holder-id').fill(id);
  await page.getByTestId('cert-submit').click();
}

async function numberSearch(page, number) {
  await page.getByTestId('cert-mode-number').click();
  await page.getByTestId('cert-number').fill(number);
  await page.getByTestId('cert-submit').click();
}

test.describe('certificates', () => {
  let g;
  test.beforeEach(async ({ page }) => {
    g = guardPage(page);
    await page.goto('/certs');
    await expect(page.getByTestId('cert-mode-number')).toHaveAttribute('aria-pressed', 'true');
  });
  test.afterEach(() => g.assertClean());

  test('an invalid ID number shows precise field errors and sends nothing', async ({ page }) => {
    const sent = countCertRequests(page);
    // Wrong check digit (…0124 instead of …0123).
    await holderSearch(page, WANG.name, '320505198509030124');
    const err = page.getByTestId('field-error');
    await expect(err).toHaveCount(1);
    await expect(err).toContainText('校验位');
    await expect(page.getByTestId('error-summary')).toBeVisible();
    await expect(page.getByTestId('error-summary')).toHaveAttribute('role', 'alert');
    const input = page.getByTestId('cert-holder-id');
    await expect(input).toHaveAttribute('aria-invalid', 'true');
    await expect(input).toHaveAttribute('aria-describedby', /cert-holder-id-error/);
    await expect(input).toHaveValue('320505198509030124'); // answers kept
    await expect(page.getByTestId('cert-holder-name')).toHaveValue(WANG.name);
    // The summary's link moves focus to the field.
    await page.getByTestId('error-summary').locator('button').first().click();
    await expect(input).toBeFocused();

    // Too short: the count typed is in the message; both empty fields are reported at once.
    await input.fill('3205051985');
    await page.getByTestId('cert-submit').click();
    await expect(err).toHaveText('公民身份号码应为 18 位，您输入了 10 位。');
    await page.getByTestId('cert-holder-name').fill('');
    await input.fill('');
    await page.getByTestId('cert-submit').click();
    await expect(err).toHaveCount(2);
    // A birth date in the future, a bad credit code.
    await page.getByTestId('cert-holder-name').fill(WANG.name);
    await input.fill('320505209901010012');
    await page.getByTestId('cert-submit').click();
    await expect(err).toContainText(/出生日期.*晚于今天|出生日期/);
    await input.fill('91350203M0001QAY9B');
    await page.getByTestId('cert-submit').click();
    await expect(err).toContainText('统一社会信用代码的校验位');
    // A malformed identifier in number mode; verifying a plain number.
    await numberSearch(page, `${ID.valid.slice(0, -1)}Y`);
    await expect(err).toContainText('电子证照标识的校验位');
    await page.getByTestId('cert-number').fill('苏A12345');
    await page.getByTestId('cert-verify-code').fill('ABC123');
    await page.getByTestId('cert-verify-submit').click();
    await expect(err).toContainText('核验需要电子证照标识');
    // The language switch re-words the messages.
    await page.getByTestId('lang-toggle').click();
    await expect(err).toContainText('Verification needs the e-certificate identifier');
    await page.getByTestId('lang-toggle').click();

    await page.waitForTimeout(300);
    expect(sent).toEqual([]);
  });

  test('a holder search shows masked results with status and validity', async ({ page }) => {
    const sent = countCertRequests(page);
    await holderSearch(page, WANG.name, WANG.id);
    const results = page.getByTestId('cert-result');
    await expect(results.first()).toBeVisible();
    expect(await results.count()).toBeGreaterThanOrEqual(4);
    expect(sent).toEqual([expect.stringMatching(/^POST .*\/api\/v1\/certificates\/search$/)]);
    const text = await page.locator('body').innerText();
    expect(text).not.toContain(WANG.id);
    expect(text).not.toContain(WANG.name);
    expect(text).toContain('王*');
    expect(text).toMatch(/320\*+0123/);
    // Each card: name, issuer, validity, a status badge with an icon class and text.
    const card = page.locator(`[data-testid="cert-result"][data-identifier="${ID.valid}"]`);
    await expect(card).toContainText('居民身份证');
    await expect(card.getByTestId('cert-status')).toHaveAttribute('data-status', 'valid');
    await expect(card.getByTestId('cert-status')).toHaveClass(/badge-ok/);
    await expect(card.getByTestId('cert-status')).toHaveText(/有效/);
    await expect(card.getByTestId('cert-validity')).toContainText(/至|长期有效/);
    const expiring = page.locator('[data-testid="cert-status"][data-status="expiring"]');
    await expect(expiring).toHaveCount(1);
    await expect(expiring).toContainText(/天后到期|今天到期|明天到期/);
    // The URL never carries what was typed.
    expect(page.url()).toMatch(/\/certs$/);
  });

  test('every certificate state is rendered', async ({ page }) => {
    const statuses = new Set();
    const collect = async () => {
      await expect(page.getByTestId('cert-result').first()).toBeVisible();
      for (const s of await page.getByTestId('cert-status').evaluateAll((els) => els.map((e) => e.dataset.status))) statuses.add(s);
    };
    await holderSearch(page, '陈志强', '320506196902213476'); // suspended, superseded, expiring
    await collect();
    await holderSearch(page, '苏州通吴物流有限公司', '91320505MA3WEL1NX3'); // withdrawn, valid
    await collect();
    for (const s of ['expired', 'revoked', 'cancelled']) {
      await numberSearch(page, ID[s]);
      await expect(page.getByTestId('cert-result')).toHaveCount(1);
      await expect(page.getByTestId('cert-result')).toHaveAttribute('data-identifier', ID[s]);
      await collect();
      if (s === 'expired') await expect(page.getByTestId('cert-status')).toContainText(/已过期 \d+ 天|昨天已过期/);
    }
    expect([...statuses].sort()).toEqual(['cancelled', 'expired', 'expiring', 'revoked', 'superseded', 'suspended', 'valid', 'withdrawn']);
    // Badges never rely on colour alone: every one has an icon class and text.
    for (const cls of await page.getByTestId('cert-status').evaluateAll((els) => els.map((e) => e.className))) {
      expect(cls).toMatch(/badge-(ok|warn|bad|unknown)/);
    }
    // No match: a helpful message, not an empty screen.
    await holderSearch(page, '查无此人', '11010519491231002X');
    await expect(page.getByTestId('cert-empty')).toContainText('没有找到');
    await expect(page.getByTestId('cert-result')).toHaveCount(0);
  });

  test('verification by identifier + code: authentic and not authentic', async ({ page }) => {
    await page.getByTestId('cert-number').fill(ID.valid);
    await page.getByTestId('cert-verify-code').fill(CODE.valid.toLowerCase());
    await page.getByTestId('cert-verify-submit').click();
    const res = page.getByTestId('cert-verify-result');
    await expect(res).toHaveAttribute('data-valid', 'true');
    await expect(res).toContainText('核验通过');
    await expect(res.getByTestId('cert-status')).toHaveAttribute('data-status', 'valid');

    await page.getByTestId('cert-verify-code').fill('ZZZZZZ');
    await page.getByTestId('cert-verify-submit').click();
    await expect(res).toHaveAttribute('data-valid', 'false');
    await expect(res).toContainText('未通过核验');
    await expect(res).not.toContainText('找到');
    await expect(res.getByTestId('cert-status')).toHaveCount(0);

    // Authentic but revoked: says so, and that it is not usable.
    await page.getByTestId('cert-number').fill(ID.revoked);
    await page.getByTestId('cert-verify-code').fill(CODE.revoked);
    await page.getByTestId('cert-verify-submit').click();
    await expect(res).toHaveAttribute('data-valid', 'true');
    await expect(res.getByTestId('cert-status')).toHaveAttribute('data-status', 'revoked');
    await expect(res).toContainText('不能作为有效证照使用');
  });

  test('a result chosen from a holder search can be verified', async ({ page }) => {
    await holderSearch(page, WANG.name, WANG.id);
    const card = page.locator(`[data-testid="cert-result"][data-identifier="${ID.valid}"]`);
    await card.getByTestId('cert-verify-pick').click();
    await expect(page.getByTestId('cert-verify-target')).toContainText(ID.valid);
    await expect(page.getByTestId('cert-verify-code')).toBeFocused();
    await page.getByTestId('cert-verify-code').fill(CODE.valid);
    await page.getByTestId('cert-verify-submit').click();
    await expect(page.getByTestId('cert-verify-result')).toHaveAttribute('data-valid', 'true');
  });

  test('a keyboard-wedge scan verifies at once and leaves no half-typed input', async ({ page }) => {
    await page.getByTestId('cert-mode-holder').click();
    const name = page.getByTestId('cert-holder-name');
    await name.fill('王芳');
    await name.focus();
    const qr = `EKV1|${ID.valid}|${CODE.valid}`;
    await page.keyboard.type(qr, { delay: 5 });
    // Issue 12, item 7: keys typed into a focused field are that field's at any speed (this
    // test used to assert the old behaviour, declared a bug: the scan swallowed and the field
    // restored). The field's maxlength (50) is the browser's, not a lost key.
    await expect(name).toHaveValue(`王芳${qr}`.slice(0, 50));
    // The same scan with nothing focused verifies at once.
    await name.fill('王芳');
    await page.locator('h1').click();
    await page.keyboard.type(qr, { delay: 5 });
    await page.keyboard.press('Enter');
    const res = page.getByTestId('cert-verify-result');
    await expect(res).toHaveAttribute('data-valid', 'true');
    await expect(page.getByTestId('cert-number')).toHaveValue(ID.valid);
    await expect(page.getByTestId('cert-verify-code')).toHaveValue(CODE.valid);
    // The holder name field kept its own value.
    await page.getByTestId('cert-mode-holder').click();
    await expect(page.getByTestId('cert-holder-name')).toHaveValue('王芳');

    // A bare identifier fills the number field and searches.
    await page.getByTestId('cert-mode-number').click();
    await page.locator('h1').click();
    await page.keyboard.type(ID.suspended, { delay: 5 });
    await page.keyboard.press('Enter');
    await expect(page.getByTestId('cert-result')).toHaveAttribute('data-identifier', ID.suspended);
    await expect(page.getByTestId('cert-number')).toHaveValue(ID.suspended);

    // A person typing into the code field is not a scan.
    await page.getByTestId('cert-verify-code').fill('');
    await page.getByTestId('cert-verify-code').pressSequentially('ABCDEFGHJK', { delay: 80 });
    await expect(page.getByTestId('cert-verify-code')).toHaveValue('ABCDEFGHJK');
  });

  test('the on-screen keypad types into a field', async ({ page }) => {
    await page.getByTestId('cert-mode-holder').click();
    const toggle = page.locator('[data-testid="keypad-toggle"][data-field="cert-holder-id"]');
    await expect(toggle).toBeVisible();
    await toggle.click();
    const key = (k) => page.locator(`[data-testid="keypad-key"][data-key="${k}"]`).click();
    for (const k of '3205') await key(k);
    await page.getByTestId('keypad-backspace').click();
    await key('0');
    await expect(page.getByTestId('cert-holder-id')).toHaveValue('3200');
    await page.getByTestId('keypad-clear').click();
    await expect(page.getByTestId('cert-holder-id')).toHaveValue('');
    for (const k of WANG.id) await key(k);
    await expect(page.getByTestId('cert-holder-id')).toHaveValue(WANG.id);
    // Letters are on the second page.
    await page.getByTestId('keypad-shift').click();
    await expect(page.locator('[data-testid="keypad-key"][data-key="A"]')).toBeVisible();
    const box = await page.locator('[data-testid="keypad-key"][data-key="A"]').boundingBox();
    expect(box.height).toBeGreaterThanOrEqual(56);
    await page.getByTestId('keypad-done').click();
    await expect(page.getByTestId('keypad')).toHaveCount(0);
    await expect(page.getByTestId('cert-holder-id')).toBeFocused();
    await page.getByTestId('cert-holder-name').fill(WANG.name);
    await page.getByTestId('cert-submit').click();
    await expect(page.getByTestId('cert-result').first()).toBeVisible();
  });

  test('a result opens its detail page with every field', async ({ page }) => {
    await holderSearch(page, '欧阳明远', '320508197805161210');
    const card = page.getByTestId('cert-result').filter({ hasText: '不动产权证书' });
    await card.getByTestId('cert-detail-link').click();
    await expect(page).toHaveURL(/\/certs\/item\/1\.2\.156\.3005\.2\./);
    const d = page.getByTestId('cert-detail');
    await expect(d).toBeVisible();
    await expect(d.getByTestId('cert-status')).toBeVisible();
    await expect(d).toContainText('管辖属地编码');
    await expect(d.getByTestId('cert-detail-level')).toContainText(/级|未知/);
    await expect(d).toContainText('版本号');
    await expect(d.getByTestId('cert-detail-extra')).toBeVisible();
    const text = await page.locator('body').innerText();
    expect(text).not.toContain('320508197805161210');
    expect(text).not.toContain('欧阳明远');
    // An unknown identifier: the error panel, and retry stays on it.
    await page.goto(`/certs/item/${ID.valid.slice(0, -1)}Y`);
    await expect(page.getByTestId('error-panel')).toBeVisible();
    await expect(page.getByTestId('retry')).toBeVisible();
  });

  test('leaving /certs and coming back shows empty fields', async ({ page }) => {
    await holderSearch(page, WANG.name, WANG.id);
    await expect(page.getByTestId('cert-result').first()).toBeVisible();
    await page.getByTestId('cert-mode-number').click();
    await page.getByTestId('cert-number').fill(ID.valid);
    await page.getByTestId('cert-verify-code').fill(CODE.valid);
    await page.getByTestId('nav-home').click();
    await page.getByTestId('nav-certs').click();
    await expect(page.getByTestId('cert-number')).toHaveValue('');
    await expect(page.getByTestId('cert-verify-code')).toHaveValue('');
    await expect(page.getByTestId('cert-result')).toHaveCount(0);
    await page.getByTestId('cert-mode-holder').click();
    await expect(page.getByTestId('cert-holder-name')).toHaveValue('');
    await expect(page.getByTestId('cert-holder-id')).toHaveValue('');
    for (const id of ['cert-holder-name', 'cert-holder-id']) {
      const el = page.getByTestId(id);
      await expect(el).toHaveAttribute('autocomplete', 'off');
      await expect(el).toHaveAttribute('spellcheck', 'false');
      await expect(el).toHaveAttribute('autocorrect', 'off');
    }
    // Nothing of it was kept in browser storage.
    const stored = await page.evaluate(() => JSON.stringify({ ...localStorage }) + JSON.stringify({ ...sessionStorage }));
    expect(stored).not.toContain(WANG.id);
  });

  test('errors, results, keypad and verification pass axe in both modes', async ({ page }) => {
    const check = async (label) => {
      const r = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa']).analyze();
      const serious = r.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
      expect(serious.map((v) => `${label}: ${v.id} ${v.nodes.map((n) => n.target.join(' ')).slice(0, 3).join(' | ')}`)).toEqual([]);
    };
    await holderSearch(page, '', '3205');
    await expect(page.getByTestId('field-error')).toHaveCount(2);
    await check('errors');
    await page.locator('[data-testid="keypad-toggle"][data-field="cert-holder-id"]').click();
    await page.getByTestId('keypad-shift').click();
    await check('keypad');
    await holderSearch(page, '苏州通吴物流有限公司', '91320505MA3WEL1NX3');
    await expect(page.getByTestId('cert-result').first()).toBeVisible();
    await page.getByTestId('cert-verify-pick').first().click();
    await page.getByTestId('cert-verify-code').fill('ZZZZZZ');
    await page.getByTestId('cert-verify-submit').click();
    await expect(page.getByTestId('cert-verify-result')).toHaveAttribute('data-valid', 'false');
    await check('results');
    await page.getByTestId('elder-toggle').click();
    await page.getByTestId('lang-toggle').click();
    await check('results elder en');
  });

  test('the camera button only exists where BarcodeDetector does', async ({ page }) => {
    const has = await page.evaluate(() => 'BarcodeDetector' in window);
    await expect(page.getByTestId('cert-scan-camera')).toHaveCount(has ? 1 : 0);
  });
});

test('camera scan (BarcodeDetector + camera stubbed in the browser) verifies a certificate', async ({ page }) => {
  const g = guardPage(page);
  await page.addInitScript((payload) => {
    window.BarcodeDetector = class { async detect() { return [{ rawValue: payload }]; } };
    const fake = async () => {
      const c = document.createElement('canvas');
      c.width = 64; c.height = 64;
      c.getContext('2d').fillRect(0, 0, 64, 64);
      return c.captureStream(5);
    };
    if (navigator.mediaDevices) navigator.mediaDevices.getUserMedia = fake;
    else Object.defineProperty(navigator, 'mediaDevices', { value: { getUserMedia: fake } });
  }, `EKV1|${ID.expiring}|QFRUU5`);
  await page.goto('/certs');
  await page.getByTestId('cert-scan-camera').click();
  const res = page.getByTestId('cert-verify-result');
  await expect(res).toHaveAttribute('data-valid', 'true');
  await expect(res.getByTestId('cert-status')).toHaveAttribute('data-status', 'expiring');
  await expect(page.getByTestId('cert-scan-camera')).toHaveAttribute('aria-pressed', 'false');
  g.assertClean();
});

test('429 from the server: "try again in N seconds", and no results', async ({ page }) => {
  const server = await startServer({ env: { CERT_RATE_PER_MIN: '2' } });
  const g = guardPage(page, { allow: [/status of 429/] });
  try {
    await page.goto(`${server.url}/certs`);
    await page.getByTestId('cert-number').fill(ID.valid);
    for (let i = 0; i < 4; i += 1) {
      await page.getByTestId('cert-submit').click();
      await expect(page.getByTestId('cert-submit')).toBeEnabled();
      if (await page.getByTestId('cert-rate-limited').count()) break;
    }
    await expect(page.getByTestId('cert-rate-limited')).toContainText(/请 \d+ 秒后再试/);
    await expect(page.getByTestId('cert-result')).toHaveCount(0);
    g.assertClean();
  } finally {
    await server.stop();
  }
});
