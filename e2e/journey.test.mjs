// The first journey: a reporter writes an article in Vietnamese, sees the
// preview follow, quits, starts again, and finds it unchanged. It drives the
// real app binary through tauri-driver and WebKitWebDriver (under Xvfb, see
// `make test-e2e`), on a library and data folder of its own.

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, writeFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { WebDriver, sleep } from './webdriver.mjs';

const root = path.resolve(import.meta.dirname, '..');
const app = path.join(root, 'target/debug/byline-app');
const cli = path.join(root, 'target/debug/byline');
const artifacts = path.join(root, 'target/e2e-artifacts');
const port = 4444 + Math.floor(Math.random() * 1000);

const home = mkdtempSync(path.join(tmpdir(), 'byline-e2e-'));
const library = path.join(home, 'library.sqlite');
let driverProcess;
const driver = new WebDriver(`http://127.0.0.1:${port}`);

before(async () => {
  mkdirSync(artifacts, { recursive: true });
  // XDG_DATA_HOME keeps the app's WebKit storage (language choice…) out of the
  // user's own; --library names the library itself.
  driverProcess = spawn('tauri-driver', ['--port', String(port), '--native-port', String(port + 1000)], {
    env: { ...process.env, XDG_DATA_HOME: path.join(home, 'data'), BYLINE_LIBRARY: '' },
    stdio: ['ignore', 'inherit', 'inherit'],
  });
  await driver.waitUntil('tauri-driver', async () => (await fetch(`http://127.0.0.1:${port}/status`)).ok);
});

after(async () => {
  await driver.quit().catch(() => {});
  driverProcess?.kill();
  rmSync(home, { recursive: true, force: true });
});

const HEADLINE = 'Đảng ủy xã An Thịnh tổng kết năm chuyển đổi số';
const BODY = 'Năm 2026, tỷ lệ hồ sơ trực tuyến đạt **trên 50%**.\n\nBà con thấy tiện lợi thì mới làm theo.';

async function openApp() {
  await driver.start(app, ['--library', library]);
  await driver.waitFor('[data-testid="article-list"]');
  await driver.waitUntil('the list to load', async () => (await driver.findAll('[data-testid="loading"]')).length === 0);
}

test('write an article, quit, start again: it is there unchanged', { timeout: 180000 }, async () => {
  await openApp();
  // A new library starts with the sample articles.
  assert.ok((await driver.findAll('[data-testid="article-item"]')).length >= 4);

  await driver.click(await driver.find('[data-testid="new-article"]'));
  await driver.typeInto('[data-testid="field-headline"]', HEADLINE);
  await driver.typeInto('[data-testid="field-body"]', BODY);

  const preview = await driver.find('[data-testid="preview"]');
  await driver.waitUntil('the preview to show the headline and the bold text', async () => {
    const html = await driver.property(preview, 'innerHTML');
    return html.includes(HEADLINE) && html.includes('<strong>trên 50%</strong>');
  });
  const status = await driver.find('[data-testid="save-status"]');
  await driver.waitUntil('the save', async () => (await driver.attribute(status, 'data-state')) === 'saved');

  const selected = await driver.waitUntil('the new article in the list', async () => {
    for (const item of await driver.findAll('[data-testid="article-item"]')) {
      if ((await driver.text(item)).includes(HEADLINE)) return item;
    }
  });
  const id = await driver.attribute(selected, 'data-id');
  writeFileSync(path.join(artifacts, 'journey-editor.png'), await driver.screenshot());
  await driver.quit();

  // What the app saved is on disk, in NFC, as the command line sees it.
  const saved = JSON.parse(execFileSync(cli, ['--library', library, 'show', id, '--json'], { encoding: 'utf8' }));
  assert.equal(saved.headline, HEADLINE.normalize('NFC'));
  assert.equal(saved.body, BODY.normalize('NFC'));

  await sleep(500);
  await openApp();
  const item = await driver.waitFor(`[data-testid="article-item"][data-id="${id}"]`);
  await driver.click(item);
  await driver.waitUntil('the article to load', async () =>
    (await driver.property(await driver.find('[data-testid="field-headline"]'), 'value')) === HEADLINE,
  );
  assert.equal(await driver.property(await driver.find('[data-testid="field-body"]'), 'value'), BODY);
  await driver.waitUntil('the preview after restart', async () =>
    (await driver.property(await driver.find('[data-testid="preview"]'), 'innerHTML')).includes('<strong>trên 50%</strong>'),
  );
  writeFileSync(path.join(artifacts, 'journey-restart.png'), await driver.screenshot());
  await driver.quit();
});
