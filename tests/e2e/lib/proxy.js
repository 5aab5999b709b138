// Starts, configures and stops the fault proxy (tests/fault-proxy): a reverse proxy in front of
// the real reference server that injects faults into /api/v1 responses on chosen routes.
const { spawn } = require('node:child_process');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');

// The same default as lib/server.js (and scripts/env.sh).
const TARGET = process.env.CARGO_TARGET_DIR || path.join(os.homedir(), '.cache', 'enforcement-kiosk', 'target');
const PROXY_BIN = process.env.FAULT_PROXY_BIN || path.join(TARGET, 'release', 'fault-proxy');

/** Whether the proxy binary is built (`cargo build --release -p fault-proxy`, done by scripts/build.sh). */
function proxyAvailable() {
  return fs.existsSync(PROXY_BIN);
}
const NO_PROXY = `no fault-proxy binary at ${PROXY_BIN}: run \`cargo build --release -p fault-proxy\` (or set FAULT_PROXY_BIN)`;

/** The faults the proxy knows (besides `pass` and `inject_xss`). */
const FAULTS = ['refuse', '500', '502', '429', 'delay', 'truncate', 'malformed', 'unknown_enums', 'oversized'];

async function control(url, method, body) {
  const r = await fetch(`${url}/__faults`, {
    method,
    headers: body ? { 'Content-Type': 'application/json' } : {},
    body: body ? JSON.stringify(body) : undefined,
  });
  const text = await r.text();
  if (!r.ok) throw new Error(`fault-proxy ${method} /__faults -> ${r.status}: ${text}`);
  return JSON.parse(text);
}

async function waitUp(url, ms = 10_000) {
  const t0 = Date.now();
  while (Date.now() - t0 < ms) {
    try {
      const r = await fetch(`${url}/__faults`);
      if (r.ok) return;
    } catch (_) { /* not up yet */ }
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`fault-proxy at ${url} did not start`);
}

/**
 * Resolves with the port the proxy reports it listens on ("fault-proxy listening on
 * http://127.0.0.1:N/ ..."); rejects as soon as it exits instead (the port is taken, bad
 * arguments) or after `ms`. `what` names the requested address in errors.
 */
function listeningPort(child, what, stderr, ms = 10_000) {
  return new Promise((resolve, reject) => {
    let out = '';
    const timer = setTimeout(() => fail(new Error(`fault-proxy did not report listening on ${what} within ${ms} ms\n${stderr()}`)), ms);
    const onData = (d) => {
      out += d.toString();
      const m = /listening on http:\/\/127\.0\.0\.1:(\d+)\//.exec(out);
      if (m) { done(); resolve(Number(m[1])); }
    };
    const onExit = (code, signal) => fail(new Error(`fault-proxy could not start on ${what} (exit ${code ?? signal}): ${stderr().trim() || 'no message'}`));
    function done() {
      clearTimeout(timer);
      child.stdout.off('data', onData);
      child.off('exit', onExit);
      child.stdout.resume();
    }
    function fail(e) { done(); child.kill('SIGKILL'); reject(e); }
    child.stdout.on('data', onData);
    child.once('exit', onExit);
  });
}

/**
 * Start a proxy in front of `upstream` (e.g. `http://127.0.0.1:18400`) on 127.0.0.1:`port`
 * (default 0: a free port the OS picks; the returned `url` says which). Because this process
 * bound the port itself, nothing else can be answering there.
 * Returns helpers: `fault(route, kind, opts)` adds a rule (`opts`: `method`, `times`,
 * `delay_ms`, `payloads`), `clear()` removes every rule, `reset()` also the config and CSP flag,
 * `config(obj|null)` serves `obj` as /config.json, `stripCsp(bool)`, `list()`, `hits(route)`,
 * `stop()`.
 */
async function startProxy({ port = 0, upstream }) {
  if (!proxyAvailable()) throw new Error(NO_PROXY);
  const child = spawn(PROXY_BIN, ['--listen', `127.0.0.1:${port}`, '--upstream', upstream], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stderr = '';
  child.stderr.on('data', (d) => { stderr += d.toString(); if (stderr.length > 1e5) stderr = stderr.slice(-5e4); });
  const bound = await listeningPort(child, port ? `127.0.0.1:${port}` : '127.0.0.1 (a free port)', () => stderr);
  const url = `http://127.0.0.1:${bound}`;
  try {
    await waitUp(url);
  } catch (e) {
    child.kill('SIGKILL');
    throw new Error(`${e.message}\n${stderr}`);
  }
  return {
    url,
    pid: child.pid,
    stderr: () => stderr,
    fault: (route, fault, opts = {}) => control(url, 'POST', { route, fault, ...opts }),
    clear: () => control(url, 'DELETE'),
    reset: async () => {
      const r = await fetch(`${url}/__faults/all`, { method: 'DELETE' });
      if (!r.ok) throw new Error(`fault-proxy reset -> ${r.status}`);
    },
    config: (config) => control(url, 'POST', { config }),
    stripCsp: (on = true) => control(url, 'POST', { strip_csp: on }),
    list: () => control(url, 'GET'),
    /** Requests answered by the rules whose route is `route` (any method). */
    async hits(route) {
      const { rules } = await control(url, 'GET');
      return rules.filter((r) => r.route === route).reduce((n, r) => n + r.hits, 0);
    },
    async stop() {
      if (child.exitCode !== null || child.signalCode !== null) return;
      const done = new Promise((r) => child.once('exit', r));
      child.kill('SIGTERM');
      await done;
    },
  };
}

/** The real /config.json of `serverUrl` with `overrides` applied (for `proxy.config`). */
async function configWith(serverUrl, overrides) {
  const r = await fetch(`${serverUrl}/config.json`);
  if (!r.ok) throw new Error(`GET ${serverUrl}/config.json -> ${r.status}`);
  return { ...(await r.json()), ...overrides };
}

// ---------------------------------------------------------------------------------------------
// What the proxy-driven specs (faults, xss, privacy) share: fixtures and the data screens.
// ---------------------------------------------------------------------------------------------

const ROOT = path.resolve(__dirname, '..', '..', '..');
/** Synthetic test holder (data/README.md "Test holders") and one of her certificates. */
const HOLDER = { name: '王芳', id: '320505198509030123' };
const HOLDER_CERT = '1.2.156.3005.2.11100000000013127D001.11320505MB9955604P.NGAWFIWF5NTNFBSCHATJ.001.Z';
const LENIENT_ID = 'tax-001';

/** POST a review straight to the server (fixtures); returns the receipt. */
async function createReview(serverUrl, body) {
  const r = await fetch(`${serverUrl}/api/v1/reviews`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', 'Idempotency-Key': `e2e-${Date.now()}-${Math.random().toString(36).slice(2, 10)}` },
    body: JSON.stringify(body),
  });
  if (!r.ok) throw new Error(`POST /reviews -> ${r.status}: ${await r.text()}`);
  return r.json();
}

/** Advance a review's handling through the admin endpoint (adds a history event with `note`). */
async function advanceReview(serverUrl, reviewNo, to, note, adminToken) {
  const r = await fetch(`${serverUrl}/api/v1/admin/reviews/${encodeURIComponent(reviewNo)}/advance`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${adminToken}` },
    body: JSON.stringify({ to, note }),
  });
  if (!r.ok) throw new Error(`advance ${reviewNo} -> ${to}: ${r.status}: ${await r.text()}`);
  return r.json();
}

/**
 * The screens that load data, with how to reach them, the API routes they read, what shows
 * that their data arrived, and how an unknown enum value must look on them. `fx` holds the
 * fixtures (`fx.review`: a receipt with `review_no` and `check_code`).
 */
const SCREENS = [
  {
    key: 'lenient-grid', path: () => '/lenient',
    routes: ['/api/v1/lenient/catalog'],
    ready: (page) => page.getByTestId('lenient-domain').first(),
  },
  {
    key: 'lenient-list', path: () => '/lenient/list?domain=tax',
    routes: ['/api/v1/lenient/catalog'],
    ready: (page) => page.getByTestId('lenient-item').first(),
    unknown: (page) => page.getByTestId('lenient-item').first(),
  },
  {
    key: 'lenient-item', path: () => `/lenient/item/${LENIENT_ID}`,
    routes: ['/api/v1/lenient/items/', '/api/v1/lenient/catalog'],
    ready: (page) => page.getByTestId('lenient-detail'),
    unknown: (page) => page.getByTestId('lenient-detail'),
  },
  {
    key: 'cert-results', path: () => '/certs',
    routes: ['/api/v1/certificates/search'],
    async act(page) {
      await page.getByTestId('cert-mode-holder').click();
      await page.getByTestId('cert-holder-name').fill(HOLDER.name);
      await page.getByTestId('cert-holder-id').fill(HOLDER.id);
      await page.getByTestId('cert-submit').click();
    },
    resubmit: (page) => page.getByTestId('cert-submit').click(),
    // A 429 on the search may show the module's own wait notice instead of the generic panel;
    // the way back is then to submit again.
    rateLimited: '[data-testid=cert-rate-limited]',
    ready: (page) => page.getByTestId('cert-result').first(),
    unknown: (page) => page.getByTestId('cert-status').first(),
    unknownAttr: ['data-status', 'unknown'],
  },
  {
    key: 'cert-detail', path: () => `/certs/item/${encodeURIComponent(HOLDER_CERT)}`,
    routes: ['/api/v1/certificates/1.'],
    ready: (page) => page.getByTestId('cert-status').first(),
    unknown: (page) => page.getByTestId('cert-status').first(),
    unknownAttr: ['data-status', 'unknown'],
  },
  {
    key: 'review-targets', path: () => '/reviews',
    routes: ['/api/v1/services', '/api/v1/windows'],
    ready: (page) => page.getByTestId('review-window'),
  },
  {
    key: 'review-stats', path: () => '/reviews/stats',
    routes: ['/api/v1/reviews/stats'],
    ready: (page) => page.getByTestId('stats-total'),
  },
  {
    key: 'review-lookup', path: () => '/reviews/status',
    routes: ['/api/v1/reviews/HC'],
    async act(page, fx) {
      await page.getByTestId('review-lookup-no').fill(fx.review.review_no);
      await page.getByTestId('review-lookup-check').fill(fx.review.check_code);
      await page.getByTestId('review-lookup-submit').click();
    },
    resubmit: (page) => page.getByTestId('review-lookup-submit').click(),
    ready: (page) => page.getByTestId('review-status'),
    unknown: (page) => page.getByTestId('review-status'),
    unknownAttr: ['data-state', 'unknown'],
  },
];

module.exports = {
  startProxy, configWith, FAULTS, PROXY_BIN, proxyAvailable, NO_PROXY,
  SCREENS, HOLDER, HOLDER_CERT, LENIENT_ID, createReview, advanceReview,
};
