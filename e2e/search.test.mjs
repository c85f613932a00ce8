// The library search journey: on a new library (which starts with the sample
// articles), a reporter writes a headline with Vietnamese tone marks, opens
// another article, then finds the first one again by typing without marks,
// as people type in a hurry. The result shows the accented words
// highlighted; clicking it opens the article in the editor. The same works
// for a sample article.

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { artifacts, startJourney } from './harness.mjs';

let journey;
let driver;

before(async () => {
  journey = await startJourney();
  ({ driver } = journey);
});

after(async () => journey?.close());

const HEADLINE = 'Quán triệt nghị quyết Đại hội Đảng bộ xã Yên Thủy';
const SAMPLE = 'Xã An Thịnh ra mắt mô hình “Dân vận khéo” trong chuyển đổi số';

/** The highlighted words, however the marks split them. */
const words = (marks) => marks.join(' ').replace(/\s+/g, ' ').trim();

/** An element as a script argument (the W3C element reference). */
const ref = (id) => ({ 'element-6066-11e4-a52e-4f735466cecf': id });

const headlineValue = async () => driver.property(await driver.find('[data-testid="field-headline"]'), 'value');

/** The row of the list (or of the results) whose text contains `text`. */
async function findItem(css, text) {
  return driver.waitUntil(`an item with "${text}"`, async () => {
    for (const item of await driver.findAll(css)) {
      if ((await driver.text(item)).includes(text)) return item;
    }
  });
}

/** Clears the search box (select all, delete) and types `text`. */
async function search(text) {
  const box = await driver.find('[data-testid="library-search"]');
  await driver.execute('const box = arguments[0]; box.focus(); box.select(); return 1;', [ref(box)]);
  await driver.type(box, '\uE003'); // Backspace
  if (text !== '') await driver.type(box, text);
}

/** The search hit for `headline`, once shown, with the text of its headline's marks. */
async function hitFor(headline) {
  return driver.waitUntil(`a search result for "${headline}"`, async () => {
    for (const hit of await driver.findAll('[data-testid="search-hit"]')) {
      const marks = await driver.execute(
        'const h = arguments[0].querySelector("[data-testid=hit-headline]");' +
          'return h && h.textContent.includes(arguments[1]) ? [...h.querySelectorAll("mark")].map((m) => m.textContent) : null;',
        [ref(hit), headline.normalize('NFC')],
      );
      if (marks) return { hit, marks };
    }
  });
}

test('find an article by typing its headline without tone marks', { timeout: 180000 }, async () => {
  await journey.openApp();
  // A new library starts with the sample articles, and says how many.
  assert.ok((await driver.findAll('[data-testid="article-item"]')).length >= 4);
  const total = await driver.text(await driver.find('[data-testid="library-total"]'));
  assert.match(total, /^\d+ bài$/);

  // Write a headline with tone marks and let it save.
  await journey.newArticle();
  await driver.typeInto('[data-testid="field-headline"]', HEADLINE);
  const status = await driver.find('[data-testid="save-status"]');
  await driver.waitUntil('the save', async () => (await driver.attribute(status, 'data-state')) === 'saved');
  await findItem('[data-testid="article-item"]', HEADLINE);

  // Open something else, so the search is what brings the article back.
  await driver.click(await findItem('[data-testid="article-item"]', 'Harbour town'));
  await driver.waitUntil('the sample in the editor', async () => (await headlineValue()).startsWith('Harbour town'));

  await search('quan triet');
  const { hit, marks } = await hitFor(HEADLINE);
  // The accented words, highlighted (one mark per word or one for the run).
  assert.equal(words(marks), 'Quán triệt');
  // Highlighted by the UI as text, never as markup from the article.
  assert.equal(
    await driver.execute('return arguments[0].querySelectorAll("img, script, b").length', [ref(hit)]),
    0,
  );
  writeFileSync(path.join(artifacts, 'search-results.png'), await driver.screenshot());

  await driver.click(hit);
  await driver.waitUntil('the found article in the editor', async () => (await headlineValue()) === HEADLINE);

  // A sample article, found the same way.
  await search('dan van kheo');
  const sample = await hitFor(SAMPLE);
  assert.equal(words(sample.marks), 'Dân vận khéo');
  await driver.click(sample.hit);
  await driver.waitUntil('the sample in the editor', async () => (await headlineValue()) === SAMPLE);

  // Emptying the box brings the list back.
  await search('');
  await driver.waitUntil('the list again', async () => (await driver.findAll('[data-testid="search-hit"]')).length === 0);
  await findItem('[data-testid="article-item"]', HEADLINE);
  writeFileSync(path.join(artifacts, 'search-list.png'), await driver.screenshot());
  await driver.quit();
});
