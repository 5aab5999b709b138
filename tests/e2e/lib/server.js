// Starts and stops the real reference server binary with its own SQLite file.
//
// A test must never run against a server it did not start (another run's, another branch's, a
// developer's): each server gets a free port from the OS unless the caller names one, the harness
// reads the port the server actually bound from its "listening on" line, and it accepts the
// server only when /api/v1/health echoes the random INSTANCE_ID this harness passed to that very
// process. A named port that cannot be bound fails at once, naming the port.
const { spawn } = require('node:child_process');
const crypto = require('node:crypto');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');

const ROOT = path.resolve(__dirname, '..', '..', '..');
const TARGET = process.env.CARGO_TARGET_DIR || path.join(os.homedir(), '.cache', 'enforcement-kiosk', 'target');
const BIN = process.env.SERVER_BIN || path.join(TARGET, 'release', 'kiosk-server');
const ADMIN_TOKEN = 'e2e-admin-token';
const START_MS = 20_000;
const LISTENING = /listening on http:\/\/127\.0\.0\.1:(\d+)\//;

const tail = (text) => text.trim().split('\n').slice(-5).join('\n');

/**
 * Resolves with the port `child` reports it listens on; rejects as soon as it exits instead
 * (e.g. the port is taken) or after START_MS. `what` names the requested address in errors.
 */
function listeningPort(child, what, stderr) {
  return new Promise((resolve, reject) => {
    let out = '';
    const timer = setTimeout(() => fail(new Error(`kiosk-server did not report listening on ${what} within ${START_MS} ms\n${tail(stderr())}`)), START_MS);
    const onData = (d) => {
      out += d.toString();
      const m = LISTENING.exec(out);
      if (m) { done(); resolve(Number(m[1])); }
    };
    const onExit = (code, signal) => fail(new Error(
      `kiosk-server could not start on ${what} (exit ${code ?? signal}): ${tail(stderr()) || 'no message'}`,
    ));
    const onError = (e) => fail(new Error(`kiosk-server could not be started (${BIN}): ${e.message}`));
    function done() {
      clearTimeout(timer);
      child.stdout.off('data', onData);
      child.off('exit', onExit);
      child.off('error', onError);
      child.stdout.resume(); // keep draining what it prints later
    }
    function fail(e) { done(); child.kill('SIGKILL'); reject(e); }
    child.stdout.on('data', onData);
    child.once('exit', onExit);
    child.once('error', onError);
  });
}

/**
 * Waits until `url` answers /api/v1/health as the server started with `instance` (its
 * `X-Instance-Id`). Another server answering there is an error at once.
 */
async function waitOwnServer(url, instance, child, stderr, ms = START_MS) {
  const t0 = Date.now();
  while (Date.now() - t0 < ms) {
    if (child.exitCode !== null || child.signalCode !== null) {
      throw new Error(`kiosk-server (pid ${child.pid}) at ${url} exited before answering: ${tail(stderr())}`);
    }
    let r = null;
    try {
      r = await fetch(`${url}/api/v1/health`);
    } catch (_) { /* not accepting yet */ }
    if (r && r.ok) {
      const got = r.headers.get('x-instance-id');
      if (got !== instance) {
        throw new Error(`${url} is answered by a server this harness did not start (X-Instance-Id ${JSON.stringify(got)}, `
          + `expected ${instance} of pid ${child.pid}): refusing to test it`);
      }
      return;
    }
    await new Promise((res) => setTimeout(res, 100));
  }
  throw new Error(`kiosk-server (pid ${child.pid}) at ${url} did not become healthy within ${ms} ms`);
}

/**
 * Start a server on `port` (default 0: a free port the OS picks; the returned `port` and `url`
 * say which). `dataDir` is reused when given (to restart against the same SQLite file); pass
 * the previous `port` too to come back at the same address.
 */
async function startServer({ port = 0, dataDir, env = {} } = {}) {
  const dir = dataDir || fs.mkdtempSync(path.join(os.tmpdir(), 'ek-e2e-'));
  const instance = `e2e-${crypto.randomBytes(12).toString('hex')}`;
  const child = spawn(BIN, ['serve'], {
    env: {
      ...process.env, PORT: String(port), HOST: '127.0.0.1', DATA_DIR: dir,
      // E2E_DIST_DIR: test another build (e.g. while a benchmark is using dist/).
      DIST_DIR: process.env.E2E_DIST_DIR || path.join(ROOT, 'dist'), ADMIN_TOKEN, CERT_RATE_PER_MIN: '1000',
      // The specs count the reviews they store; a spec that wants the demo history passes DEMO_HISTORY: '1'.
      DEMO_HISTORY: '0', ...env,
      INSTANCE_ID: instance,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stderr = '';
  child.stderr.on('data', (d) => { stderr += d.toString(); if (stderr.length > 1e6) stderr = stderr.slice(-5e5); });
  const what = port ? `127.0.0.1:${port}` : '127.0.0.1 (a free port)';
  const bound = await listeningPort(child, what, () => stderr);
  if (port && bound !== port) {
    child.kill('SIGKILL');
    throw new Error(`kiosk-server was asked for 127.0.0.1:${port} but listens on ${bound}`);
  }
  const url = `http://127.0.0.1:${bound}`;
  try {
    await waitOwnServer(url, instance, child, () => stderr);
  } catch (e) {
    child.kill('SIGKILL');
    throw e;
  }
  return {
    url, port: bound, dataDir: dir, pid: child.pid, instance, stderr: () => stderr,
    async stop(signal = 'SIGTERM') {
      if (child.exitCode !== null || child.signalCode !== null) return;
      const done = new Promise((r) => child.once('exit', r));
      child.kill(signal);
      await done;
    },
  };
}

module.exports = { startServer, ADMIN_TOKEN, ROOT, BIN };
