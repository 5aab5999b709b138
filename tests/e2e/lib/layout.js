// Form factors, mode switching and the in-page measurements shared by specs/layout.spec.js,
// specs/a11y.spec.js and screenshots.js.

const FORMS = [
  { name: 'portrait', width: 1080, height: 1920 },
  { name: 'landscape', width: 1920, height: 1080 },
  { name: 'phone', width: 390, height: 844 },
  { name: 'phone-small', width: 360, height: 740 },
];

// Starts the app in 长辈版 (or not) through the hall's configuration (elder_default), so the mode
// holds across page loads; `extra` adds other configuration keys.
async function useMode(page, { elder = false, extra = {} } = {}) {
  await page.unroute('**/config.json');
  await page.route('**/config.json', async (route) => {
    const res = await route.fetch();
    const cfg = await res.json();
    Object.assign(cfg, { elder_default: elder }, extra);
    await route.fulfill({ response: res, json: cfg });
  });
}

const TARGETS = 'a[href], button, input:not([type=hidden]), select, textarea, [role=button], [tabindex]:not([tabindex="-1"])';

// Everything measured at scroll position 0, in document coordinates.
async function measure(page) {
  return page.evaluate((sel) => {
    const visible = (el) => {
      for (let e = el; e; e = e.parentElement) {
        const s = getComputedStyle(e);
        if (s.display === 'none' || s.visibility === 'hidden' || s.opacity === '0') return false;
      }
      const r = el.getBoundingClientRect();
      return r.width > 0 && r.height > 0;
    };
    const name = (el) => el.getAttribute('data-testid') || `${el.tagName.toLowerCase()}"${(el.textContent || el.value || '').trim().slice(0, 16)}"`;
    const sy = window.scrollY;
    // Text: every non-blank text node, SVG text too, at the size it is drawn (an SVG's text
    // scales with its drawing: the computed size times the drawing's scale).
    const sizes = [];
    const small = [];
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    for (let n = walker.nextNode(); n; n = walker.nextNode()) {
      const text = n.textContent.trim();
      const el = n.parentElement;
      if (!text || !el || el.closest('script, style, noscript')) continue;
      if (!visible(el)) continue;
      let size = parseFloat(getComputedStyle(el).fontSize);
      if (el instanceof SVGElement && el.getScreenCTM) {
        const m = el.getScreenCTM();
        if (m) size *= Math.min(Math.hypot(m.a, m.b), Math.hypot(m.c, m.d));
      }
      sizes.push(size);
      small.push({ size, text: text.slice(0, 24) });
    }
    small.sort((a, b) => a.size - b.size);
    const smallest = small.filter((s) => s.size === small[0]?.size).slice(0, 4);
    const titles = [...document.querySelectorAll('main h1')].filter(visible).map((h) => parseFloat(getComputedStyle(h).fontSize));
    // Targets: interactive elements, except links inside running text (WCAG's inline exception).
    const els = [...document.querySelectorAll(sel)].filter((el) => visible(el) && !el.closest('.inline-link'));
    const targets = els.map((el) => {
      const r = el.getBoundingClientRect();
      const inBar = !!el.closest('[data-testid="bottom-bar"]');
      return { id: name(el), el, inBar, x: r.left, y: r.top + sy, w: r.width, h: r.height, top: inBar ? r.top : r.top + sy };
    });
    // Gaps between neighbouring targets (one inside the other does not count).
    const gaps = [];
    for (let i = 0; i < targets.length; i++) {
      for (let j = i + 1; j < targets.length; j++) {
        const a = targets[i];
        const b = targets[j];
        if (a.el.contains(b.el) || b.el.contains(a.el)) continue;
        // The fixed bar and the page scrolling under it are measured apart.
        if (a.inBar !== b.inBar) continue;
        const dx = Math.max(b.x - (a.x + a.w), a.x - (b.x + b.w), 0);
        const dy = Math.max(b.y - (a.y + a.h), a.y - (b.y + b.h), 0);
        // Only neighbours: side by side or one above the other (or overlapping), within 40 px.
        const gap = Math.max(dx, dy);
        if ((dx === 0 || dy === 0) && gap < 40) gaps.push({ a: a.id, b: b.id, gap });
      }
    }
    const barEl = document.querySelector('[data-testid="bottom-bar"]');
    let bar = null;
    if (barEl) {
      const r = barEl.getBoundingClientRect();
      bar = {
        top: r.top, bottom: r.bottom,
        controls: [...barEl.querySelectorAll(sel)].filter(visible).map((el) => {
          const c = el.getBoundingClientRect();
          // The label: on one line, and inside the button's border with room to spare.
          const label = [...el.children].find((e) => e.tagName === 'SPAN');
          let fits = true;
          if (label) {
            const range = document.createRange();
            range.selectNodeContents(label);
            const lines = new Set([...range.getClientRects()].map((r) => Math.round(r.top))).size;
            const l = label.getBoundingClientRect();
            fits = lines <= 1 && l.left >= c.left + 3 && l.right <= c.right - 3;
          }
          return { id: name(el), top: c.top, bottom: c.bottom, fits, label: label ? label.textContent.trim() : '' };
        }),
      };
    }
    // The status band: how many rows its visible parts take (one is the rule).
    const bandEl = document.querySelector('[data-testid="status-band"]');
    const mids = bandEl ? [...bandEl.children].filter(visible).map((e) => { const r = e.getBoundingClientRect(); return r.top + r.height / 2; }) : [];
    const bandRows = !mids.length ? 0 : mids.some((y) => y > Math.min(...mids) + 12) ? 2 : 1;
    const tiles = [...document.querySelectorAll('.tiles .tile')].filter(visible).map((t) => t.getBoundingClientRect());
    // The part of the screen the tiles cover as it first shows (clipped to the viewport).
    const vh = window.innerHeight;
    const vwidth = window.innerWidth;
    const tileArea = tiles.reduce((s, r) => s + Math.max(0, Math.min(r.right, vwidth) - Math.max(r.left, 0)) * Math.max(0, Math.min(r.bottom, vh) - Math.max(r.top, 0)), 0);
    const tileTop = tiles.length ? Math.min(...tiles.map((r) => r.top + sy)) : null;
    const vw = document.documentElement.clientWidth;
    const overflow = Math.max(0, document.documentElement.scrollWidth - vw);
    const wide = overflow ? [...document.querySelectorAll('body *')].filter((e) => visible(e) && e.getBoundingClientRect().right > vw + 1 && !e.closest('.chips-scroll')).slice(0, 5).map(name) : [];
    return {
      sizes, smallest, titles, gaps, bar, bandRows, tileArea, tileTop, overflow, wide,
      targets: targets.map(({ el, ...t }) => t),
    };
  }, TARGETS);
}

module.exports = { FORMS, useMode, measure, TARGETS };
