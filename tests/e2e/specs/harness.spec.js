// The harness itself (issue 11, item 9): the suite talks only to servers it started.
const { test, expect } = require('@playwright/test');
const net = require('node:net');
const { startServer } = require('../lib/server');

test('the base URL is answered by the server global-setup started', async ({ baseURL }) => {
  expect(baseURL).toBe(process.env.E2E_BASE_URL);
  const r = await fetch(`${baseURL}/api/v1/health`);
  expect(r.status).toBe(200);
  expect(process.env.E2E_INSTANCE_ID).toMatch(/^e2e-[0-9a-f]{24}$/);
  expect(r.headers.get('x-instance-id')).toBe(process.env.E2E_INSTANCE_ID);
});

test('a server asked for a port that is taken fails at once, naming the port', async () => {
  const blocker = net.createServer();
  await new Promise((resolve, reject) => { blocker.once('error', reject); blocker.listen(0, '127.0.0.1', resolve); });
  const { port } = blocker.address();
  try {
    const t0 = Date.now();
    await expect(startServer({ port })).rejects.toThrow(`could not start on 127.0.0.1:${port}`);
    expect(Date.now() - t0).toBeLessThan(10_000);
  } finally {
    blocker.close();
  }
});

test('servers started without a port get free ports of their own', async () => {
  const a = await startServer();
  const b = await startServer();
  try {
    expect(a.port).not.toBe(b.port);
    expect(a.instance).not.toBe(b.instance);
    for (const s of [a, b]) {
      const r = await fetch(`${s.url}/api/v1/health`);
      expect(r.headers.get('x-instance-id')).toBe(s.instance);
    }
  } finally {
    await a.stop();
    await b.stop();
  }
});
