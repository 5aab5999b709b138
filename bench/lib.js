// Shared helpers of the benchmarks: the reference server, Chromium, statistics, results.
// Everything runs on loopback; every wait is bounded.
'use strict';

const { spawn } = require('node:child_process');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');

const ROOT = path.resolve(__dirname, '..');
const TARGET = process.env.CARGO_TARGET_DIR || path.join(os.homedir(), '.cache', 'enforcement-kiosk', 'target');
const SERVER_BIN = process.env.SERVER_BIN || path.join(TARGET, 'release', 'kiosk-server');
const DIST_DIR = process.env.DIST_DIR || path.join(ROOT, 'dist');
const CHROMIUM = process.env.CHROMIUM || '/usr/bin/chromium';
// The flags of tests/e2e/playwright.config.js.
const CHROMIUM_ARGS = [
  '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync',
];

/** playwright-core from the e2e package (no browser download; Debian's Chromium). */
function playwright() {
  const candidates = [
    path.join(ROOT, 'tests', 'e2e', 'node_modules', 'playwright-core'),
    path.join(ROOT, 'tests', 'e2e', 'node_modules', '@playwright', 'test'),
    '/work/main/tests/e2e/node_modules/playwright-core',
  ];
  for (const c of candidates) {
    try {
      return require(c);
    } catch (_) { /* next */ }
  }
  throw new Error('playwright-core not found: run scripts/setup.sh (npm ci in tests/e2e)');
}

async function launchChromium(extraArgs = []) {
  const { chromium } = playwright();
  return chromium.launch({ executablePath: CHROMIUM, args: [...CHROMIUM_ARGS, ...extraArgs], headless: true });
}

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

/** Rejects after `ms` with `what` in the message. */
function within(ms, what, promise) {
  let t;
  const timeout = new Promise((_, rej) => { t = setTimeout(() => rej(new Error(`timeout after ${ms} ms: ${what}`)), ms); });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(t));
}

async function waitHealthy(url, ms) {
  const t0 = Date.now();
  while (Date.now() - t0 < ms) {
    try {
      const r = await fetch(`${url}/api/v1/health`);
      if (r.ok) return;
    } catch (_) { /* not up yet */ }
    await sleep(100);
  }
  throw new Error(`server at ${url} did not become healthy within ${ms} ms`);
}

/**
 * Starts the release reference server on 127.0.0.1:`port` with a fresh SQLite directory
 * (removed on stop). `env` adds or overrides variables.
 */
async function startServer({ port, env = {}, distDir = DIST_DIR, healthMs = 120_000 }) {
  if (!fs.existsSync(SERVER_BIN)) throw new Error(`no server binary at ${SERVER_BIN} (run scripts/build.sh)`);
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'ek-bench-'));
  const child = spawn(SERVER_BIN, ['serve'], {
    env: {
      ...process.env, PORT: String(port), HOST: '127.0.0.1', DATA_DIR: dataDir, DIST_DIR: distDir,
      ADMIN_TOKEN: 'bench-admin-token', CERT_RATE_PER_MIN: '1000000', LOG_REQUESTS: '0', ...env,
    },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let stderr = '';
  child.stderr.on('data', (d) => { stderr = (stderr + d.toString()).slice(-20_000); });
  const url = `http://127.0.0.1:${port}`;
  const exited = new Promise((r) => child.once('exit', r));
  // Whatever way this process ends (a hard deadline's process.exit included), the server goes too.
  const onExit = () => {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
    fs.rmSync(dataDir, { recursive: true, force: true });
  };
  process.once('exit', onExit);
  try {
    await Promise.race([
      waitHealthy(url, healthMs),
      exited.then((code) => { throw new Error(`server exited (${code}): ${stderr.slice(-2000)}`); }),
    ]);
  } catch (e) {
    child.kill('SIGKILL');
    fs.rmSync(dataDir, { recursive: true, force: true });
    throw e;
  }
  return {
    url, pid: child.pid, dataDir, stderr: () => stderr,
    /** null while running, else how it ended, e.g. "signal SIGTERM" or "exit code 134". */
    ended: () => (child.exitCode !== null ? `exit code ${child.exitCode}` : child.signalCode ? `signal ${child.signalCode}` : null),
    async stop() {
      process.removeListener('exit', onExit);
      if (child.exitCode === null && child.signalCode === null) {
        child.kill('SIGTERM');
        const t = setTimeout(() => child.kill('SIGKILL'), 5000);
        await exited;
        clearTimeout(t);
      }
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

function percentile(values, p) {
  const s = values.filter(Number.isFinite).sort((a, b) => a - b);
  if (s.length === 0) return NaN;
  const rank = (p / 100) * (s.length - 1);
  const lo = Math.floor(rank);
  const hi = Math.ceil(rank);
  return s[lo] + (s[hi] - s[lo]) * (rank - lo);
}
const median = (v) => percentile(v, 50);

/**
 * Appends one line to the results file (`BENCH_RESULTS`, JSON lines) read by table.js.
 * `met` is true / false, or null when the figure could not be measured.
 */
function record(metric, value, budget, met, note = '') {
  const file = process.env.BENCH_RESULTS;
  const line = JSON.stringify({ metric, value, budget, met, note });
  if (file) fs.appendFileSync(file, line + '\n');
  else console.log(`result: ${line}`);
}

/** `--name value` / `--name=value` / `--flag` parsing. */
function args(argv = process.argv.slice(2)) {
  const out = { _: [] };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (!a.startsWith('--')) { out._.push(a); continue; }
    const eq = a.indexOf('=');
    if (eq > 0) out[a.slice(2, eq)] = a.slice(eq + 1);
    else if (i + 1 < argv.length && !argv[i + 1].startsWith('--')) out[a.slice(2)] = argv[++i];
    else out[a.slice(2)] = true;
  }
  return out;
}

const fmtMs = (v) => (Number.isFinite(v) ? `${v.toFixed(1)} ms` : 'n/a');
const fmtMB = (bytes) => (Number.isFinite(bytes) ? `${(bytes / 1e6).toFixed(2)} MB` : 'n/a');

module.exports = {
  ROOT, SERVER_BIN, DIST_DIR, CHROMIUM_ARGS, playwright, launchChromium, sleep, within,
  startServer, percentile, median, record, args, fmtMs, fmtMB,
};
