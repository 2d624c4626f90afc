import { defineConfig, devices } from '@playwright/test';
import * as path from 'node:path';

/**
 * Plugboard end-to-end tests.
 *
 * By default Playwright starts `node tools/e2e-server.mjs`, which runs the BUILT API
 * (dist/apps/api/main.js, serving the SPA) on port 4310 with a fresh temporary SQLite
 * database and the demo seed, plus a registry entry for the example plugin examples/acme-greeter
 * (a workspace package, added to a copy of plugins.config.yaml) for the plugin UI flows.
 * Build first (`npm run build`), then `npm run e2e`.
 *
 * Env:
 *   PLUGBOARD_E2E_BASE_URL  test an already running server instead (no webServer is started)
 *   PLUGBOARD_E2E_PORT      port for the e2e server (default 4310)
 *   PLUGBOARD_E2E_WORKERS   parallel workers (default 1: all specs share one server and database)
 *   PLUGBOARD_E2E_RETRIES   retries (default 0)
 *   PLUGBOARD_E2E_JSON      JSON report path (default tmp/test-results/e2e.json;
 *                           PLAYWRIGHT_JSON_OUTPUT_FILE overrides it)
 */
const workspaceRoot = path.resolve(__dirname, '../..');
const env = process.env;
const port = Number(env['PLUGBOARD_E2E_PORT'] || 4310);
const externalBaseURL = env['PLUGBOARD_E2E_BASE_URL'];
const baseURL = externalBaseURL || `http://127.0.0.1:${port}`;
const jsonReport =
  env['PLUGBOARD_E2E_JSON'] ||
  path.join(workspaceRoot, 'tmp/test-results/e2e.json');

export default defineConfig({
  testDir: './src',
  outputDir: path.join(
    workspaceRoot,
    'dist/.playwright/apps/web-e2e/test-output',
  ),
  fullyParallel: false,
  forbidOnly: !!env['CI'],
  retries: Number(env['PLUGBOARD_E2E_RETRIES'] || 0),
  workers: Math.min(2, Math.max(1, Number(env['PLUGBOARD_E2E_WORKERS'] || 1))),
  timeout: 60_000,
  expect: { timeout: 10_000 },
  reporter: [['list'], ['json', { outputFile: jsonReport }]],
  use: {
    baseURL,
    headless: true,
    actionTimeout: 15_000,
    navigationTimeout: 30_000,
    trace: 'retain-on-failure',
    screenshot: 'only-on-failure',
  },
  webServer: externalBaseURL
    ? undefined
    : {
        command: 'node tools/e2e-server.mjs',
        cwd: workspaceRoot,
        url: `${baseURL}/api/health`,
        env: { PLUGBOARD_E2E_PORT: String(port) },
        reuseExistingServer: false,
        timeout: 180_000,
        stdout: 'ignore',
        stderr: 'pipe',
        // SIGTERM lets tools/e2e-server.mjs stop the API and delete its temp database
        // (without it Playwright SIGKILLs the process group).
        gracefulShutdown: { signal: 'SIGTERM', timeout: 15_000 },
      },
  projects: [
    {
      name: 'chromium',
      use: {
        ...devices['Desktop Chrome'],
        launchOptions: {
          executablePath: '/usr/bin/chromium',
          args: [
            '--no-sandbox',
            '--disable-gpu',
            '--disable-background-networking',
            '--disable-component-update',
            '--disable-sync',
            '--no-first-run',
          ],
        },
      },
    },
  ],
});
