// Server load: wrk against the release reference server on loopback, 10 s per run:
// catalog GET 200 (compressed), catalog GET 304 (If-None-Match), certificate search POST
// (a synthetic holder, CERT_RATE_PER_MIN very high), review POST (unique Idempotency-Key and a
// valid body per request: every request stores a review). Two runs per scenario:
//  - saturation: closed loop, --connections connections, no pause: the most requests/s;
//  - at the goal rate: connections paced by bench/load/pace.lua to about 5 % above the goal
//    (5 000/s for GETs, 1 000/s for the POSTs): p50/p99 latency at the required throughput.
// wrk shares the machine's CPUs with the server, so the saturation run's tail latency mostly
// measures the CPU contention between the two.
//
//   node bench/load.js [--duration 10] [--connections 16] [--threads 2] [--port 18550]
'use strict';

const { spawn } = require('node:child_process');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const lib = require('./lib');

const a = lib.args();
const DURATION = Math.max(1, Math.min(60, Number(a.duration || 10)));
const CONNS = Math.max(1, Math.min(512, Number(a.connections || 16)));
const THREADS = Math.max(1, Math.min(8, Number(a.threads || 2)));
const PORT = Number(a.port || 18550);
const WRK = process.env.WRK || 'wrk';
const LOAD = path.join(__dirname, 'load');
const P99_BUDGET = 50;

/** wrk's "1.23ms" / "456.00us" / "1.01s" in ms. */
function toMs(v) {
  const m = /^([\d.]+)(us|ms|s|m)$/.exec(v || '');
  if (!m) return NaN;
  const n = Number(m[1]);
  return { us: n / 1000, ms: n, s: n * 1000, m: n * 60_000 }[m[2]];
}

function parseWrk(out) {
  const num = (re) => {
    const m = re.exec(out);
    return m ? m : null;
  };
  const rps = num(/Requests\/sec:\s+([\d.]+)/);
  const p50 = num(/^\s+50%\s+(\S+)/m);
  const p99 = num(/^\s+99%\s+(\S+)/m);
  const total = num(/(\d+) requests in/);
  const non2xx = num(/Non-2xx or 3xx responses:\s+(\d+)/);
  const sock = num(/Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)/);
  const codes = num(/status codes: (.*)/);
  const sockErr = sock ? sock.slice(1, 5).map(Number).reduce((x, y) => x + y, 0) : 0;
  return {
    rps: rps ? Number(rps[1]) : NaN,
    p50: p50 ? toMs(p50[1]) : NaN,
    p99: p99 ? toMs(p99[1]) : NaN,
    total: total ? Number(total[1]) : 0,
    errors: (non2xx ? Number(non2xx[1]) : 0) + sockErr,
    codes: codes ? codes[1].trim() : '',
  };
}

function runWrk(url, scripts, env = {}, conns = CONNS, duration = DURATION) {
  // wrk takes one script: the scenario's, then the status-code counter.
  const file = path.join(os.tmpdir(), `ek-bench-wrk-${process.pid}-${Date.now()}.lua`);
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

(async () => {
  const server = await lib.startServer({ port: PORT, env: { CERT_RATE_PER_MIN: '10000000' } });
  try {
    const base = server.url;
    // Sanity: each scenario's request succeeds once before it is loaded.
    const cat = await fetch(`${base}/api/v1/lenient/catalog`, { headers: { 'Accept-Encoding': 'br, gzip' } });
    const etag = cat.headers.get('etag') || '';
    const review = await fetch(`${base}/api/v1/reviews`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', 'Idempotency-Key': `bench-probe-${Date.now()}` },
      body: JSON.stringify({ service_id: 'S01', window_id: 'A01', rating: 'very_satisfied', tags: ['501'], comment: '' }),
    });
    const cert = await fetch(`${base}/api/v1/certificates/search`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ by: 'holder', name: '王芳', holder_id: '320505198509030123' }),
    });
    const certN = ((await cert.json().catch(() => ({}))).results || []).length;
    console.log(`load: probes: catalog ${cat.status} (ETag ${etag}), review ${review.status}, certificate search ${cert.status} (${certN} results); ` +
      `wrk -t${THREADS} -c${CONNS} -d${DURATION}s on ${os.cpus().length} CPUs shared with the server (load average ${os.loadavg()[0].toFixed(1)})`);

    const scenarios = [
      { name: 'catalog GET 200 (br)', scripts: ['get.lua'], goal: 5000, expect: 200 },
      { name: 'catalog GET 304 (If-None-Match)', scripts: ['etag.lua'], env: { ETAG: etag }, goal: 5000, expect: 304 },
      // No throughput goal of its own: paced like the review writes.
      { name: 'certificate search POST', scripts: ['cert.lua'], goal: null, pace: 1000, expect: 200 },
      // 201 = stored; a 200 would be an idempotent replay (a key sent twice), counted as an error.
      { name: 'review POST (unique Idempotency-Key)', scripts: ['review.lua'], goal: 1000, expect: 201 },
    ];
    const PACE_MS = 4;
    const run = async (s, env, conns, duration = DURATION) => {
      const out = await runWrk(`${base}/api/v1/lenient/catalog`, [...s.scripts, 'pace.lua', 'status.lua'], { ...s.env, ...env }, conns, duration);
      const r = parseWrk(out);
      // Any answer other than the expected status is an error (wrk counts only non-2xx/3xx).
      const expected = Number((new RegExp(`(?:^| )${s.expect}=(\\d+)`).exec(r.codes) || [])[1] || 0);
      if (r.codes) r.errors = Math.max(r.errors, r.total - expected);
      return r;
    };
    const show = (label, r) => console.log(`  ${label.padEnd(52)} ${r.rps.toFixed(0).padStart(7)} req/s  p50 ${lib.fmtMs(r.p50).padStart(9)}  ` +
      `p99 ${lib.fmtMs(r.p99).padStart(9)}  ${r.total} requests, ${r.errors} errors  [${r.codes}]`);
    for (const s of scenarios) {
      const sat = await run(s, {}, CONNS);
      show(`${s.name}, saturation (${CONNS} conns)`, sat);
      const rate = Math.round((s.goal || s.pace) * 1.05);
      // wrk's timers are coarse: a 2 s probe measures what one paced connection really sends.
      const first = Math.max(1, Math.ceil((rate * PACE_MS) / 1000));
      const probe = await run(s, { PACE_MS: String(PACE_MS) }, first, 2);
      const conns = Math.max(1, Math.min(256, Math.ceil((first * rate) / Math.max(1, probe.rps))));
      const paced = await run(s, { PACE_MS: String(PACE_MS) }, conns);
      show(`${s.name}, paced to ~${rate}/s (${conns} conns)`, paced);
      const errors = sat.errors + paced.errors;
      const met = sat.total > 0 && paced.total > 0 && errors === 0 && (!s.goal || sat.rps >= s.goal) && paced.p99 <= P99_BUDGET;
      const goalText = s.goal ? `>= ${s.goal}/s; p99 <= ${P99_BUDGET} ms at it` : `p99 <= ${P99_BUDGET} ms at ${s.pace}/s`;
      lib.record(`load: ${s.name}`, `max ${sat.rps.toFixed(0)}/s; at ${paced.rps.toFixed(0)}/s p50 ${lib.fmtMs(paced.p50)} p99 ${lib.fmtMs(paced.p99)}; ${errors} err`,
        goalText, met, `p99 at saturation ${lib.fmtMs(sat.p99)}`);
    }
  } finally {
    await server.stop();
  }
})().catch((e) => {
  console.error(`load: ${e.stack || e}`);
  lib.record('load', 'error', '', null, String(e.message || e).slice(0, 120));
  process.exit(1);
});
