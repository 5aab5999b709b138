// axe-core, with its experimental rules too, on every screen × 2 languages × 2 modes × 3 form
// factors: 0 serious or critical violations, and every interactive element meets the target size
// of its form factor and mode. One page load per screen and form factor; the four combinations
// are reached with the bar's own buttons (one axe pass each). Then the whole flow by keyboard.
const { test, expect } = require('@playwright/test');
const AxeBuilder = require('@axe-core/playwright').default;
const { SCREENS } = require('../lib/screens');
const { FORMS } = require('../lib/layout');

const failures = [];
const TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'experimental'];
// Minimum target sides per form factor and mode.
const MIN = { portrait: [60, 80], landscape: [60, 80], phone: [44, 60] };

async function targetSizeProblems(page, min) {
  return page.evaluate((min) => {
    const bad = [];
    const sel = 'a[href], button, input:not([type=hidden]), select, textarea, [role=button], [tabindex]:not([tabindex="-1"])';
    for (const el of document.querySelectorAll(sel)) {
      const r = el.getBoundingClientRect();
      const style = getComputedStyle(el);
      if (r.width === 0 || r.height === 0 || style.visibility === 'hidden') continue;
      if (el.closest('.inline-link')) continue; // links inside running text (WCAG inline exception)
      if (r.width + 0.5 < min || r.height + 0.5 < min) {
        bad.push(`${el.tagName.toLowerCase()}[${el.getAttribute('data-testid') || el.textContent.trim().slice(0, 20)}] ${Math.round(r.width)}x${Math.round(r.height)}`);
      }
    }
    return bad;
  }, min);
}

const COMBOS = [
  { lang: 'zh-CN', elder: false },
  { lang: 'en', elder: false },
  { lang: 'en', elder: true },
  { lang: 'zh-CN', elder: true },
];

for (const form of FORMS.filter((f) => MIN[f.name])) {
  for (const screen of SCREENS) {
    test(`${screen.name} ${form.name}`, async ({ page }) => {
      test.info().setTimeout(90_000);
      await page.setViewportSize({ width: form.width, height: form.height });
      await page.goto(screen.url);
      await expect(page.getByTestId(screen.ready).first()).toBeVisible();
      const found = [];
      let lang = 'zh-CN';
      let elder = false;
      for (const c of COMBOS) {
        if (c.lang !== lang) { await page.getByTestId('lang-toggle').click(); lang = c.lang; }
        if (c.elder !== elder) { await page.getByTestId('elder-toggle').click(); elder = c.elder; }
        await expect(page.locator('html')).toHaveAttribute('lang', lang);
        await expect(page.getByTestId('elder-toggle')).toHaveAttribute('aria-pressed', String(elder));
        const results = await new AxeBuilder({ page }).withTags(TAGS).analyze();
        // The experimental rules did run (WCAG 2.5.3, label in name, is one of them).
        const ran = [...results.passes, ...results.violations, ...results.incomplete, ...results.inapplicable].map((r) => r.id);
        expect(ran).toContain('label-content-name-mismatch');
        const serious = results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
        const small = await targetSizeProblems(page, MIN[form.name][elder ? 1 : 0]);
        const where = `${screen.name} ${form.name} ${lang}${elder ? ' elder' : ''}`;
        for (const v of serious) found.push(`${where}: ${v.id}: ${v.help} — ${v.nodes.map((n) => n.target.join(' ')).slice(0, 3).join(' | ')}`);
        for (const s of small) found.push(`${where}: small target ${s}`);
      }
      failures.push(...found);
      expect(found).toEqual([]);
    });
  }
}

// Tab until the focused element has data-testid `id` (at most `max` presses), then Enter.
async function tabTo(page, id, max = 80) {
  for (let i = 0; i < max; i++) {
    await page.keyboard.press('Tab');
    const at = await page.evaluate(() => document.activeElement && document.activeElement.getAttribute('data-testid'));
    if (at === id) return;
  }
  throw new Error(`${id} not reached with ${max} Tab presses`);
}

test('the whole flow works by keyboard only: home → lists → entry → self-check', async ({ page }) => {
  await page.goto('/');
  await expect(page.getByTestId('home-lenient')).toBeVisible();
  await tabTo(page, 'home-lenient');
  await page.keyboard.press('Enter');
  await expect(page).toHaveURL(/\/lenient$/);
  const domain = page.getByTestId('lenient-domain').first();
  await expect(domain).toBeVisible();
  await tabTo(page, 'lenient-domain');
  await page.keyboard.press('Enter');
  await expect(page).toHaveURL(/\/lenient\/list/);
  await expect(page.getByTestId('lenient-item').first()).toBeVisible();
  await tabTo(page, 'lenient-item');
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('lenient-detail')).toBeVisible();
  await tabTo(page, 'eligibility-start');
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('eligibility-question')).toBeVisible();
  // Answer every question with the keyboard until the outcome shows.
  for (let i = 0; i < 12; i++) {
    if (await page.getByTestId('eligibility-result').count()) break;
    await tabTo(page, 'eligibility-yes', 30);
    await page.keyboard.press('Enter');
    await page.waitForTimeout(400); // the new question's buttons arm after a moment
  }
  await expect(page.getByTestId('eligibility-result')).toBeVisible();
  // The bar is reachable by keyboard too: 首页 goes home.
  await tabTo(page, 'nav-home', 120);
  await page.keyboard.press('Enter');
  await expect(page).toHaveURL(/\/$/);
});

test.afterAll(() => {
  if (failures.length) console.log(`accessibility problems:\n${failures.join('\n')}`);
});
