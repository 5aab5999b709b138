// Layout rules of issue 12, measured on the rendered page for three form factors (portrait kiosk
// 1080×1920, landscape kiosk 1920×1080, phone 390×844; plus the small phone 360×740 for overflow)
// in both modes: computed font size of every visible text node, target rectangles and the gaps
// between them, where the bottom bar's controls are, nothing to touch in the top 30 % of a
// portrait kiosk, the home tiles' share of the screen, no sideways overflow, elder/standard ratio.
// The figures are printed (console.log) for the issue's closing note.
const { test, expect } = require('@playwright/test');
const { SCREENS } = require('../lib/screens');
const { FORMS, useMode, measure } = require('../lib/layout');

const RULES = {
  // minText: smallest text; body: median text; title: h1; target: both sides; gap: between targets.
  portrait: { std: { minText: 22, body: 24, title: 40, target: 60, gap: 10 }, elder: { minText: 27, body: 32, title: 40, target: 80, gap: 10 }, reachTop: 0.3 },
  landscape: { std: { minText: 22, body: 24, title: 40, target: 60, gap: 10 }, elder: { minText: 27, body: 32, title: 40, target: 80, gap: 10 } },
  phone: { std: { minText: 16, body: 16, title: 22, target: 44, gap: 4 }, elder: { minText: 21, body: 21, title: 28, target: 60, gap: 4 } },
  'phone-small': { std: { minText: 16, body: 16, title: 22, target: 44, gap: 4 }, elder: { minText: 21, body: 21, title: 28, target: 60, gap: 4 } },
};

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length ? s[Math.floor(s.length / 2)] : 0;
};
const round = (x) => Math.round(x * 100) / 100;

// The mode comes from config.json on every load: the service worker must not answer it.
test.use({ serviceWorkers: 'block' });

const figures = {}; // form -> mode -> { min, median, perScreen: {name: median}, tileShare }

const ONLY = process.env.LAYOUT_FORMS ? process.env.LAYOUT_FORMS.split(',') : null;
for (const form of FORMS.filter((f) => !ONLY || ONLY.includes(f.name))) {
  for (const elder of [false, true]) {
    const mode = elder ? 'elder' : 'std';
    test(`layout ${form.name} ${mode}`, async ({ page }) => {
      test.info().setTimeout(180_000);
      await page.setViewportSize({ width: form.width, height: form.height });
      await useMode(page, { elder });
      const rule = RULES[form.name][mode];
      const problems = [];
      const all = [];
      const perScreen = {};
      let tileShare = null;
      for (const screen of SCREENS) {
        await page.goto(screen.url);
        await expect(page.getByTestId(screen.ready).first()).toBeVisible();
        await expect(page.locator('html')).toHaveClass(elder ? /elder/ : /^(?!.*elder)/);
        const m = await measure(page);
        const where = `${form.name} ${mode} ${screen.name}`;
        if (!m.sizes.length) problems.push(`${where}: no text measured`);
        all.push(...m.sizes);
        perScreen[screen.name] = { min: Math.min(...m.sizes), median: median(m.sizes) };
        if (Math.min(...m.sizes) + 0.01 < rule.minText) {
          problems.push(`${where}: text below ${rule.minText}px: ${m.smallest.map((s) => `${s.size}px "${s.text}"`).join(', ')}`);
        }
        if (median(m.sizes) + 0.01 < rule.body) problems.push(`${where}: median text ${median(m.sizes)}px < ${rule.body}px`);
        for (const h of m.titles) if (h + 0.01 < rule.title) problems.push(`${where}: title ${h}px < ${rule.title}px`);
        for (const t of m.targets) {
          if (t.w + 0.5 < rule.target || t.h + 0.5 < rule.target) problems.push(`${where}: target ${t.id} ${Math.round(t.w)}×${Math.round(t.h)} < ${rule.target}`);
        }
        for (const g of m.gaps) if (g.gap + 0.5 < rule.gap) problems.push(`${where}: ${g.a} and ${g.b} ${round(g.gap)}px apart (< ${rule.gap})`);
        if (m.overflow > 0) problems.push(`${where}: ${m.overflow}px horizontal overflow (${m.wide.join(', ')})`);
        if (m.bandRows > 1) problems.push(`${where}: the status band takes ${m.bandRows} rows, not one`);
        // The bottom bar: at the very bottom, every control in it, none above 30 % of the height.
        if (!m.bar) problems.push(`${where}: no bottom bar`);
        else {
          if (Math.abs(m.bar.bottom - form.height) > 1) problems.push(`${where}: bottom bar ends at ${m.bar.bottom}, not ${form.height}`);
          for (const c of m.bar.controls) {
            if (c.top / form.height < 0.3 || c.top < m.bar.top - 0.5 || c.bottom > m.bar.bottom + 0.5) {
              problems.push(`${where}: bar control ${c.id} at ${round(c.top / form.height)} of the height, outside the bar`);
            }
          }
          for (const c of m.bar.controls) {
            if (!c.fits) problems.push(`${where}: bar label "${c.label}" of ${c.id} wraps or touches its border`);
          }
          for (const id of ['nav-home', 'nav-back', 'elder-toggle', 'lang-toggle']) {
            if (!m.bar.controls.some((c) => c.id === id)) problems.push(`${where}: ${id} not in the bottom bar`);
          }
        }
        if (RULES[form.name].reachTop) {
          for (const t of m.targets) {
            if (t.top / form.height < RULES[form.name].reachTop) problems.push(`${where}: ${t.id} at ${round(t.top / form.height)} of the height (above the 30 % line)`);
          }
        }
        if (screen.name === 'home') {
          tileShare = m.tileArea / (form.width * form.height);
          if (tileShare < 0.25) problems.push(`${where}: home tiles cover ${round(tileShare)} of the screen (< 0.25)`);
          if (RULES[form.name].reachTop && m.tileTop / form.height < 0.3) problems.push(`${where}: tiles start at ${round(m.tileTop / form.height)}`);
        }
      }
      figures[form.name] = figures[form.name] || {};
      figures[form.name][mode] = { min: Math.min(...all), median: median(all), perScreen, tileShare };
      console.log(`layout ${form.name} ${form.width}x${form.height} ${mode}: smallest ${round(Math.min(...all))}px, median ${round(median(all))}px, home tiles ${round(tileShare * 100)}% of the screen`);
      if (elder && figures[form.name].std) {
        const std = figures[form.name].std;
        const ratios = Object.keys(perScreen).map((k) => perScreen[k].median / std.perScreen[k].median);
        const minRatios = Object.keys(perScreen).map((k) => perScreen[k].min / std.perScreen[k].min);
        console.log(`layout ${form.name}: elder/standard median ${round(median(all) / std.median)}, smallest ${round(Math.min(...all) / std.min)}; per screen median ratio ${round(Math.min(...ratios))}–${round(Math.max(...ratios))}, smallest ratio ${round(Math.min(...minRatios))}–${round(Math.max(...minRatios))}`);
        Object.keys(perScreen).forEach((k, i) => {
          if (ratios[i] < 1.3) problems.push(`${form.name} ${k}: elder/standard median ratio ${round(ratios[i])} < 1.3`);
          if (minRatios[i] < 1.3) problems.push(`${form.name} ${k}: elder/standard smallest-text ratio ${round(minRatios[i])} < 1.3`);
        });
      }
      expect(problems).toEqual([]);
    });
  }
}

test('elder mode never shrinks the entry page\'s self-check button', async ({ page }) => {
  const { entry } = require('../lib/screens');
  const sizes = {};
  for (const elder of [false, true]) {
    await useMode(page, { elder });
    await page.goto(`/lenient/item/${entry.id}`);
    const b = page.getByTestId('eligibility-start').first();
    await expect(b).toBeVisible();
    sizes[elder] = await b.evaluate((el) => {
      const r = el.getBoundingClientRect();
      return { h: r.height, w: r.width, font: parseFloat(getComputedStyle(el).fontSize) };
    });
  }
  console.log(`self-check button: standard ${JSON.stringify(sizes.false)}, elder ${JSON.stringify(sizes.true)}`);
  expect(sizes.true.font).toBeGreaterThanOrEqual(sizes.false.font * 1.3);
  expect(sizes.true.h).toBeGreaterThan(sizes.false.h);
});
