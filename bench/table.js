// Prints the final table of `make bench` from the results file (JSON lines written by lib.record):
//   node bench/table.js RESULTS_FILE
// Columns: metric, value, budget, met? (yes / NO / n/a when not measured / info for figures
// that have no budget). Exit status 0: the benchmarks report figures, they do not fail a build.
'use strict';
const fs = require('node:fs');

const file = process.argv[2];
const rows = [];
for (const line of (file && fs.existsSync(file) ? fs.readFileSync(file, 'utf8') : '').split('\n')) {
  if (!line.trim()) continue;
  try {
    rows.push(JSON.parse(line));
  } catch (_) { /* a torn line: skipped */ }
}
// Display width: CJK and other wide characters take two columns.
const width = (s) => [...s].reduce((w, c) => w + (/[\u1100-\u115f\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6]/.test(c) ? 2 : 1), 0);
const pad = (s, n) => s + ' '.repeat(Math.max(0, n - width(s)));
const metCell = (r) => {
  if (r.met === true) return 'yes';
  if (r.met === false) return 'NO';
  if (!r.budget || r.budget === '(info)') return 'info';
  return 'n/a';
};
const table = rows.map((r) => [String(r.metric), String(r.value), r.budget === '(info)' ? '' : String(r.budget || ''), metCell(r) + (r.note ? ` (${r.note})` : '')]);
const head = ['metric', 'value', 'budget', 'met?'];
const w = head.map((h, i) => Math.max(width(h), ...table.map((row) => width(row[i]))));
// The last column is not padded; cap the others so the table stays readable.
const cap = [62, 48, 26];
for (let i = 0; i < 3; i++) w[i] = Math.min(w[i], cap[i]);
const line = (cells) => cells.map((c, i) => (i < 3 ? pad(c, w[i]) : c)).join(' | ');
console.log('');
console.log(line(head));
console.log(w.map((n, i) => '-'.repeat(i < 3 ? n : 4)).join('-+-'));
for (const row of table) console.log(line(row));
const judged = rows.filter((r) => r.met === true || r.met === false);
const met = judged.filter((r) => r.met === true).length;
const unmeasured = rows.filter((r) => r.met === null && r.budget && r.budget !== '(info)').length;
console.log('');
console.log(`budgets: ${met} of ${judged.length} met${unmeasured ? `, ${unmeasured} not measured` : ''}`);
