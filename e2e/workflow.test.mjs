// The editorial workflow, as a reporter and an editor sharing one library: the
// reporter says who they are on first start and submits; switching the
// profile to an editor, the editor comments on a quoted sentence and requests
// changes; the reporter fixes the article and submits again; the editor
// compares the two submissions and approves. The command line then reads the
// same history.

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { artifacts, cli, startJourney } from './harness.mjs';
import { sleep } from './webdriver.mjs';

let journey;
let driver;

before(async () => {
  // No profile: this journey answers the first-start prompt itself.
  journey = await startJourney({ profile: null });
  ({ driver } = journey);
});

after(async () => journey?.close());

const HEADLINE = 'Thôn Đông làm đường liên xã bằng sức dân';
const SAPO = 'Người dân thôn Đông góp công, góp đất để làm 3 km đường bê tông liên xã trong 2 tháng.';
const QUOTE = 'Bà con thấy tiện lợi thì mới làm theo.';
const BODY = `Con đường mới nối thôn Đông với trung tâm xã. ${QUOTE}\n\nCông trình hoàn thành trước Tết.`;
const SOURCE = ' Theo ông Lò Văn Pọm, trưởng thôn Đông.';

/**
 * The text of the first element matching `css`, in NFC. (WebKitWebDriver's
 * "element text" does not keep the page's normalisation form.)
 */
async function textOf(css) {
  return (await driver.property(await driver.find(css), 'textContent')).normalize('NFC');
}

const shot = async (name) => writeFileSync(path.join(artifacts, name), await driver.screenshot());

async function status() {
  return driver.attribute(await driver.find('[data-testid="workflow-status"]'), 'data-status');
}

/** Clicks a workflow button, fills the note if given, confirms, and waits for the new state. */
async function move(to, note = '') {
  await driver.click(await driver.waitFor(`[data-testid="move-${to}"]`));
  await driver.waitFor('[data-testid="move-dialog"]');
  if (note) await driver.typeInto('[data-testid="move-note"]', note);
  await driver.click(await driver.find('[data-testid="move-confirm"]'));
  await driver.waitUntil(`the article to become ${to}`, async () => (await status()) === to);
}

/** Says who is at the keyboard, through the dialog the top bar opens. */
async function switchProfile(name, role) {
  await driver.click(await driver.find('[data-testid="profile-button"]'));
  const field = await driver.waitFor('[data-testid="profile-dialog"] [data-testid="profile-name"]');
  await driver.clear(field);
  await driver.type(field, name);
  await driver.click(await driver.find(`[data-testid="profile-role-${role}"]`));
  await driver.click(await driver.find('[data-testid="profile-save"]'));
  await driver.waitUntil('the profile dialog to close', async () =>
    (await driver.findAll('[data-testid="profile-dialog"]')).length === 0,
  );
  await driver.waitUntil(`the top bar to name ${name}`, async () =>
    (await textOf('[data-testid="profile-button"]')).includes(name),
  );
}

async function sideTab(id) {
  await driver.click(await driver.find(`[data-testid="side-tab-${id}"]`));
}

test('submit, comment on a sentence, request changes, fix, resubmit, compare, approve', { timeout: 300000 }, async () => {
  await journey.openApp({ waitForList: false });

  // First start: the app asks who is at the keyboard, and nothing else can be done until then.
  await driver.waitFor('[data-testid="profile-dialog"]');
  await shot('workflow-profile-prompt.png');
  await driver.type(await driver.find('[data-testid="profile-name"]'), 'Duy Huy');
  await driver.click(await driver.find('[data-testid="profile-role-reporter"]'));
  await driver.click(await driver.find('[data-testid="profile-save"]'));
  await driver.waitUntil('the profile dialog to close', async () =>
    (await driver.findAll('[data-testid="profile-dialog"]')).length === 0,
  );
  await driver.waitFor('[data-testid="article-list"]');
  await driver.waitUntil('the list to load', async () => (await driver.findAll('[data-testid="loading"]')).length === 0);

  // The reporter writes the article.
  const id = await journey.newArticle();
  await driver.typeInto('[data-testid="field-headline"]', HEADLINE);
  await driver.typeInto('[data-testid="field-sapo"]', SAPO);
  await driver.typeInto('[data-testid="field-body"]', BODY);
  await driver.click(await driver.find('[data-testid="field-category"] option[value="Xã hội"]'));
  await driver.typeInto('[data-testid="field-byline"]', 'Duy Huy');

  // The checklist beside the article has nothing blocking left.
  await sideTab('checklist');
  await driver.waitUntil('the checklist without blocking findings', async () => {
    const panel = await driver.findAll('[data-testid="checklist-panel"]');
    if (panel.length === 0) return false;
    return (await driver.findAll('[data-testid="checklist-item"][data-severity="blocking"]')).length === 0;
  });
  assert.equal(await status(), 'draft');
  await move('submitted');
  await shot('workflow-submitted.png');

  // The editor takes over the same library.
  await switchProfile('Thu Hà', 'editor');
  await move('in_review');

  // Select the quoted sentence in the body, as a mouse would, and comment on it.
  await driver.execute(
    `const content = document.querySelector('[data-testid="field-body"] .cm-content') ?? document.querySelector('[data-testid="field-body"]');
     content.focus();
     const walker = document.createTreeWalker(content, NodeFilter.SHOW_TEXT);
     for (let node = walker.nextNode(); node; node = walker.nextNode()) {
       const at = node.data.indexOf(arguments[0]);
       if (at >= 0) {
         const range = document.createRange();
         range.setStart(node, at);
         range.setEnd(node, at + arguments[0].length);
         const selection = window.getSelection();
         selection.removeAllRanges();
         selection.addRange(range);
         return true;
       }
     }
     throw new Error('quote not in the body');`,
    [QUOTE],
  );
  const button = await driver.find('[data-testid="comment-selection"]');
  await driver.waitUntil('the comment button to allow the selection', async () =>
    (await driver.property(button, 'disabled')) === false,
  );
  await driver.click(button);
  await driver.waitUntil('the quote in the comment form', async () =>
    (await textOf('[data-testid="comment-quote"]')).includes(QUOTE),
  );
  await driver.typeInto('[data-testid="comment-input"]', 'Ai nói câu này? Ghi rõ nguồn.');
  await driver.click(await driver.find('[data-testid="comment-submit"]'));
  await driver.waitFor('[data-testid="comment-item"]');
  assert.match(await textOf('[data-testid="comment-item"]'), /Ghi rõ nguồn/);
  assert.match(await textOf('[data-testid="comment-item"]'), /Bà con thấy tiện lợi/);
  await shot('workflow-comment.png');

  await move('changes_requested', 'Thêm nguồn cho câu trích dẫn.');

  // Back to the reporter: the comment is there; add the source and resubmit.
  await switchProfile('Duy Huy', 'reporter');
  await sideTab('comments');
  await driver.waitFor('[data-testid="comment-item"][data-outdated="false"]');
  // The caret at the end of the body (where a click after the last word
  // puts it), then type.
  await driver.execute(
    `const content = document.querySelector('[data-testid="field-body"]');
     content.focus();
     const walker = document.createTreeWalker(content, NodeFilter.SHOW_TEXT);
     let last = null;
     for (let node = walker.nextNode(); node; node = walker.nextNode()) last = node;
     const range = document.createRange();
     range.setStart(last, last.data.length);
     range.collapse(true);
     const selection = window.getSelection();
     selection.removeAllRanges();
     selection.addRange(range);`,
  );
  await sleep(300);
  await driver.type(await driver.find('[data-testid="field-body"]'), SOURCE);
  await move('submitted');
  // The comment still points at its sentence.
  await driver.waitFor('[data-testid="comment-item"][data-outdated="false"]');

  // The editor compares the two submissions and approves.
  await switchProfile('Thu Hà', 'editor');
  await sideTab('history');
  const compare = await driver.waitFor('[data-testid="compare-submissions"]');
  await driver.click(compare);
  const diff = await driver.waitFor('[data-testid="diff-view"] [data-testid="diff-field"][data-field="body"]');
  const body = await driver.property(await driver.find('[data-testid="field-body"]'), 'textContent');
  assert.ok(body.normalize('NFC').includes(QUOTE), 'the quote is still in the body');
  await driver.waitUntil('the added source in the diff', async () => {
    const html = await driver.property(diff, 'innerHTML');
    return /<ins[^>]*>[^<]*Lò[^<]*<\/ins>/.test(html) || html.includes('<ins>Lò');
  });
  await shot('workflow-diff.png');
  await move('in_review');
  await move('approved');
  await shot('workflow-approved.png');

  // The command line reads the same history, in order, with who did what.
  const history = JSON.parse(
    execFileSync(cli, ['--library', journey.library, 'history', id, '--json'], { encoding: 'utf8' }),
  );
  const moves = history.filter((e) => e.kind === 'transition').map((e) => [e.actor, e.to]);
  assert.deepEqual(moves, [
    ['Duy Huy', 'submitted'],
    ['Thu Hà', 'in_review'],
    ['Thu Hà', 'changes_requested'],
    ['Duy Huy', 'submitted'],
    ['Thu Hà', 'in_review'],
    ['Thu Hà', 'approved'],
  ]);
  const comments = history.filter((e) => e.kind === 'comment');
  assert.equal(comments.length, 1);
  assert.equal(comments[0].quote, QUOTE);
  assert.equal(comments[0].actor, 'Thu Hà');
  const submissions = history.filter((e) => e.kind === 'transition' && e.to === 'submitted');
  assert.ok(submissions[1].revision > submissions[0].revision, 'each submission points at its own text');
  await driver.quit();
});
