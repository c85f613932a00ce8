// The first journey: a reporter writes an article in Vietnamese, sees the
// preview follow, quits, starts again, and finds it unchanged. It drives the
// real app binary through tauri-driver and WebKitWebDriver (under Xvfb, see
// `make test-e2e`), on a library and data folder of its own.

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { sleep } from './webdriver.mjs';
import { artifacts, cli, startJourney } from './harness.mjs';

let journey;
let driver;
let library;

before(async () => {
  journey = await startJourney();
  ({ driver, library } = journey);
});

after(async () => journey?.close());

const openApp = () => journey.openApp();

const HEADLINE = 'Đảng ủy xã An Thịnh tổng kết năm chuyển đổi số';
const BODY = 'Năm 2026, tỷ lệ hồ sơ trực tuyến đạt **trên 50%**.\n\nBà con thấy tiện lợi thì mới làm theo.';

test('write an article, quit, start again: it is there unchanged', { timeout: 180000 }, async () => {
  await openApp();
  // A new library starts with the sample articles.
  assert.ok((await driver.findAll('[data-testid="article-item"]')).length >= 4);

  await journey.newArticle();
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
