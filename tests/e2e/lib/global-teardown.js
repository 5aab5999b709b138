const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');

module.exports = async () => {
  const f = path.join(os.tmpdir(), `ek-e2e-main-${Number(process.env.E2E_PORT || 18080)}.json`);
  try {
    const { pid } = JSON.parse(fs.readFileSync(f, 'utf8'));
    process.kill(pid, 'SIGTERM');
  } catch (_) { /* already gone */ }
};
