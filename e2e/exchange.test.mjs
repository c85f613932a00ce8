// A hand-off between two libraries. In library A (a new library, with the
// sample articles), a reporter opens the sample article and exports it as a
// hand-off package through the export dialog, watching the progress bar
// fill, into a folder picked in the desktop's own folder chooser (which the
// app opens from Rust; the page names no folder). Library B (made by
// `byline synthetic`, so without the samples) imports that .zip through the
// library's "Import package…" button and the desktop's file chooser, says
// "created", and opens the article: its headline, sapo and body read the
// same as in A. Then the package and a photo are dropped on B's window
// (XDND, as from a file manager): the package changes nothing, the photo
// joins the article.

import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { artifacts, root, startJourney } from './harness.mjs';
import { sleep } from './webdriver.mjs';

const SAMPLE = 'Xã An Thịnh ra mắt mô hình “Dân vận khéo” trong chuyển đổi số';

// Outlives both journeys: A writes the package here, B reads it.
const outside = mkdtempSync(path.join(tmpdir(), 'byline-exchange-'));
// A folder with a Vietnamese name, typed into the chooser letter by letter.
const folder = path.join(outside, 'Xuất bản');
mkdirSync(folder);
/** The choosers' titles, as the Vietnamese UI names them. */
const FOLDER_CHOOSER = 'Chọn thư mục lưu bài xuất';
const PACKAGE_CHOOSER = 'Chọn gói .zip để nhập';

let journey;
/** What library A showed, to compare with what B imported. */
let sent;
let zipPath;

after(async () => {
  await journey?.close();
  rmSync(outside, { recursive: true, force: true });
});

/** The text of the first element matching `css`, in NFC (WebKitWebDriver does not keep the page's form). */
async function textOf(driver, css) {
  return (await driver.property(await driver.find(css), 'textContent')).normalize('NFC');
}

/** Headline, sapo and body as the editor shows them (the body line by line, as CodeMirror draws it). */
async function editorText(driver) {
  const value = async (css) => (await driver.property(await driver.find(css), 'value')).normalize('NFC');
  const body = await driver.execute(
    `return [...document.querySelectorAll('[data-testid="field-body"] .cm-line')].map((line) => line.textContent).join('\\n');`,
  );
  return {
    headline: await value('[data-testid="field-headline"]'),
    sapo: await value('[data-testid="field-sapo"]'),
    body: body.normalize('NFC'),
  };
}

const shot = async (driver, name) => writeFileSync(path.join(artifacts, name), await driver.screenshot());

test('library A: export the sample article as a hand-off package, with progress', { timeout: 240000 }, async () => {
  journey = await startJourney();
  const { driver } = journey;
  await journey.openApp();

  // Open the sample article from the list.
  const row = await driver.waitUntil('the sample article in the list', async () => {
    for (const item of await driver.findAll('[data-testid="article-item"]')) {
      if ((await driver.property(item, 'textContent')).normalize('NFC').includes(SAMPLE)) return item;
    }
  });
  const id = await driver.attribute(row, 'data-id');
  await driver.click(row);
  await driver.waitUntil('the sample article in the editor', async () => {
    const editor = await driver.find('[data-testid="editor"]');
    return (await driver.attribute(editor, 'data-article-id')) === id;
  });
  await driver.waitUntil('its headline in the field', async () => (await editorText(driver)).headline === SAMPLE);
  sent = { id, ...(await editorText(driver)) };
  assert.ok(sent.sapo.startsWith('Sáng 14/3, Đảng ủy xã An Thịnh'), sent.sapo);
  assert.ok(sent.body.includes('tổ công nghệ số cộng đồng'), sent.body);

  // The export dialog: the hand-off package, into the journey's folder.
  await driver.click(await driver.find('[data-testid="export-open"]'));
  await driver.waitFor('[data-testid="export-dialog"]');
  assert.equal(await driver.property(await driver.find('[data-testid="export-scope-article"]'), 'checked'), true);
  await driver.click(await driver.find('[data-testid="export-format-handoff"]'));
  const folderShown = async () => (await textOf(driver, '[data-testid="export-folder"]')).normalize('NFC');
  await driver.waitUntil('the proposed folder', async () => (await folderShown()).endsWith('/Byline'));
  // The desktop's folder chooser: Cancel keeps the folder, a choice replaces it.
  await driver.click(await driver.find('[data-testid="export-folder-choose"]'));
  journey.cancelDialog(FOLDER_CHOOSER);
  await driver.waitUntil('the chooser to be done', async () =>
    driver.property(await driver.find('[data-testid="export-folder-choose"]'), 'disabled').then((d) => !d),
  );
  assert.ok((await folderShown()).endsWith('/Byline'), await folderShown());
  await driver.click(await driver.find('[data-testid="export-folder-choose"]'));
  journey.chooseInDialog(FOLDER_CHOOSER, folder, 'exchange-folder-chooser.png');
  await driver.waitUntil('the chosen folder in the dialog', async () => (await folderShown()) === folder.normalize('NFC'));
  await driver.click(await driver.find('[data-testid="export-start"]'));

  // The progress bar is shown and ends full, with the final count and the folder.
  await driver.waitFor('[data-testid="export-progress"]');
  await driver.waitFor('[data-testid="export-result"]', 60000);
  const bar = await driver.find('[data-testid="export-progress"]');
  const max = Number(await driver.property(bar, 'max'));
  const value = Number(await driver.property(bar, 'value'));
  assert.equal(max, 1);
  assert.equal(value, max, 'the bar reaches its max');
  assert.equal(await textOf(driver, '[data-testid="export-progress-text"]'), `1/1 — ${SAMPLE}`);
  const result = await textOf(driver, '[data-testid="export-result"]');
  assert.ok(result.includes(`Đã xuất 1 bài vào ${folder.normalize('NFC')}`), result);
  assert.equal((await driver.findAll('[data-testid="export-error"]')).length, 0);
  await shot(driver, 'exchange-export-dialog.png');

  const zips = readdirSync(folder).filter((name) => name.endsWith('.zip'));
  assert.deepEqual(zips, ['xa-an-thinh-ra-mat-mo-hinh-dan-van-kheo-trong-chuyen-doi-so.zip']);
  zipPath = path.join(folder, zips[0]);

  await driver.click(await driver.find('[data-testid="export-close"]'));
  await driver.waitUntil('the dialog to close', async () => (await driver.findAll('[data-testid="export-dialog"]')).length === 0);
  await journey.close();
  journey = null;
});

test('library B, without the samples: import the package, the same article', { timeout: 240000 }, async () => {
  assert.ok(zipPath && existsSync(zipPath), 'library A wrote the package');
  journey = await startJourney({ synthetic: 1 });
  const { driver } = journey;
  await journey.openApp();
  for (const item of await driver.findAll('[data-testid="article-item"]')) {
    assert.ok(!(await driver.property(item, 'textContent')).normalize('NFC').includes(SAMPLE), 'B has no sample article');
  }

  // "Import package…" opens the desktop's file chooser; a person picks the file.
  await driver.click(await driver.find('[data-testid="import-package"]'));
  journey.chooseInDialog(PACKAGE_CHOOSER, zipPath);
  const notice = await driver.waitFor('[data-testid="import-notice"]', 60000);
  assert.equal(await driver.attribute(notice, 'data-outcome'), 'created');
  assert.equal(await textOf(driver, '[data-testid="import-notice"] span'), 'Đã tạo bài mới');

  // The article is opened, and reads as it did in A.
  await driver.waitUntil('the imported article in the editor', async () => {
    const editor = await driver.find('[data-testid="editor"]');
    return (await driver.attribute(editor, 'data-article-id')) === sent.id;
  });
  await driver.waitUntil('its headline in the field', async () => (await editorText(driver)).headline === SAMPLE);
  const got = await editorText(driver);
  assert.equal(got.headline, sent.headline);
  assert.equal(got.sapo, sent.sapo);
  assert.equal(got.body, sent.body);
  // And the list has it.
  await driver.waitUntil('the imported article in the list', async () => {
    for (const item of await driver.findAll('[data-testid="article-item"]')) {
      if ((await driver.attribute(item, 'data-id')) === sent.id) return true;
    }
  });
  // The photos came in the package too: the preview shows them.
  await driver.waitUntil('the preview photos to load', async () =>
    driver.execute(
      `const images = [...document.querySelectorAll('[data-testid="preview"] img')];
       return images.length === 2 && images.every((img) => img.complete && img.naturalWidth > 0);`,
    ),
  );
  // For the screenshot only: WebKit paints a photo a moment after it reports it loaded.
  await sleep(1500);
  await shot(driver, 'exchange-imported-article.png');

  // Dropped on the window: the window system hands the files to the app,
  // which imports the package again (nothing new) and adds the photo.
  const photos = async () => (await driver.findAll('[data-testid="photo-item"]')).length;
  assert.equal(await photos(), 2);
  journey.dropOnWindow(zipPath);
  await driver.waitUntil('the dropped package, unchanged', async () =>
    (await driver.attribute(await driver.find('[data-testid="import-notice"]'), 'data-outcome')) === 'unchanged',
  );
  journey.dropOnWindow(path.join(root, 'icons/128x128.png'));
  await driver.waitUntil('the dropped photo in the article', async () => (await photos()) === 3);
});
