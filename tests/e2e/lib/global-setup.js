// The suite's main server: on E2E_PORT when set (failing at once when that port cannot be
// bound), else on a free port. Its URL reaches the workers through the environment
// (playwright.config.js reads E2E_BASE_URL there); the returned function stops it.
const { startServer } = require('./server');

module.exports = async () => {
  const port = process.env.E2E_PORT ? Number(process.env.E2E_PORT) : 0;
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`E2E_PORT=${process.env.E2E_PORT} is not a port`);
  const s = await startServer({ port });
  process.env.E2E_PORT = String(s.port);
  process.env.E2E_BASE_URL = s.url;
  process.env.E2E_INSTANCE_ID = s.instance; // specs/harness.spec.js checks it
  console.log(`e2e: kiosk-server pid ${s.pid} on ${s.url} (data ${s.dataDir})`);
  return async () => { await s.stop(); };
};
