// End-to-end tests: Debian's Chromium (no browser download), the real reference server
// (started by global-setup with a fresh SQLite file, on a free port or E2E_PORT, and checked to
// be the process it started), desktop kiosk and phone projects.
const { defineConfig, devices } = require('@playwright/test');

const chromiumArgs = [
  '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync',
];

module.exports = defineConfig({
  testDir: './specs',
  timeout: 60_000,
  expect: { timeout: 10_000 },
  fullyParallel: false,
  workers: 1,
  retries: 0,
  reporter: [['list']],
  globalSetup: require.resolve('./lib/global-setup.js'),
  use: {
    // Set by global-setup to its own server before the workers load this file.
    baseURL: process.env.E2E_BASE_URL,
    launchOptions: { executablePath: process.env.CHROMIUM || '/usr/bin/chromium', args: chromiumArgs },
    locale: 'zh-CN',
    trace: 'off',
  },
  projects: [
    { name: 'kiosk', use: { browserName: 'chromium', viewport: { width: 1080, height: 1920 }, hasTouch: true }, testIgnore: /mobile\.spec\.js/ },
    {
      name: 'phone',
      use: { browserName: 'chromium', viewport: { width: 360, height: 740 }, hasTouch: true, isMobile: true, deviceScaleFactor: 2 },
      testMatch: /mobile\.spec\.js/,
    },
  ],
});
