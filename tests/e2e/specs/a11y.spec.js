// axe-core on every screen in both languages and both modes: 0 serious or critical
// violations; every interactive element meets the target size of its mode.
const { test, expect } = require('@playwright/test');
const AxeBuilder = require('@axe-core/playwright').default;
const { SCREENS } = require('../lib/screens');

const failures = [];

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

for (const screen of SCREENS) {
  for (const lang of ['zh-CN', 'en']) {
    for (const elder of [false, true]) {
      test(`${screen.name} ${lang}${elder ? ' elder' : ''}`, async ({ page }) => {
        await page.goto(screen.url);
        await expect(page.getByTestId(screen.ready).first()).toBeVisible();
        if (lang === 'en') await page.getByTestId('lang-toggle').click();
        if (elder) await page.getByTestId('elder-toggle').click();
        await expect(page.locator('html')).toHaveAttribute('lang', lang);
        const results = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa']).analyze();
        const serious = results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
        const small = await targetSizeProblems(page, elder ? 60 : 44);
        if (serious.length || small.length) {
          failures.push(`${screen.name} ${lang}${elder ? ' elder' : ''}: ${serious.map((v) => `${v.id}(${v.nodes.length})`).join(', ')} ${small.join('; ')}`);
        }
        expect(serious.map((v) => `${v.id}: ${v.help} — ${v.nodes.map((n) => n.target.join(' ')).slice(0, 3).join(' | ')}`)).toEqual([]);
        expect(small).toEqual([]);
      });
    }
  }
}

test.afterAll(() => {
  if (failures.length) console.log(`accessibility problems:\n${failures.join('\n')}`);
});
