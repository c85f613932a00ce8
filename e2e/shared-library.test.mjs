// The library open in the app is written by the `byline` command meanwhile,
// as a desk's script or a colleague's import would: what the command wrote
// shows up in the app without restarting it (the list; the open article,
// when nothing typed in the app waits to be saved), and what the app and the
// command write at the same time all lands.

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFile, execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { artifacts, cli, startJourney } from './harness.mjs';

let journey;
let driver;

before(async () => {
  journey = await startJourney();
  ({ driver } = journey);
});

after(async () => journey?.close());

/** The article the first test makes with the command. */
const made = { id: '', headline: 'Tin viết bằng dòng lệnh khi ứng dụng đang mở' };

/** The `byline` command on the journey's library; what it printed. */
const byline = (...args) => execFileSync(cli, ['--library', journey.library, ...args], { encoding: 'utf8' });

/** The list row of article `id`, once it is there. */
function rowOf(id, ms = 30000) {
  return driver.waitUntil(
    `article ${id} in the list`,
    async () => {
      for (const item of await driver.findAll('[data-testid="article-item"]')) {
        if ((await driver.attribute(item, 'data-id')) === id) return item;
      }
    },
    ms,
  );
}

async function rowWithText(text) {
  return driver.waitUntil(`a row with "${text}"`, async () => {
    for (const item of await driver.findAll('[data-testid="article-item"]')) {
      if ((await driver.text(item)).includes(text)) return item;
    }
  });
}

const fieldValue = async (name) => driver.property(await driver.find(`[data-testid="field-${name}"]`), 'value');

test('an article the byline command creates appears in the open list', { timeout: 180000 }, async () => {
  await journey.openApp();
  made.id = byline('new', '--headline', made.headline).trim();
  const row = await rowOf(made.id);
  assert.ok((await driver.text(row)).includes(made.headline));
  writeFileSync(path.join(artifacts, 'shared-library-list.png'), await driver.screenshot());
});

test('the open article, changed by the byline command, shows the change', { timeout: 180000 }, async () => {
  const { id, headline } = made;
  assert.ok(id, 'the first test made the article');
  await driver.click(await rowOf(id));
  await driver.waitUntil('the article in the editor', async () => {
    const editor = await driver.find('[data-testid="editor"]');
    return (await driver.attribute(editor, 'data-article-id')) === id && (await fieldValue('headline')) === headline;
  });

  // Nothing is typed in the app: the article file the command prints, with
  // another headline, imported back (the file names the article's id).
  const changed = 'Tin dòng lệnh, sửa lại bằng dòng lệnh khi bài đang mở';
  const file = path.join(journey.home, 'changed.md');
  const text = byline('show', id);
  assert.match(text, /^headline: /m);
  writeFileSync(file, text.replace(/^headline: .*$/m, `headline: ${changed}`));
  byline('import', file);

  await driver.waitUntil('the editor to show the headline changed outside', async () => (await fieldValue('headline')) === changed);
  const notice = await driver.find('[data-testid="import-notice"]');
  assert.equal(await driver.attribute(notice, 'data-kind'), 'reloaded');
  assert.ok((await driver.text(notice)).startsWith('Bài này vừa được cập nhật từ bên ngoài ứng dụng.'));
  await rowWithText(changed);
  writeFileSync(path.join(artifacts, 'shared-library-reloaded.png'), await driver.screenshot());
});

test('the app and the command writing at once: every write lands', { timeout: 180000 }, async () => {
  const id = await journey.newArticle();
  const typed = 'Bài gõ trong ứng dụng trong lúc dòng lệnh cũng ghi';
  const run = promisify(execFile);
  // Three articles from the command while the headline is typed and saved.
  const writes = Promise.all(
    [1, 2, 3].map((n) => run(cli, ['--library', journey.library, 'new', '--headline', `Tin song song số ${n}`])),
  );
  await driver.typeInto('[data-testid="field-headline"]', typed);
  const ids = (await writes).map(({ stdout }) => stdout.trim());
  const status = await driver.find('[data-testid="save-status"]');
  await driver.waitUntil('the save', async () => (await driver.attribute(status, 'data-state')) === 'saved');

  assert.match(byline('show', id), new RegExp(`^headline: ${typed}$`, 'm'));
  for (const other of ids) await rowOf(other);
  // What is in the editor is still what was typed.
  assert.equal(await fieldValue('headline'), typed);
});
