// Soak: one page, no reload, N kiosk sessions in a row against the real reference server:
// browse and search the lenient lists, open an entry, run the self-check, look up a
// certificate, leave a review, then let the real idle reset happen (Playwright's fake clock runs
// past idle_seconds + idle_warning_seconds of the served config, so the app's own idle timer
// shows the countdown and wipes; nothing is overridden). After every reset the home screen's
// element count is compared with the baseline; every `--every` sessions, after forced GCs:
// JS heap (performance.memory with --enable-precise-memory-info), wasm linear memory (the
// instance's exported memory, caught from trunk's `TrunkApplicationStarted` event by an init
// script), CDP Memory.getDOMCounters (documents, nodes, JS event listeners), and a heap snapshot
// counting detached DOM nodes still reachable from JS.
//
// Every step is tolerant: a screen that is missing (not built yet) is skipped with a note.
//
//   node bench/soak.js [--sessions 1000] [--quick] [--every 100] [--port 18540] [--max-minutes 100]
//                      [--verbose] [--retainers] [--steps lenient,certificates,reviews|nav|none]
'use strict';

const lib = require('./lib');

const a = lib.args();
const QUICK = Boolean(a.quick);
const SESSIONS = Math.max(1, Math.min(100_000, Number(a.sessions || (QUICK ? 100 : 1000))));
const EVERY = Math.max(1, Number(a.every || (SESSIONS >= 500 ? 100 : Math.max(10, Math.round(SESSIONS / 10)))));
const PORT = Number(a.port || 18540);
const MAX_MIN = Number(a['max-minutes'] || 100);
const STEP_MS = 10_000; // each wait inside a step
const BUDGET_GROWTH = 5e6; // bytes, heap + wasm, after warm-up
const VERBOSE = Boolean(a.verbose);
// Which modules a session visits (to find which one grows memory): lenient,certificates,reviews;
// `nav` only opens each module's first screen; `none` leaves only the idle reset.
const STEPS = String(a.steps || 'lenient,certificates,reviews').split(',').map((x) => x.trim());

// Synthetic test holders from data/README.md (name, code).
const HOLDERS = [
  ['欧阳明远', '320508197805161210'], ['王芳', '320505198509030123'], ['陈志强', '320506196902213476'],
  ['李思涵', '320508200907114380'], ['苏州澄湖餐饮管理有限公司', '91320508MAGL80MN7Q'],
  ['苏州通吴物流有限公司', '91320505MA3WEL1NX3'], ['姑苏区沈记面馆', '92320508L011135013'],
];
const QUERIES = ['纳税', 'nssb', 'shigong', '承诺', 'wf', '未按', 'jiage', 'xf'];
let CASES = [];
try {
  CASES = JSON.parse(require('node:fs').readFileSync(require('node:path').join(lib.ROOT, 'data', 'cases.json'), 'utf8')).map((c) => c.case_no);
} catch (_) { /* no case numbers: the picker is used */ }
const RATINGS = ['very_satisfied', 'satisfied', 'very_satisfied', 'basically_satisfied', 'dissatisfied'];

const notes = new Map(); // step -> { ok, skipped, firstNote }
let lastNoteAt = Date.now();
function note(step, ok, why = '') {
  if (VERBOSE) console.log(`    ${step}: ${ok ? 'ok' : 'skipped'} (+${Date.now() - lastNoteAt} ms)`);
  lastNoteAt = Date.now();
  const n = notes.get(step) || { ok: 0, skipped: 0, firstNote: '' };
  if (ok) n.ok++;
  else {
    n.skipped++;
    if (!n.firstNote) n.firstNote = why.split('\n')[0].slice(0, 160);
  }
  notes.set(step, n);
}

// A hard stop whatever happens (the session loop itself stops at --max-minutes).
setTimeout(() => {
  console.error('soak: hard deadline reached; exiting');
  process.exit(2);
}, (MAX_MIN + 10) * 60_000).unref();

(async () => {
  // The heap probes (ekHeapBytes) exist only in the instrumented build.
  const server = await lib.startServer({ port: PORT, distDir: require('node:path').join(lib.ROOT, 'dist-instrumented') });
  const browser = await lib.launchChromium(['--enable-precise-memory-info']);
  const t0 = Date.now();
  try {
    const cfg = await (await fetch(`${server.url}/config.json`)).json().catch(() => ({}));
    const idleS = Number(cfg.idle_seconds || 120);
    const warnS = Number(cfg.idle_warning_seconds || 30);
    const idlePersonalS = Number(cfg.idle_seconds_personal || idleS);
    const services = await (await fetch(`${server.url}/api/v1/services`)).json().catch(() => []);
    console.log(`soak: ${SESSIONS} sessions, checkpoint every ${EVERY}; idle reset after ${idleS} s (${idlePersonalS} s on personal screens) + ${warnS} s of fake time` +
      ` (${Array.isArray(services) ? services.length : '?'} services on the server)`);

    const ctx = await browser.newContext({
      viewport: { width: 1080, height: 1920 }, locale: 'zh-CN', serviceWorkers: 'block', hasTouch: true,
    });
    await ctx.addInitScript(() => {
      // Kept before Playwright's fake clock replaces `performance` (which has no `memory`).
      Object.defineProperty(window, '__benchPerf', { value: window.performance });
      addEventListener('TrunkApplicationStarted', (e) => {
        const w = e && e.detail && e.detail.wasm;
        if (w && w.memory) Object.defineProperty(window, '__benchWasmMemory', { value: w.memory });
        // Live bytes on the wasm heap (the app's counting allocator), when the build exports it.
        if (w && typeof w.ekHeapBytes === 'function') Object.defineProperty(window, '__benchWasmLive', { value: () => w.ekHeapBytes() });
      });
      // Notes that the idle countdown appeared (it may come and go within one runFor).
      new MutationObserver(() => {
        if (!window.__benchIdleWarned && document.querySelector('[data-testid="idle-warning"]')) window.__benchIdleWarned = true;
      }).observe(document, { childList: true, subtree: true });
    });
    const page = await ctx.newPage();
    await page.clock.install();
    const cdp = await ctx.newCDPSession(page);
    let navigations = 0; // document loads (same-document history changes do not count)
    let pageErrors = 0;
    let firstPageError = '';
    page.on('load', () => { navigations++; });
    page.on('pageerror', (e) => { pageErrors++; if (!firstPageError) firstPageError = String(e.message || e).slice(0, 160); });

    await page.goto(`${server.url}/`, { waitUntil: 'load', timeout: 60_000 });
    // (The fake clock replaces `performance`, so the app's `interactive` mark is not visible here.)
    await page.getByTestId('home-lenient').waitFor({ state: 'visible', timeout: 60_000 });
    const loads = navigations; // 1: the first load. Any later document navigation is a reload.

    const id = (t) => page.getByTestId(t);
    const visible = async (t, ms = STEP_MS) => {
      try {
        await id(t).first().waitFor({ state: 'visible', timeout: ms });
        return true;
      } catch (_) {
        return false;
      }
    };
    // waitForFunction resolves a JSHandle: released at once, or DevTools keeps what it points to
    // alive (it would show up as detached DOM). Resolves false on timeout.
    const waitFn = async (fn, arg, ms) => {
      try {
        const h = await page.waitForFunction(fn, arg, { timeout: ms });
        await h.dispose();
        return true;
      } catch (_) {
        return false;
      }
    };
    const click = async (t, nth = 0) => id(t).nth(nth).click({ timeout: STEP_MS });

    async function lenient(i) {
      await click('nav-lenient');
      if (!(await visible('lenient-domain'))) return note('lenient: browse', false, 'no lenient-domain on /lenient');
      const domains = await id('lenient-domain').count();
      await click('lenient-domain', i % domains);
      if (!(await visible('lenient-item'))) return note('lenient: browse', false, 'no lenient-item after choosing a domain');
      note('lenient: browse', true);
      const kinds = await id('lenient-kind').count();
      if (kinds > 0 && i % 3 === 0) {
        await click('lenient-kind', i % kinds);
        await page.waitForTimeout(50);
        await click('lenient-kind', i % kinds); // toggle back off
      }
      if (await visible('lenient-search', 2000)) {
        // Two or three characters of a listed title (so the domain's list has hits), or a query
        // across all lists every fourth session.
        const items = await id('lenient-item').count();
        const title = (await id('lenient-item').nth(i % Math.max(1, Math.min(items, 10))).textContent({ timeout: 2000 }).catch(() => '')) || '';
        const chars = [...title.replace(/\s+/g, '')];
        const from = chars.length > 4 ? i % (chars.length - 3) : 0;
        const q = i % 4 === 3 || chars.length < 2 ? QUERIES[i % QUERIES.length] : chars.slice(from, from + 2 + (i % 2)).join('');
        await id('lenient-search').first().pressSequentially(q, { timeout: STEP_MS });
        const found = await visible('lenient-item', 2000);
        if (!found) await id('lenient-search').first().fill('');
        note('lenient: search', true);
      } else note('lenient: search', false, 'no lenient-search');
      if (!(await visible('lenient-item'))) return note('lenient: entry', false, 'no lenient-item to open');
      const items = await id('lenient-item').count();
      await click('lenient-item', i % Math.min(items, 10));
      if (!(await visible('lenient-detail'))) return note('lenient: entry', false, 'no lenient-detail');
      note('lenient: entry', true);
      if (!(await visible('eligibility-start', 2000))) return note('lenient: self-check', false, 'no eligibility-start');
      await click('eligibility-start');
      for (let q = 0; q < 15; q++) {
        const state = await Promise.race([
          id('eligibility-result').first().waitFor({ state: 'visible', timeout: STEP_MS }).then(() => 'result'),
          id('eligibility-question').first().waitFor({ state: 'visible', timeout: STEP_MS }).then(() => 'question'),
        ]).catch(() => 'none');
        if (state === 'result') return note('lenient: self-check', true);
        if (state === 'none') return note('lenient: self-check', false, 'no eligibility-question or eligibility-result');
        // A pattern of answers that varies by session.
        const yes = ((i >> q) & 1) === 0;
        const before = await id('eligibility-question').first().getAttribute('data-question').catch(() => null);
        await click(yes ? 'eligibility-yes' : 'eligibility-no');
        await waitFn((b) => {
          const r = document.querySelector('[data-testid="eligibility-result"]');
          const qn = document.querySelector('[data-testid="eligibility-question"]');
          return Boolean(r || !qn || qn.getAttribute('data-question') !== b);
        }, before, STEP_MS);
      }
      return note('lenient: self-check', false, 'no result after 15 answers');
    }

    async function certificates(i) {
      await click('nav-certs');
      if (!(await visible('cert-mode-holder'))) return note('certificates: lookup', false, 'no cert-mode-holder on /certs');
      await click('cert-mode-holder');
      if (!(await visible('cert-holder-name', 3000))) return note('certificates: lookup', false, 'no cert-holder-name');
      const [name, code] = HOLDERS[i % HOLDERS.length];
      await id('cert-holder-name').first().fill(name);
      await id('cert-holder-id').first().fill(code);
      await click('cert-submit');
      if (!(await visible('cert-result'))) return note('certificates: lookup', false, 'no cert-result after cert-submit');
      note('certificates: lookup', true);
    }

    async function review(i) {
      await click('nav-reviews');
      await page.waitForURL(/\/reviews/, { timeout: STEP_MS }).catch(() => {});
      // How the form is reached is the screen's business: a service/window picker or a case number.
      let reached = false;
      for (const pick of ['review-service', 'review-window']) {
        if (await visible(pick, 1500)) {
          const sel = id(pick).first();
          const n = await sel.locator('option').count();
          if (n > 1) {
            await sel.selectOption({ index: 1 + (i % (n - 1)) });
            if (await id(`${pick}-go`).count()) await click(`${pick}-go`);
            reached = await visible('review-rating', 5000);
          }
          if (reached) break;
        }
      }
      if (!reached && CASES.length && (await visible('review-case', 1000))) {
        // A case number (the server takes at most 2 reviews per case: later ones are refused).
        await id('review-case').first().fill(CASES[i % CASES.length]);
        if (await id('review-case-submit').count()) await click('review-case-submit');
        else await id('review-case').first().press('Enter');
        reached = await visible('review-rating', 5000);
      }
      if (!reached) return note('reviews: submit', false, 'no way to the review form (review-service / review-window / review-case)');
      const rating = RATINGS[i % RATINGS.length];
      await page.locator(`[data-testid="review-rating"][data-rating="${rating}"]`).first().click({ timeout: STEP_MS });
      if (rating === 'dissatisfied') {
        if (await visible('review-reason', 2000)) await click('review-reason');
        if (await visible('review-comment', 1000)) await id('review-comment').first().fill(`soak session ${i}: waited too long`);
      }
      await click('review-submit');
      if (!(await visible('review-receipt'))) return note('reviews: submit', false, 'no review-receipt after review-submit');
      note('reviews: submit', true);
    }

    // Only opens each module's first screen (with --steps nav: do screens leak by mounting?).
    async function navOnly() {
      for (const t of ['nav-lenient', 'nav-certs', 'nav-reviews']) {
        await click(t);
        await page.locator('main h1').first().waitFor({ state: 'visible', timeout: STEP_MS }).catch(() => {});
        await page.waitForTimeout(100);
      }
      note('nav only', true);
    }

    async function idleReset() {
      // Run the fake clock (every timer in order: the app's 500 ms idle tick) past the longer idle
      // limit and the countdown: the countdown shows, then the wipe; then 11 s more so the "take
      // your documents" notice goes. An observer installed by the init script notes the countdown.
      // The user's last touch is now (a session with no steps would otherwise drift along the
      // idle cycle of the previous reset).
      await page.evaluate(() => {
        window.__benchIdleWarned = false;
        window.dispatchEvent(new Event('wheel'));
      });
      await page.clock.runFor((Math.max(idleS, idlePersonalS) + warnS + 1) * 1000);
      const warned = await page.evaluate(() => window.__benchIdleWarned === true);
      let home = await visible('home-lenient', 5000);
      if (!home) {
        note('idle reset', false, 'the idle wipe did not return home; clicked nav-home');
        await click('nav-home').catch(() => {});
        home = await visible('home-lenient', 5000);
      } else note('idle reset', true);
      if (!warned) note('idle warning shown', false, 'idle-warning not seen');
      else note('idle warning shown', true);
      await page.clock.runFor(11_000);
      await waitFn(() => !document.querySelector('[data-testid="take-documents"]'), null, 3000);
      return home;
    }

    const homeNodes = () => page.evaluate(() => document.getElementsByTagName('*').length);
    // Tag (and test id or class) of every element, to name what differs from the baseline.
    const homeShape = () => page.evaluate(() => [...document.getElementsByTagName('*')]
      .map((e) => `${e.tagName.toLowerCase()}${e.dataset.testid ? `[${e.dataset.testid}]` : e.className && typeof e.className === 'string' ? `.${e.className.split(' ')[0]}` : ''}`));
    const shapeDiff = (now, base) => {
      const count = (xs) => xs.reduce((m, x) => m.set(x, (m.get(x) || 0) + 1), new Map());
      const [a, b] = [count(now), count(base)];
      const out = [];
      for (const k of new Set([...a.keys(), ...b.keys()])) {
        const d = (a.get(k) || 0) - (b.get(k) || 0);
        if (d !== 0) out.push(`${d > 0 ? '+' : ''}${d} ${k}`);
      }
      return out.slice(0, 8).join(', ');
    };

    // Detached DOM nodes still reachable from JS: a heap snapshot names them "Detached <tag>".
    async function detached(wantPaths = false) {
      const chunks = [];
      const onChunk = (e) => chunks.push(e.chunk);
      cdp.on('HeapProfiler.addHeapSnapshotChunk', onChunk);
      try {
        await cdp.send('HeapProfiler.takeHeapSnapshot', { reportProgress: false, captureNumericValue: false });
      } finally {
        cdp.off('HeapProfiler.addHeapSnapshotChunk', onChunk);
      }
      const snap = JSON.parse(chunks.join(''));
      const fields = snap.snapshot.meta.node_fields;
      const width = fields.length;
      const nameAt = fields.indexOf('name');
      // Newer snapshots flag nodes with `detachedness` (2 = detached) instead of renaming them.
      const detAt = fields.indexOf('detachedness');
      const byName = new Map();
      let count = 0;
      for (let i = 0; i < snap.nodes.length; i += width) {
        const name = snap.strings[snap.nodes[i + nameAt]];
        const isDetached = detAt >= 0 ? snap.nodes[i + detAt] === 2 : typeof name === 'string' && name.startsWith('Detached ');
        if (isDetached) {
          count++;
          byName.set(name, (byName.get(name) || 0) + 1);
        }
      }
      const top = [...byName].sort((x, y) => y[1] - x[1]).slice(0, 5).map(([k, v]) => `${k} x${v}`);
      if (wantPaths && count > 0) retainerPaths(snap, detAt, 2);
      return { count, top };
    }

    // Prints the shortest path from the GC roots to up to `max` detached elements (for --retainers).
    function retainerPaths(snap, detAt, max) {
      const m = snap.snapshot.meta;
      const nw = m.node_fields.length;
      const ew = m.edge_fields.length;
      const nName = m.node_fields.indexOf('name');
      const nEdges = m.node_fields.indexOf('edge_count');
      const eType = m.edge_fields.indexOf('type');
      const eName = m.edge_fields.indexOf('name_or_index');
      const eTo = m.edge_fields.indexOf('to_node');
      const edgeTypes = m.edge_types[eType];
      const n = snap.nodes.length / nw;
      const firstEdge = new Uint32Array(n + 1);
      for (let i = 0; i < n; i++) firstEdge[i + 1] = firstEdge[i] + snap.nodes[i * nw + nEdges] * ew;
      const parent = new Int32Array(n).fill(-1);
      const via = new Int32Array(n).fill(-1);
      parent[0] = 0;
      const queue = [0];
      for (let q = 0; q < queue.length; q++) {
        const from = queue[q];
        for (let e = firstEdge[from]; e < firstEdge[from + 1]; e += ew) {
          if (edgeTypes[snap.edges[e + eType]] === 'weak') continue;
          const to = snap.edges[e + eTo] / nw;
          if (parent[to] !== -1) continue;
          parent[to] = from;
          via[to] = e;
          queue.push(to);
        }
      }
      const label = (i) => String(snap.strings[snap.nodes[i * nw + nName]]).slice(0, 60);
      const edgeLabel = (e) => {
        const t = edgeTypes[snap.edges[e + eType]];
        const v = snap.edges[e + eName];
        return t === 'element' || t === 'hidden' ? `[${v}]` : `.${String(snap.strings[v]).slice(0, 40)}`;
      };
      const seen = new Set();
      for (let i = 0; i < n && seen.size < max; i++) {
        const name = label(i);
        if (snap.nodes[i * nw + detAt] !== 2 || !name.startsWith('<') || seen.has(name) || parent[i] === -1) continue;
        seen.add(name);
        const chain = [];
        for (let j = i; j !== 0 && chain.length < 40; j = parent[j]) chain.push(`${edgeLabel(via[j])} -> ${label(j)}`);
        console.log(`    retainers of ${name}:\n      (GC roots)${chain.reverse().map((c) => `\n        ${c}`).join('')}`);
      }
    }

    async function checkpoint(session, withSnapshot = true) {
      await cdp.send('HeapProfiler.collectGarbage');
      await cdp.send('HeapProfiler.collectGarbage');
      const m = await page.evaluate(() => ({
        heap: window.__benchPerf && window.__benchPerf.memory ? window.__benchPerf.memory.usedJSHeapSize : NaN,
        wasm: window.__benchWasmMemory ? window.__benchWasmMemory.buffer.byteLength : NaN,
        live: window.__benchWasmLive ? window.__benchWasmLive() : NaN,
        nodes: document.getElementsByTagName('*').length,
      }));
      const c = await cdp.send('Memory.getDOMCounters');
      const d = withSnapshot ? await detached(Boolean(a.retainers) && session > 0) : { count: NaN, top: [] };
      return { session, ...m, docs: c.documents, domNodes: c.nodes, listeners: c.jsEventListeners, detached: d.count, detachedTop: d.top, t: (Date.now() - t0) / 1000 };
    }
    const show = (p) => console.log(`  after ${String(p.session).padStart(5)} sessions: JS heap ${lib.fmtMB(p.heap)}, wasm ${lib.fmtMB(p.wasm)} (in use ${lib.fmtMB(p.live)}), ` +
      `home DOM ${p.nodes} elements; DOM counters: ${p.docs} documents, ${p.domNodes} nodes, ${p.listeners} JS listeners; ` +
      `detached DOM in heap ${p.detached}${p.detachedTop.length ? ` (${p.detachedTop.join(', ')})` : ''}  [${p.t.toFixed(0)} s]`);

    // Session 0 brings the app to its steady state (first reset); its home is the baseline.
    if (!(await idleReset())) throw new Error('cannot reach the home screen');
    const baseline = await homeNodes();
    const baselineShape = await homeShape();
    const points = [await checkpoint(0)];
    show(points[0]);
    const stepMs = new Map();
    let mismatches = 0;
    let firstMismatch = '';
    let done = 0;
    let stoppedEarly = '';
    for (let i = 1; i <= SESSIONS; i++) {
      if ((Date.now() - t0) / 60_000 > MAX_MIN) {
        stoppedEarly = `stopped after ${done} sessions (--max-minutes ${MAX_MIN})`;
        break;
      }
      if (server.ended()) {
        stoppedEarly = `stopped after ${done} sessions: the reference server ended (${server.ended()}); its stderr: ${server.stderr().slice(-300).trim() || '(empty)'}`;
        break;
      }
      for (const [name, fn, mainStep] of [['nav', navOnly, 'nav only'], ['lenient', lenient, 'lenient: browse'], ['certificates', certificates, 'certificates: lookup'], ['reviews', review, 'reviews: submit']]) {
        if (!STEPS.includes(name)) continue;
        // A screen that is not there after 3 tries is not tried again (it is not built yet).
        const n = notes.get(mainStep);
        if (n && n.ok === 0 && n.skipped >= 3) {
          note(mainStep, false);
          continue;
        }
        const ts = Date.now();
        try {
          await fn(i);
        } catch (e) {
          note(`${name}: error`, false, String(e.message || e));
          if (VERBOSE) console.log(`  session ${i} ${name}: ${String(e.message || e).split('\n')[0]}`);
        }
        stepMs.set(name, (stepMs.get(name) || 0) + Date.now() - ts);
      }
      const tr = Date.now();
      await idleReset();
      stepMs.set('idle reset', (stepMs.get('idle reset') || 0) + Date.now() - tr);
      const n = await homeNodes();
      if (n !== baseline) {
        mismatches++;
        if (!firstMismatch) firstMismatch = `session ${i}: ${n} elements on home, baseline ${baseline}: ${shapeDiff(await homeShape(), baselineShape)}`;
      }
      done = i;
      if (i % EVERY === 0 || i === SESSIONS) {
        const p = await checkpoint(i);
        points.push(p);
        show(p);
      }
    }
    if (done > 0 && points[points.length - 1].session !== done) {
      const p = await checkpoint(done);
      points.push(p);
      show(p);
    }
    const minutes = (Date.now() - t0) / 60_000;
    console.log(`soak: ${done} sessions in ${minutes.toFixed(1)} min (${((Date.now() - t0) / Math.max(1, done)).toFixed(0)} ms per session); ` +
      `document loads ${navigations} (${navigations - loads} after the first), page errors ${pageErrors}${firstPageError ? ` (first: ${firstPageError})` : ''}`);
    for (const [step, n] of notes) {
      console.log(`  step ${step.padEnd(24)} ok ${String(n.ok).padStart(5)}, skipped ${String(n.skipped).padStart(5)}${n.firstNote ? `  (${n.firstNote})` : ''}`);
    }
    console.log(`  time per session: ${[...stepMs].map(([k, v]) => `${k} ${(v / Math.max(1, done)).toFixed(0)} ms`).join(', ')}`);
    if (stoppedEarly) console.log(`soak: ${stoppedEarly}`);

    // Warm-up: the first checkpoint at or after 10 % of the sessions (at least one session).
    const warmAt = Math.max(1, Math.ceil(done / 10));
    const warm = points.find((p) => p.session >= warmAt) || points[points.length - 1];
    const last = points[points.length - 1];
    const mid = points.find((p) => p.session >= warm.session + (last.session - warm.session) / 2) || last;
    const total = (p) => p.heap + p.wasm;
    const growth = total(last) - total(warm);
    const lateGrowth = total(last) - total(mid);
    // A plateau: the second half adds little, in absolute terms or against the whole growth
    // (a steady leak puts half of its growth in the second half).
    const plateau = lateGrowth <= Math.max(0.5e6, 0.25 * Math.max(0, growth));
    const domGrowth = last.domNodes - warm.domNodes;
    const listenerGrowth = last.listeners - warm.listeners;
    console.log(`soak: memory (JS heap + wasm) after warm-up (session ${warm.session}) ${lib.fmtMB(total(warm))} -> ${lib.fmtMB(total(last))} ` +
      `at session ${last.session}: growth ${lib.fmtMB(growth)} (second half ${lib.fmtMB(lateGrowth)}); ` +
      `DOM counter nodes ${warm.domNodes} -> ${last.domNodes}, listeners ${warm.listeners} -> ${last.listeners}; ` +
      `home DOM back to ${baseline} elements after ${done - mismatches}/${done} resets${firstMismatch ? ` (first miss: ${firstMismatch})` : ''}`);
    const skippedAll = [['lenient', 'lenient: browse'], ['certificates', 'certificates: lookup'], ['reviews', 'reviews: submit']]
      .filter(([m, s]) => STEPS.includes(m) && !(notes.get(s) || {}).ok).map(([, s]) => s);
    const partial = skippedAll.length ? `steps never done: ${skippedAll.join(', ')}` : '';
    lib.record(`soak: memory growth after warm-up (${done} sessions)`, lib.fmtMB(growth), '<= 5 MB', growth <= BUDGET_GROWTH,
      [partial, stoppedEarly ? `${stoppedEarly.slice(0, 90)}` : ''].filter(Boolean).join('; '));
    lib.record('soak: plateau (growth in the second half)', `${lib.fmtMB(lateGrowth)} of ${lib.fmtMB(growth)}`, '<= max(0.5 MB, 25 % of the growth)', plateau);
    lib.record('soak: home DOM back to baseline after each reset', `${done - mismatches}/${done} (${baseline} elements)`, 'all', mismatches === 0);
    const detachedGrowth = last.detached - warm.detached;
    console.log(`soak: detached DOM nodes reachable from JS (heap snapshot) ${warm.detached} -> ${last.detached}` +
      `${last.detachedTop.length ? ` (${last.detachedTop.join(', ')})` : ''}`);
    lib.record('soak: detached DOM nodes in the heap, growth after warm-up', `${detachedGrowth >= 0 ? '+' : ''}${detachedGrowth} (${warm.detached} -> ${last.detached})`, '<= 10 (no growth; a stray fragment allowed)', detachedGrowth <= 10);
    lib.record('soak: DOM counter nodes / JS listeners, growth after warm-up', `${domGrowth >= 0 ? '+' : ''}${domGrowth} / ${listenerGrowth >= 0 ? '+' : ''}${listenerGrowth}`, '(info)', null);
    lib.record('soak: reloads / page errors', `${navigations - loads} / ${pageErrors}`, '0 / 0', navigations - loads === 0 && pageErrors === 0);
    await ctx.close();
  } finally {
    await lib.within(20_000, 'closing Chromium', browser.close()).catch((e) => console.error(`soak: ${e.message}`));
    await server.stop();
  }
})().catch((e) => {
  console.error(`soak: ${e.stack || e}`);
  lib.record('soak: memory growth after warm-up', 'error', '<= 5 MB', null, String(e.message || e).slice(0, 120));
  process.exit(1);
});
