const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { startServer } = require('./server');

module.exports = async () => {
  const port = Number(process.env.E2E_PORT || 18080);
  const s = await startServer({ port });
  fs.writeFileSync(path.join(os.tmpdir(), `ek-e2e-main-${port}.json`), JSON.stringify({ pid: s.pid, dataDir: s.dataDir }));
};
