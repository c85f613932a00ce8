// What every journey needs: tauri-driver on a port of its own, a temporary
// library and data folder, and the app opened on them.

import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { WebDriver } from './webdriver.mjs';

export const root = path.resolve(import.meta.dirname, '..');
export const app = path.join(root, 'target/debug/byline-app');
export const cli = path.join(root, 'target/debug/byline');
export const artifacts = path.join(root, 'target/e2e-artifacts');

/** Starts tauri-driver for one journey; `close()` stops it and removes its files. */
export async function startJourney() {
  mkdirSync(artifacts, { recursive: true });
  const home = mkdtempSync(path.join(tmpdir(), 'byline-e2e-'));
  const library = path.join(home, 'library.sqlite');
  const port = 4444 + Math.floor(Math.random() * 2000);
  // XDG_DATA_HOME keeps the app's WebKit storage (language choice…) out of the
  // user's own; --library names the library itself.
  const driverProcess = spawn('tauri-driver', ['--port', String(port), '--native-port', String(port + 2000)], {
    env: { ...process.env, XDG_DATA_HOME: path.join(home, 'data'), BYLINE_LIBRARY: '' },
    stdio: ['ignore', 'inherit', 'inherit'],
  });
  const driver = new WebDriver(`http://127.0.0.1:${port}`);
  await driver.waitUntil('tauri-driver', async () => (await fetch(`http://127.0.0.1:${port}/status`)).ok);
  return {
    driver,
    library,
    /** Starts the app on the journey's library and waits for the list. */
    async openApp() {
      await driver.start(app, ['--library', library]);
      await driver.waitFor('[data-testid="article-list"]');
      await driver.waitUntil('the list to load', async () => (await driver.findAll('[data-testid="loading"]')).length === 0);
    },
    async close() {
      await driver.quit().catch(() => {});
      // The app may still be writing its WebKit caches into `home` as it
      // exits: wait for the driver (its parent) to go, and let rmSync retry
      // a folder that is not empty yet.
      const exited = new Promise((resolve) => {
        if (driverProcess.exitCode !== null || driverProcess.signalCode !== null) resolve();
        else driverProcess.once('exit', resolve);
      });
      driverProcess.kill();
      await exited;
      rmSync(home, { recursive: true, force: true, maxRetries: 10, retryDelay: 200 });
    },
  };
}
