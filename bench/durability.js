// Durability: review POSTs are streamed at the release server by concurrent clients, the server
// is killed with SIGKILL mid-stream, then restarted on the same SQLite directory. Afterwards:
//  1. every review that got a 2xx before the kill is found through the public status endpoint
//     (review number + check code from its receipt) with the rating it was sent with;
//  2. every request is sent again with its own Idempotency-Key (as the kiosk's outbox does after
//     an outage): an acknowledged one must get the same review number back (a replay), one
//     that was in flight or refused when the server died is stored now;
//  3. the database holds each request's marker exactly once (none twice, none lost).
// The database is read with Python's sqlite3 module after the server has stopped.
//
//   node bench/durability.js [--clients 8] [--kill-after-ms 3000] [--rounds 2] [--port 18546]
'use strict';

const { spawn, execFileSync } = require('node:child_process');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const lib = require('./lib');

const a = lib.args();
const CLIENTS = Math.max(1, Math.min(64, Number(a.clients || 8)));
const KILL_AFTER = Math.max(200, Number(a['kill-after-ms'] || 3000));
const ROUNDS = Math.max(1, Math.min(5, Number(a.rounds || 2)));
const PORT = Number(a.port || 18546);
const URL = `http://127.0.0.1:${PORT}`;
const RATINGS = ['very_satisfied', 'satisfied', 'basically_satisfied', 'dissatisfied', 'very_dissatisfied'];
const BAD_TAG = { dissatisfied: '201', very_dissatisfied: '104' };

function start(dataDir) {
  const child = spawn(lib.SERVER_BIN, ['serve'], {
    env: {
      ...process.env, PORT: String(PORT), HOST: '127.0.0.1', DATA_DIR: dataDir, DIST_DIR: lib.DIST_DIR,
      ADMIN_TOKEN: 'bench-admin-token', REVIEW_LOOKUP_PER_MIN: '100000000', LOG_REQUESTS: '0',
    },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let stderr = '';
  child.stderr.on('data', (d) => { stderr = (stderr + d).slice(-4000); });
  const exited = new Promise((r) => child.once('exit', (code, sig) => r(sig || code)));
  process.once('exit', () => child.exitCode === null && child.signalCode === null && child.kill('SIGKILL'));
  return { child, exited, stderr: () => stderr };
}

async function healthy(server) {
  const t0 = Date.now();
  while (Date.now() - t0 < 60_000) {
    if (server.child.exitCode !== null) throw new Error(`server exited: ${server.stderr()}`);
    try {
      if ((await fetch(`${URL}/api/v1/health`)).ok) return;
    } catch { /* not up yet */ }
    await lib.sleep(50);
  }
  throw new Error('server not healthy within 60 s');
}

/** Body for request `i` of round `r`; the comment is the marker searched in the database. */
function request(r, i) {
  const rating = RATINGS[i % RATINGS.length];
  const body = { rating, window_id: `A0${(i % 6) + 1}`, comment: `durability r${r} #${i}` };
  if (BAD_TAG[rating]) body.tags = [BAD_TAG[rating]];
  return { key: `dur-${process.pid}-r${r}-${i}`, marker: body.comment, rating, body };
}

async function post(req) {
  const res = await fetch(`${URL}/api/v1/reviews`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'idempotency-key': req.key, 'x-kiosk-id': 'bench-durability' },
    body: JSON.stringify(req.body),
    signal: AbortSignal.timeout(10_000),
  });
  const text = await res.text();
  return { status: res.status, json: res.ok ? JSON.parse(text) : null };
}

async function round(r, dataDir) {
  const server = start(dataDir);
  await healthy(server);
  const sent = [];
  const acked = new Map(); // key -> receipt
  let stop = false;
  let failedAfterKill = 0;
  const worker = async (w) => {
    for (let i = w; !stop; i += CLIENTS) {
      const req = request(r, i);
      sent.push(req);
      try {
        const res = await post(req);
        if (res.status >= 200 && res.status < 300) acked.set(req.key, res.json);
        else if (!stop) throw new Error(`unexpected ${res.status} before the kill`);
      } catch (e) {
        if (server.child.signalCode || stop) { failedAfterKill++; return; }
        throw e;
      }
    }
  };
  const workers = Array.from({ length: CLIENTS }, (_, w) => worker(w));
  await lib.sleep(KILL_AFTER);
  server.child.kill('SIGKILL');
  const how = await server.exited;
  stop = true;
  await Promise.allSettled(workers);
  const ackedAtKill = acked.size;

  // Restart on the same directory.
  const again = start(dataDir);
  const t0 = Date.now();
  await healthy(again);
  const restartMs = Date.now() - t0;

  // 1. Every acknowledged review is there, with its rating.
  const byKey = new Map(sent.map((s) => [s.key, s]));
  let missing = 0;
  const queue = [...acked.entries()];
  await Promise.all(Array.from({ length: CLIENTS }, async () => {
    for (let e = queue.pop(); e; e = queue.pop()) {
      const [key, receipt] = e;
      const res = await fetch(`${URL}/api/v1/reviews/${receipt.review_no}?check=${receipt.check_code}`);
      const body = res.ok ? await res.json() : null;
      const req = byKey.get(key);
      if (!body || body.rating !== req.rating) missing++;
    }
  }));

  // 2. Everything again with its own key: replays for the acknowledged, stores for the rest.
  let replayMismatch = 0;
  let storedNow = 0;
  const all = [...sent];
  await Promise.all(Array.from({ length: CLIENTS }, async () => {
    for (let req = all.pop(); req; req = all.pop()) {
      const res = await post(req);
      if (res.status < 200 || res.status >= 300) { replayMismatch++; continue; }
      const before = acked.get(req.key);
      if (before && before.review_no !== res.json.review_no) replayMismatch++;
      if (!before) storedNow++;
    }
  }));
  again.child.kill('SIGTERM');
  await again.exited;

  // 3. Each marker exactly once in the database.
  const rows = JSON.parse(execFileSync('python3', ['-c', `
import json, sqlite3, sys
c = sqlite3.connect(sys.argv[1])
print(json.dumps(dict(c.execute("SELECT comment, COUNT(*) FROM reviews WHERE comment LIKE ? GROUP BY comment", (sys.argv[2],)).fetchall())))
`, path.join(dataDir, 'kiosk.sqlite3'), `durability r${r} #%`]).toString());
  let twice = 0;
  let lost = 0;
  for (const req of sent) {
    const n = rows[req.marker] || 0;
    if (n > 1) twice++;
    if (n === 0) lost++;
  }
  return { sent: sent.length, ackedAtKill, failedAfterKill, how, restartMs, missing, replayMismatch, storedNow, twice, lost };
}

(async () => {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'ek-durability-'));
  process.once('exit', () => fs.rmSync(dataDir, { recursive: true, force: true }));
  const totals = { acked: 0, missing: 0, twice: 0, lost: 0, replayMismatch: 0, sent: 0 };
  try {
    for (let r = 1; r <= ROUNDS; r++) {
      const x = await round(r, dataDir);
      console.log(`durability round ${r}: ${x.sent} requests sent by ${CLIENTS} clients, ${x.ackedAtKill} acknowledged before ` +
        `SIGKILL at ${KILL_AFTER} ms (server ended by ${x.how}; ${x.failedAfterKill} in flight failed); restart to healthy ${x.restartMs} ms; ` +
        `acknowledged but not found ${x.missing}; resent with the same keys: ${x.storedNow} stored now, ${x.replayMismatch} replay mismatches; ` +
        `in the database: ${x.twice} twice, ${x.lost} missing`);
      totals.acked += x.ackedAtKill; totals.missing += x.missing; totals.twice += x.twice;
      totals.lost += x.lost; totals.replayMismatch += x.replayMismatch; totals.sent += x.sent;
    }
    const ok = totals.missing === 0 && totals.twice === 0 && totals.lost === 0 && totals.replayMismatch === 0;
    lib.record('durability: review POSTs across kill -9',
      `${totals.acked} acked, ${totals.missing} lost, ${totals.twice} twice`,
      '0 lost, 0 twice', ok,
      `${ROUNDS} kills; all ${totals.sent} resent with their keys: ${totals.replayMismatch} mismatches, ${totals.lost} absent after`);
    if (!ok) process.exitCode = 0; // a figure, not a failure of the part
  } catch (e) {
    console.error(`durability: ${e.stack || e}`);
    lib.record('durability: review POSTs across kill -9', 'error', '0 lost, 0 twice', null, String(e.message || e).slice(0, 120));
    process.exitCode = 1;
  }
})();
