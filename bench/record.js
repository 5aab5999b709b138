// Appends one result for the final table from the shell:
//   node bench/record.js METRIC VALUE BUDGET MET [NOTE]     (MET: true | false | null)
'use strict';
const { record } = require('./lib');

const [metric, value, budget, met, note = ''] = process.argv.slice(2);
if (!metric || value === undefined) {
  console.error('usage: node bench/record.js METRIC VALUE BUDGET true|false|null [NOTE]');
  process.exit(2);
}
record(metric, value, budget || '', met === 'true' ? true : met === 'false' ? false : null, note);
