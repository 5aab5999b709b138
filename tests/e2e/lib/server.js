// Starts and stops the real reference server binary with its own SQLite file.
const { spawn } = require('node:child_process');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');

const ROOT = path.resolve(__dirname, '..', '..', '..');
const TARGET = process.env.CARGO_TARGET_DIR || path.join(os.homedir(), '.cache', 'enforcement-kiosk', 'target');
const BIN = process.env.SERVER_BIN || path.join(TARGET, 'release', 'kiosk-server');
const ADMIN_TOKEN = 'e2e-admin-token';

async function waitHealthy(url, ms = 20_000) {
  const t0 = Date.now();
  while (Date.now() - t0 < ms) {
    try {
      const r = await fetch(`${url}/api/v1/health`);
      if (r.ok) return;
    } catch (_) { /* not up yet */ }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`server at ${url} did not become healthy`);
}

/** Start a server; `dataDir` is reused when given (to restart against the same SQLite file). */
async function startServer({ port, dataDir, env = {} } = {}) {
  const dir = dataDir || fs.mkdtempSync(path.join(os.tmpdir(), 'ek-e2e-'));
  const child = spawn(BIN, ['serve'], {
    env: {
      ...process.env, PORT: String(port), HOST: '127.0.0.1', DATA_DIR: dir,
      // E2E_DIST_DIR: test another build (e.g. while a benchmark is using dist/).
      DIST_DIR: process.env.E2E_DIST_DIR || path.join(ROOT, 'dist'), ADMIN_TOKEN, CERT_RATE_PER_MIN: '1000', ...env,
    },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let stderr = '';
  child.stderr.on('data', (d) => { stderr += d.toString(); if (stderr.length > 1e6) stderr = stderr.slice(-5e5); });
  const url = `http://127.0.0.1:${port}`;
  await waitHealthy(url);
  return {
    url, dataDir: dir, pid: child.pid, stderr: () => stderr,
    async stop(signal = 'SIGTERM') {
      if (child.exitCode !== null) return;
      const done = new Promise((r) => child.once('exit', r));
      child.kill(signal);
      await done;
    },
  };
}

module.exports = { startServer, ADMIN_TOKEN, ROOT, BIN };
