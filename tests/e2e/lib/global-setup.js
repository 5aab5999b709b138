const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { startServer } = require('./server');

module.exports = async () => {
  const s = await startServer({ port: 18080 });
  fs.writeFileSync(path.join(os.tmpdir(), 'ek-e2e-main.json'), JSON.stringify({ pid: s.pid, dataDir: s.dataDir }));
};
