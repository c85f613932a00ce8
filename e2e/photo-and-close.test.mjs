// The second journey: a reporter adds a photo with the desktop's file chooser
// (opened by the app, answered as a person would), gives it a
// caption and a credit, places it in the body and sees the figure in the
// preview; then types and closes the window within a second of the last
// keystroke, as a person closes it, and finds every word on reopening.

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { sleep } from './webdriver.mjs';
import { artifacts, cli, root, startJourney } from './harness.mjs';

const photo = path.join(root, 'samples/an-thinh/media/lop-huong-dan.jpg');
let journey;
let driver;
let library;

before(async () => {
  journey = await startJourney();
  ({ driver, library } = journey);
});

after(async () => journey?.close());

const openApp = () => journey.openApp();

const previewHtml = async () => driver.property(await driver.find('[data-testid="preview"]'), 'innerHTML');

test('a photo with caption and credit, then close within a second of typing', { timeout: 180000 }, async () => {
  await openApp();
  await journey.newArticle();
  await driver.typeInto('[data-testid="field-headline"]', 'Lớp học kỹ năng số ở thôn Đông');

  // "Add photos" opens the desktop's file chooser; a person picks the photo.
  await driver.click(await driver.find('[data-testid="photo-add"]'));
  journey.chooseInDialog('Chọn ảnh (JPEG, PNG, WebP)', photo);
  await driver.typeInto('[data-testid="photo-caption"]', 'Đoàn viên hướng dẫn người cao tuổi dùng ứng dụng.');
  await driver.typeInto('[data-testid="photo-credit"]', 'Thu Hà');
  await driver.click(await driver.find('[data-testid="photo-insert"]'));

  await driver.waitUntil('the figure with its caption and credit in the preview', async () => {
    const html = await previewHtml();
    return (
      /<figure><img src="byline:\/\/localhost\/photo\/[0-9a-f]{64}\?w=1200"/.test(html) &&
      html.includes('<figcaption>Đoàn viên hướng dẫn người cao tuổi dùng ứng dụng. <span class="credit">Thu Hà</span></figcaption>')
    );
  });
  // The photo itself arrives through the byline: scheme and is drawn upright.
  const size = await driver.execute(
    'const img = document.querySelector("[data-testid=preview] figure img"); return img && img.complete ? [img.naturalWidth, img.naturalHeight] : null;',
  );
  assert.deepEqual(size, [1200, 800]);
  writeFileSync(path.join(artifacts, 'photo-preview.png'), await driver.screenshot());

  const status = await driver.find('[data-testid="save-status"]');
  await driver.waitUntil('the save', async () => (await driver.attribute(status, 'data-state')) === 'saved');
  const item = await driver.waitUntil('the article in the list', async () => {
    for (const el of await driver.findAll('[data-testid="article-item"]')) {
      if ((await driver.text(el)).includes('Lớp học kỹ năng số')) return el;
    }
  });
  const id = await driver.attribute(item, 'data-id');

  // Type, and close the window at once: the close itself must save.
  const LAST = 'Câu cuối gõ ngay trước khi đóng cửa sổ.';
  await driver.typeInto('[data-testid="field-sapo"]', LAST);
  journey.closeWindow();
  await driver.waitUntil('the app to exit', async () => {
    try {
      await driver.find('body');
      return false;
    } catch {
      return true;
    }
  });
  await driver.quit().catch(() => {});

  const saved = JSON.parse(execFileSync(cli, ['--library', library, 'show', id, '--json'], { encoding: 'utf8' }));
  assert.equal(saved.sapo, LAST);
  assert.equal(saved.photos.length, 1);
  assert.equal(saved.photos[0].caption, 'Đoàn viên hướng dẫn người cao tuổi dùng ứng dụng.');
  assert.equal(saved.photos[0].credit, 'Thu Hà');

  await sleep(500);
  await openApp();
  await driver.click(await driver.waitFor(`[data-testid="article-item"][data-id="${id}"]`));
  await driver.waitUntil('the sapo after reopening', async () =>
    (await driver.property(await driver.find('[data-testid="field-sapo"]'), 'value')) === LAST,
  );
  await driver.quit();
});
