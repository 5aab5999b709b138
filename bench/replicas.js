// Replicas: the release server on SQLite, one replica on PostgreSQL, and two replicas behind
// nginx on one PostgreSQL (Debian's postgresql and nginx; PostgreSQL with its durable defaults:
// fsync and synchronous_commit on), each measured with wrk on loopback, 10 s per run:
// catalog GET (br), certificate search POST, review POST (a new review per request), at
// saturation (--connections) and, for the review POST, paced to ~1 050/s (p99 at the goal
// rate). Then durability through nginx: 8 clients stream review POSTs, one replica is killed
// with SIGKILL mid-stream, every request is sent again with its own Idempotency-Key (the
// kiosk outbox), and PostgreSQL must hold every request's review exactly once.
//
//   node bench/replicas.js [--duration 10] [--connections 16] [--threads 2] [--pool 16]
'use strict';

const { spawn, execFileSync } = require('node:child_process');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const lib = require('./lib');

const a = lib.args();
const DURATION = Math.max(1, Math.min(60, Number(a.duration || 10)));
const CONNS = Math.max(1, Math.min(512, Number(a.connections || 16)));
const THREADS = Math.max(1, Math.min(8, Number(a.threads || 2)));
const POOL = Math.max(1, Math.min(64, Number(a.pool || 16)));
const WRK = process.env.WRK || 'wrk';
const LOAD = path.join(__dirname, 'load');
const PG_SH = path.join(lib.ROOT, 'scripts', 'pg.sh');
const P99_BUDGET = 50;
const PORTS = { sqlite: 18560, one: 18561, a: 18562, b: 18563, nginx: 18564 };

function toMs(v) {
  const m = /^([\d.]+)(us|ms|s|m)$/.exec(v || '');
  if (!m) return NaN;
  const n = Number(m[1]);
  return { us: n / 1000, ms: n, s: n * 1000, m: n * 60_000 }[m[2]];
}

function parseWrk(out) {
  const num = (re) => re.exec(out);
  const rps = num(/Requests\/sec:\s+([\d.]+)/);
  const p50 = num(/^\s+50%\s+(\S+)/m);
  const p99 = num(/^\s+99%\s+(\S+)/m);
  const total = num(/(\d+) requests in/);
  const codes = num(/status codes: (.*)/);
  const sock = num(/Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)/);
  return {
    rps: rps ? Number(rps[1]) : NaN,
    p50: p50 ? toMs(p50[1]) : NaN,
    p99: p99 ? toMs(p99[1]) : NaN,
    total: total ? Number(total[1]) : 0,
    sockErr: sock ? sock.slice(1, 5).map(Number).reduce((x, y) => x + y, 0) : 0,
    codes: codes ? codes[1].trim() : '',
  };
}

function runWrk(url, scripts, env, conns, duration) {
  const file = path.join(os.tmpdir(), `ek-bench-rep-${process.pid}-${Date.now()}.lua`);
  fs.writeFileSync(file, scripts.map((s) => fs.readFileSync(path.join(LOAD, s), 'utf8')).join('\n'));
  return new Promise((resolve, reject) => {
    const args = [`-t${Math.min(THREADS, conns)}`, `-c${conns}`, `-d${duration}s`, '--timeout', '5s', '--latency', '-s', file, url];
    const child = spawn(WRK, args, { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    child.stdout.on('data', (d) => { out += d; });
    child.stderr.on('data', (d) => { out += d; });
    const killer = setTimeout(() => child.kill('SIGKILL'), (duration + 30) * 1000);
    child.on('error', (e) => { clearTimeout(killer); reject(e); });
    child.on('exit', (code) => {
      clearTimeout(killer);
      fs.rmSync(file, { force: true });
      if (code !== 0) reject(new Error(`wrk exited ${code}: ${out.slice(-500)}`));
      else resolve(out);
    });
  });
}

const psql = (url, sql) => execFileSync('psql', ['-X', '-At', '-v', 'ON_ERROR_STOP=1', url, '-c', sql]).toString().trim();
const withDb = (url, name) => url.replace(/\/[^/?]*(\?|$)/, `/${name}$1`);

function startNginx(dir) {
  const conf = path.join(dir, 'nginx.conf');
  fs.writeFileSync(conf, `
worker_processes 1;
pid ${dir}/nginx.pid;
error_log ${dir}/error.log warn;
events { worker_connections 2048; }
http {
  access_log off;
  client_body_temp_path ${dir}/body; proxy_temp_path ${dir}/proxy;
  fastcgi_temp_path ${dir}/fcgi; uwsgi_temp_path ${dir}/uwsgi; scgi_temp_path ${dir}/scgi;
  upstream kiosk {
    server 127.0.0.1:${PORTS.a} max_fails=2 fail_timeout=5s;
    server 127.0.0.1:${PORTS.b} max_fails=2 fail_timeout=5s;
    keepalive 64;
  }
  server {
    listen 127.0.0.1:${PORTS.nginx};
    client_max_body_size 17m;
    location / {
      proxy_pass http://kiosk;
      proxy_http_version 1.1;
      proxy_set_header Connection "";
      proxy_set_header Host $host;
      proxy_next_upstream error timeout http_502 non_idempotent;
      proxy_next_upstream_tries 2;
      proxy_connect_timeout 2s;
      proxy_read_timeout 30s;
    }
  }
}
`);
  const child = spawn('nginx', ['-p', dir, '-c', conf, '-g', 'daemon off;'], { stdio: ['ignore', 'ignore', 'pipe'] });
  let err = '';
  child.stderr.on('data', (d) => { err += d; });
  process.once('exit', () => child.exitCode === null && child.kill('SIGKILL'));
  return { child, err: () => err, stop: () => child.kill('SIGTERM') };
}

async function waitUp(url) {
  const t0 = Date.now();
  while (Date.now() - t0 < 30_000) {
    try { if ((await fetch(`${url}/api/v1/health`)).ok) return; } catch { /* not yet */ }
    await lib.sleep(100);
  }
  throw new Error(`${url} not up`);
}

const SCENARIOS = [
  { name: 'catalog GET (br)', scripts: ['get.lua'], expect: 200 },
  { name: 'certificate search POST', scripts: ['cert.lua'], expect: 200 },
  { name: 'review POST', scripts: ['review.lua'], expect: 201, pace: 1050 },
];

async function measure(label, base) {
  const rows = [];
  for (const s of SCENARIOS) {
    const run = async (env, conns, duration) => {
      const r = parseWrk(await runWrk(`${base}/api/v1/lenient/catalog`, [...s.scripts, 'pace.lua', 'status.lua'], env, conns, duration));
      const ok = Number((new RegExp(`(?:^| )${s.expect}=(\\d+)`).exec(r.codes) || [])[1] || 0);
      r.errors = r.total - ok + r.sockErr;
      return r;
    };
    const sat = await run({}, CONNS, DURATION);
    console.log(`  ${label.padEnd(26)} ${s.name.padEnd(26)} saturation: ${sat.rps.toFixed(0).padStart(6)}/s p50 ${lib.fmtMs(sat.p50)} p99 ${lib.fmtMs(sat.p99)} ${sat.errors} err [${sat.codes}]`);
    let paced = null;
    if (s.pace) {
      const PACE_MS = 4;
      const first = Math.max(1, Math.ceil((s.pace * PACE_MS) / 1000));
      const probe = await run({ PACE_MS: String(PACE_MS) }, first, 2);
      const conns = Math.max(1, Math.min(256, Math.ceil((first * s.pace) / Math.max(1, probe.rps))));
      paced = await run({ PACE_MS: String(PACE_MS) }, conns, DURATION);
      console.log(`  ${label.padEnd(26)} ${s.name.padEnd(26)} paced to ~${s.pace}/s (${conns} conns): ${paced.rps.toFixed(0)}/s p50 ${lib.fmtMs(paced.p50)} p99 ${lib.fmtMs(paced.p99)} ${paced.errors} err`);
    }
    rows.push({ label, scenario: s.name, sat, paced });
  }
  return rows;
}

/** 8 clients through nginx; SIGKILL replica `victim` after `killAfter` ms; resend all. */
async function durability(base, url, victim, killAfter = 2000, streamMs = 6000) {
  const RATINGS = ['very_satisfied', 'satisfied', 'basically_satisfied'];
  const run = Date.now().toString(36);
  const sent = [];
  const acked = new Map();
  const post = async (i) => {
    const body = { rating: RATINGS[i % 3], window_id: `A0${(i % 6) + 1}`, comment: `dur ${run} #${i}` };
    const res = await fetch(`${base}/api/v1/reviews`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', 'Idempotency-Key': `dur-${run}-${i}` },
      body: JSON.stringify(body),
      signal: AbortSignal.timeout(10_000),
    });
    const text = await res.text();
    return { status: res.status, body: text };
  };
  let next = 0;
  let killed = false;
  const statuses = {};
  const t0 = Date.now();
  const client = async () => {
    while (Date.now() - t0 < streamMs) {
      const i = next++;
      sent.push(i);
      try {
        const r = await post(i);
        statuses[r.status] = (statuses[r.status] || 0) + 1;
        if (r.status === 201 || r.status === 200) acked.set(i, JSON.parse(r.body).review_no);
      } catch (e) {
        statuses.network = (statuses.network || 0) + 1;
      }
    }
  };
  const killer = (async () => {
    await lib.sleep(killAfter);
    process.kill(victim, 'SIGKILL');
    killed = true;
  })();
  await Promise.all([...Array.from({ length: 8 }, client), killer]);
  // The outbox: every request again with its own key.
  let mismatched = 0;
  let resendErrors = 0;
  for (const i of sent) {
    let r = null;
    for (let attempt = 0; attempt < 5 && !(r && (r.status === 200 || r.status === 201)); attempt++) {
      try { r = await post(i); } catch { r = null; await lib.sleep(200); }
    }
    if (!r || (r.status !== 200 && r.status !== 201)) { resendErrors++; continue; }
    const no = JSON.parse(r.body).review_no;
    if (acked.has(i) && acked.get(i) !== no) mismatched++;
    acked.set(i, no);
  }
  const stored = Number(psql(url, `SELECT COUNT(*) FROM reviews WHERE comment LIKE 'dur ${run} #%'`));
  const distinct = Number(psql(url, `SELECT COUNT(DISTINCT comment) FROM reviews WHERE comment LIKE 'dur ${run} #%'`));
  return { killed, sent: sent.length, acked: acked.size, stored, distinct, mismatched, resendErrors, statuses };
}

(async () => {
  for (const tool of ['nginx', 'wrk', 'psql']) {
    try { execFileSync('sh', ['-c', `command -v ${tool}`]); } catch { throw new Error(`${tool} is not installed (scripts/bench.sh installs it)`); }
  }
  const pgDir = fs.mkdtempSync(path.join(os.tmpdir(), 'ek-bench-pg-'));
  const ngDir = fs.mkdtempSync(path.join(os.tmpdir(), 'ek-bench-nginx-'));
  const url = execFileSync('bash', [PG_SH, 'start', pgDir, '--durable']).toString().trim();
  const stopPg = () => { try { execFileSync('bash', [PG_SH, 'stop', pgDir]); } catch { /* gone */ } fs.rmSync(pgDir, { recursive: true, force: true }); };
  process.once('exit', stopPg);
  const servers = [];
  let nginx = null;
  try {
    console.log(`replicas: PostgreSQL ${psql(url, 'SHOW server_version')} at ${url} (fsync ${psql(url, 'SHOW fsync')}, synchronous_commit ${psql(url, 'SHOW synchronous_commit')}); ` +
      `pool ${POOL} per replica; wrk -t${THREADS} -c${CONNS} -d${DURATION}s on ${os.cpus().length} CPUs (load average ${os.loadavg()[0].toFixed(1)})`);
    psql(url, 'CREATE DATABASE one');
    psql(url, 'CREATE DATABASE two');
    const common = { CERT_RATE_PER_MIN: '100000000', REVIEW_LOOKUP_PER_MIN: '100000000', DATABASE_POOL_SIZE: String(POOL) };
    const rows = [];

    const sqlite = await lib.startServer({ port: PORTS.sqlite, env: common });
    rows.push(...await measure('SQLite, 1 process', sqlite.url));
    await sqlite.stop();

    const one = await lib.startServer({ port: PORTS.one, env: { ...common, DATABASE_URL: withDb(url, 'one') } });
    rows.push(...await measure('PostgreSQL, 1 replica', one.url));
    await one.stop();

    const two = withDb(url, 'two');
    const ra = await lib.startServer({ port: PORTS.a, env: { ...common, DATABASE_URL: two, INSTANCE_ID: 'a' } });
    const rb = await lib.startServer({ port: PORTS.b, env: { ...common, DATABASE_URL: two, INSTANCE_ID: 'b' } });
    servers.push(ra, rb);
    nginx = startNginx(ngDir);
    const front = `http://127.0.0.1:${PORTS.nginx}`;
    await waitUp(front);
    rows.push(...await measure('PostgreSQL, 2 + nginx', front));

    console.log('replicas: durability through nginx (8 clients, kill -9 of replica a after 2 s, resend everything)');
    const d = await durability(front, two, ra.pid);
    console.log(`  sent ${d.sent}, answers ${JSON.stringify(d.statuses)}, after the resend ${d.acked} acknowledged, ` +
      `${d.stored} stored (${d.distinct} distinct), ${d.mismatched} replays with another number, ${d.resendErrors} unanswered`);

    console.log('\nreplicas: table');
    console.log(`  ${'setup'.padEnd(24)} ${'scenario'.padEnd(24)} ${'max req/s'.padStart(9)} ${'p50'.padStart(9)} ${'p99'.padStart(9)}   at ~1050/s: p99`);
    for (const r of rows) {
      console.log(`  ${r.label.padEnd(24)} ${r.scenario.padEnd(24)} ${r.sat.rps.toFixed(0).padStart(9)} ${lib.fmtMs(r.sat.p50).padStart(9)} ${lib.fmtMs(r.sat.p99).padStart(9)}` +
        (r.paced ? `   ${r.paced.rps.toFixed(0)}/s ${lib.fmtMs(r.paced.p99)}` : ''));
      const errs = r.sat.errors + (r.paced ? r.paced.errors : 0);
      const goal = r.label.startsWith('PostgreSQL, 2') && r.scenario === 'review POST';
      const met = goal ? r.sat.rps >= 1000 && r.paced && r.paced.p99 <= P99_BUDGET && errs === 0 : null;
      lib.record(`replicas: ${r.label}: ${r.scenario}`,
        `max ${r.sat.rps.toFixed(0)}/s p99 ${lib.fmtMs(r.sat.p99)}` + (r.paced ? `; at ${r.paced.rps.toFixed(0)}/s p99 ${lib.fmtMs(r.paced.p99)}` : '') + `; ${errs} err`,
        goal ? `>= 1000/s; p99 <= ${P99_BUDGET} ms at it` : '(info)', met);
    }
    const durable = d.killed && d.resendErrors === 0 && d.mismatched === 0 && d.stored === d.sent && d.distinct === d.sent;
    lib.record('replicas: durability, kill -9 of one of 2 replicas behind nginx',
      `${d.sent} sent, ${d.stored} stored, ${d.distinct} distinct, ${d.mismatched} renumbered`,
      'every request stored exactly once', durable);
  } finally {
    if (nginx) nginx.stop();
    for (const s of servers) await s.stop().catch(() => {});
    stopPg();
    fs.rmSync(ngDir, { recursive: true, force: true });
  }
})().catch((e) => {
  console.error(`replicas: ${e.stack || e}`);
  lib.record('replicas', 'error', '', null, String(e.message || e).slice(0, 120));
  process.exit(1);
});
