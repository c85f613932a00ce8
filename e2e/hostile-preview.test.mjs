// Hostile text in the app itself. The preview shows HTML made from the
// article inside the window that may call Byline's commands, so a script
// that ran there could do anything the app can. Every vector of
// `hostile-vectors.json` reaches the real app three ways:
//
// 1. Front matter: before the app opens, `byline import` reads one article
//    file per vector with the vector as the value of every field (headline,
//    sapo, body, byline, author, keywords, category, editor's note, the
//    photo's caption, credit and alt). The journey opens each article and
//    lets the preview render it.
// 2. The editor: a new article gets every vector at once, set into the
//    fields as the UI's own input events would (headline, sapo, byline,
//    editor's note, the photo's caption, credit and alt; keywords one by one
//    with Enter; the body pasted), and the live preview renders them unsaved.
// 3. Package JSON: a hand-off package whose `comments.json` holds every
//    vector as a comment (some as the commenter's name) and as the note and
//    override reason of a move, imported with `byline import X.zip`; the
//    comments and history panels show them.
//
// After each, in the webview (WebDriver `execute`): no sink fired (the
// vectors call `alert`, set `window.__pwned` or `document.title`, navigate,
// or fetch), no alert is open, the page was not navigated or reloaded; the
// preview holds only the elements and attributes render.rs makes, no `on*`
// attribute, no `<img>` with a web address, no URL with a scheme other
// than http(s), mailto and tel (the photos' byline: URLs excepted), and a
// web image the article's body names shown as a link to it; no CSP
// violation at all (render.rs makes a web image a link, so nothing remote
// is even tried), and nothing from outside the app in the resource timings.

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { createHash, randomUUID } from 'node:crypto';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { sleep } from './webdriver.mjs';
import { vectors, slugOf, markerOf, PHOTO, png, articleFile } from './hostile-corpus.mjs';
import { artifacts, cli, startJourney } from './harness.mjs';

const PACKAGE_HEADLINE = 'Gói bàn giao mang mọi vectơ';

/** Every vector as its own paragraph, each after its marker. */
const allInOneBody = () => vectors.map((v, i) => `${markerOf(i)}\n\n${v.text}`).join('\n\n');

/**
 * A hand-off package for `id` (in `library`) whose comments.json holds every
 * vector: as a comment's text (every seventh also as the commenter's name),
 * and as the note of a move (every fifth also as the override reason). The
 * package is exported by Byline, then comments.json is replaced and the
 * manifest's size and SHA-256 for it made to match, as a hostile sender
 * would do.
 */
function hostilePackage(byline, id, folder) {
  const exported = path.join(folder, 'exported.zip');
  byline('--as', 'Thu Hà', '--role', 'editor', 'export', id, '--format', 'handoff', '--out', exported);
  const unzipped = path.join(folder, 'package');
  // Python's zipfile: python3 is on every machine `make test` prepares
  // (x11.py needs it), zip and unzip are not.
  execFileSync('python3', ['-m', 'zipfile', '-e', exported, unzipped]);
  const log = JSON.parse(readFileSync(path.join(unzipped, 'comments.json'), 'utf8'));
  const at = (i) => new Date(Date.UTC(2024, 4, 6, 1, 0, i)).toISOString();
  log.comments = vectors.map((v, i) => ({
    id: randomUUID(),
    at: at(i),
    actor: i % 7 === 0 ? v.text : 'Thu Hà',
    role: 'editor',
    body: v.text,
    target: null,
    anchor: null,
    resolved_at: null,
    resolved_by: null,
  }));
  // Withdrawn and submitted in turn: the history shows every move.
  log.transitions = vectors.map((v, i) => ({
    at: at(i),
    actor: 'Duy Huy',
    role: 'reporter',
    from: i % 2 === 0 ? 'draft' : 'submitted',
    to: i % 2 === 0 ? 'submitted' : 'draft',
    note: v.text,
    override: i % 5 === 0 ? v.text : null,
    revision: null,
  }));
  const comments = Buffer.from(JSON.stringify(log, null, 2));
  writeFileSync(path.join(unzipped, 'comments.json'), comments);
  const manifest = JSON.parse(readFileSync(path.join(unzipped, 'manifest.json'), 'utf8'));
  const entry = manifest.files.find((f) => f.path === 'comments.json');
  entry.size = comments.length;
  entry.sha256 = createHash('sha256').update(comments).digest('hex');
  writeFileSync(path.join(unzipped, 'manifest.json'), JSON.stringify(manifest, null, 2));
  const zip = path.join(folder, 'hostile-handoff.zip');
  // The same names at the top of the zip (and a plain media/ folder entry,
  // which the format allows).
  execFileSync('python3', ['-m', 'zipfile', '-c', zip, ...readdirSync(unzipped)], { cwd: unzipped });
  return zip;
}

let journey;
let driver;
let scratch;
/** Vector articles as the library lists them (most recently changed first): [{ i, id }]. */
let articles;
let packageArticle;
let pngPath;

before(async () => {
  journey = await startJourney();
  ({ driver } = journey);
  scratch = mkdtempSync(path.join(tmpdir(), 'byline-hostile-preview-'));
  const bylineIn =
    (library) =>
    (...args) =>
      execFileSync(cli, ['--library', library, ...args], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
  const byline = bylineIn(journey.library);

  // The journey's library, before the app first opens: one article per vector.
  const folder = path.join(scratch, 'articles');
  mkdirSync(path.join(folder, 'media'), { recursive: true });
  pngPath = path.join(folder, PHOTO);
  writeFileSync(pngPath, png(64, 48));
  vectors.forEach((v, i) => writeFileSync(path.join(folder, `${slugOf(i)}.md`), articleFile(v, i)));
  byline('import', folder);
  const bySlug = new Map(vectors.map((_, i) => [slugOf(i), i]));
  articles = JSON.parse(byline('list', '--json'))
    .filter((a) => bySlug.has(a.slug))
    .map((a) => ({ i: bySlug.get(a.slug), id: a.id }));
  assert.equal(articles.length, vectors.length, 'every vector article was imported');

  // The package comes from another library, so importing it creates the article.
  const other = bylineIn(path.join(scratch, 'other.sqlite'));
  // Beside the photo, which one vector names in the body.
  const carrier = path.join(folder, 'goi.md');
  writeFileSync(
    carrier,
    `---\nheadline: ${JSON.stringify(PACKAGE_HEADLINE)}\nsapo: ${JSON.stringify(vectors.map((v) => v.text).join(' '))}\n---\n\n${allInOneBody()}\n`,
  );
  const [carrierId] = other('import', carrier).trim().split('\n');
  const zip = hostilePackage(other, carrierId, scratch);
  const imported = byline('import', zip).trim();
  assert.equal(imported, `${carrierId}  created`);
  packageArticle = carrierId;
  await journey.openApp();
  await arm();
});

after(async () => {
  await journey?.close();
  if (scratch) rmSync(scratch, { recursive: true, force: true });
});

/**
 * Sets up, in the webview, what the checks compare against: a guard that a
 * navigation or reload would wipe, the title and address as they are, the
 * CSP violations from now on, and room for every resource timing.
 */
async function arm() {
  await driver.execute(`
    const count = (css) => document.querySelectorAll(css).length;
    window.__hostileGuard = {
      title: document.title,
      href: location.href,
      violations: [],
      // What the app itself has; markup that got through would add to it.
      counts: Object.fromEntries(
        ['script', 'meta', 'link', 'style', 'iframe, frame, frameset, object, embed, applet, portal, base'].map((css) => [css, count(css)]),
      ),
    };
    document.addEventListener('securitypolicyviolation', (e) =>
      window.__hostileGuard.violations.push({ directive: e.effectiveDirective || e.violatedDirective, blocked: e.blockedURI }));
    performance.setResourceTimingBufferSize(100000);
    performance.clearResourceTimings();
  `);
}

/**
 * Runs in the webview: everything wrong so far, in the preview (`preview`
 * true) and in the page as a whole. `remoteImages` are the web images every
 * vector names, `links` those of them the preview must show as links.
 * Clears what it has read (violations, timings), so each call speaks of
 * what happened since the last.
 */
function webviewProblems(preview, remoteImages, links) {
  const problems = [];
  const guard = window.__hostileGuard;
  if (!guard) return { problems: ['the page was navigated or reloaded (the guard is gone)'], violations: [] };
  if (window.__pwned !== undefined) problems.push(`window.__pwned = ${window.__pwned}`);
  if (document.title !== guard.title) problems.push(`document.title is now ${document.title}`);
  if (location.href !== guard.href) problems.push(`the address is now ${location.href}`);
  // Anywhere in the window: Svelte sets no on* attribute, and the app's own
  // scripts, styles, metas and frames (none) were counted when armed.
  for (const el of document.querySelectorAll('*')) {
    for (const { name } of el.attributes) if (name.startsWith('on')) problems.push(`<${el.localName} ${name}>`);
  }
  for (const [css, n] of Object.entries(guard.counts)) {
    const found = document.querySelectorAll(css).length;
    if (found !== n) problems.push(`${found} × ${css} (the app has ${n})`);
  }
  // No image from the web anywhere in the window (a protocol-relative one
  // resolves to tauri://host/… here, so the address as written is checked too).
  for (const img of document.querySelectorAll('img')) {
    const src = img.getAttribute('src') ?? '';
    const bare = src.replace(/[\u0000-\u0020]/g, '');
    let protocol = '';
    try {
      protocol = new URL(src, location.href).protocol;
    } catch {}
    if (/^(https?:)?[\\/]{2}/i.test(bare) || ['http:', 'https:'].includes(protocol)) {
      problems.push(`a web image: <img src="${src.slice(0, 80)}">`);
    }
  }

  if (preview) {
    const root = document.querySelector('[data-testid="preview"]');
    // What render.rs's template and sanitiser can make.
    const TAGS = new Set(
      ('article h1 h2 h3 h4 h5 h6 p time strong em del figure img figcaption span div section ul ol li a code pre ' +
        'blockquote table thead tbody tr th td sup hr br').split(' '),
    );
    const ATTRIBUTES = new Set('href src alt title id class align lang rel datetime start'.split(' '));
    for (const el of root.querySelectorAll('*')) {
      const tag = el.localName;
      if (el.namespaceURI !== 'http://www.w3.org/1999/xhtml') problems.push(`preview: <${tag}> in ${el.namespaceURI}`);
      if (!TAGS.has(tag)) problems.push(`preview: <${tag}>`);
      for (const { name, value } of el.attributes) {
        if (!ATTRIBUTES.has(name)) problems.push(`preview: <${tag} ${name}="${value.slice(0, 60)}">`);
        if (name !== 'href' && name !== 'src') continue;
        let url;
        try {
          url = new URL(value, location.href);
        } catch {
          continue; // Not a URL the webview would follow either.
        }
        const ok =
          ['http:', 'https:', 'mailto:', 'tel:'].includes(url.protocol) ||
          // A relative address stays inside the app's own origin.
          url.origin === location.origin ||
          // The article's photos, which render.rs puts in after its checks.
          (tag === 'img' && /^byline:\/\/localhost\/photo\/[0-9a-f]{64}\?w=1200$/.test(value)) ||
          // The link a web image the vector names becomes (`//host/x.png` is tauri://host/… here).
          (tag === 'a' && name === 'href' && remoteImages.includes(value));
        if (!ok) problems.push(`preview: <${tag} ${name}="${value.slice(0, 80)}">`);
      }
    }
    // Each web image the article names is there, as a link to it.
    const hrefs = [...root.querySelectorAll('a[href]')].map((a) => a.getAttribute('href'));
    for (const url of links) if (!hrefs.includes(url)) problems.push(`preview: no link to the web image ${url}`);
  }
  // The app's own origins (the UI, the IPC channel, the photo scheme), in
  // Linux's and Windows' spelling; anything else was loaded from outside.
  const own = /^(tauri|ipc|byline):\/\/localhost\/|^http:\/\/(tauri|ipc|byline)\.localhost\//;
  for (const entry of performance.getEntriesByType('resource')) {
    if (!own.test(entry.name)) problems.push(`loaded ${entry.name}`);
  }
  performance.clearResourceTimings();
  return { problems, violations: guard.violations.splice(0) };
}

/**
 * Fails with every problem the webview reports, every CSP violation, and if
 * an alert is open. `links`: the web images the preview must show as links.
 */
async function assertClean(where, { preview = true, links = [] } = {}) {
  // Give what the new markup scheduled (an image's error event, an animation,
  // a refresh) a moment to happen before looking.
  await sleep(50);
  const { problems, violations } = await driver.execute(
    `return (${webviewProblems})(arguments[0], arguments[1], arguments[2]);`,
    [preview, vectors.map((v) => v.remoteImage).filter(Boolean), links],
  );
  // render.rs makes a web image a link, so nothing is even tried: any
  // violation means something reached for what the CSP keeps out.
  for (const v of violations) problems.push(`CSP violation: ${v.directive} ${v.blocked}`);
  // WebDriver answers "no such alert" when none is open.
  const alert = await driver.request('GET', driver.s('/alert/text')).then(
    (text) => `an alert is open: ${text}`,
    (e) => (String(e.message).includes('no such alert') ? null : `alert check: ${e.message}`),
  );
  if (alert) problems.push(alert);
  assert.deepEqual(problems, [], `${where}:\n${problems.join('\n')}`);
}

/**
 * The headline as the preview shows it: the stored headline is one line
 * (`text::line_text`: runs of white space made one space, control
 * characters dropped, NFC).
 */
const shownHeadline = (text) =>
  text
    .split(/\s+/)
    .map((word) => word.replace(/\p{Cc}/gu, ''))
    .filter(Boolean)
    .join(' ')
    .normalize('NFC');

/**
 * Opens the article `id` from the library list, scrolling the (virtualised)
 * list down until its row is there, and waits until the preview shows
 * `marker` in the body and `headline` as the headline's text (so the
 * vectors are known to be in the preview, as text). A tight loop: the
 * 200 ms steps of `waitUntil` would add minutes over every vector.
 */
async function openArticle(id, marker, headline) {
  const end = Date.now() + 20000;
  for (;;) {
    const state = await driver.execute(
      `const [id, marker, headline] = arguments;
       const editor = document.querySelector('[data-testid="editor"]');
       if (editor?.getAttribute('data-article-id') === id) {
         const preview = document.querySelector('[data-testid="preview"]');
         const h1 = preview.querySelector('h1.headline');
         return preview.textContent.includes(marker) && h1?.textContent === headline ? 'shown' : 'loading';
       }
       const row = document.querySelector('[data-testid="article-item"][data-id="' + id + '"]');
       // Selected already: the app is loading it (a second click would start over).
       if (row?.getAttribute('aria-current') === 'true') return 'loading';
       if (row) { row.click(); return 'clicked'; }
       const list = document.querySelector('[data-testid="article-list"]');
       const bottom = list.scrollTop + list.clientHeight >= list.scrollHeight - 1;
       list.scrollTop = bottom ? 0 : list.scrollTop + list.clientHeight / 2;
       list.dispatchEvent(new Event('scroll'));
       return 'scrolled';`,
      [id, marker, headline],
    );
    if (state === 'shown') return;
    if (Date.now() > end) {
      await driver.onTimeout?.(`article ${id}`);
      throw new Error(`the article ${id} did not show ${marker} (last: ${state})`);
    }
    await sleep(10);
  }
}

test(`${vectors.length} vectors, each in every field of its own imported article: the preview runs nothing`, { timeout: 300000 }, async () => {
  assert.ok(vectors.length >= 60, `the corpus holds ${vectors.length} vectors`);
  assert.ok(vectors.filter((v) => v.remoteImage).length >= 3, 'the corpus holds web images');
  for (const { i, id } of articles) {
    await openArticle(id, markerOf(i), shownHeadline(vectors[i].text));
    // A web image in the body is a link to it, and nothing is loaded.
    const links = vectors[i].remoteImage ? [vectors[i].remoteImage] : [];
    await assertClean(`${vectors[i].name} (${slugOf(i)})`, { links });
  }
  writeFileSync(path.join(artifacts, 'hostile-preview-article.png'), await driver.screenshot());
});

test('every vector at once, set through the editor: the live preview runs nothing', { timeout: 180000 }, async () => {
  await journey.newArticle();
  const all = vectors.map((v) => v.text).join(' ');
  // "Add photos" opens the desktop's file chooser; a person picks the file.
  await driver.click(await driver.find('[data-testid="photo-add"]'));
  journey.chooseInDialog('Chọn ảnh (JPEG, PNG, WebP)', pngPath);
  await driver.waitFor('[data-testid="photo-caption"]', 30000);
  // Featured, so the preview shows its caption, credit and alt text.
  await driver.click(await driver.find('[data-testid="photo-featured"]'));
  // As the UI's own listeners see typing: the value, then an input event
  // (typing 10,000 characters key by key would take minutes).
  const unset = await driver.execute(
    `const [text, fields] = arguments;
     const missing = [];
     for (const id of fields) {
       const el = document.querySelector('[data-testid="' + id + '"]');
       if (!el) { missing.push(id); continue; }
       const setter = Object.getOwnPropertyDescriptor(Object.getPrototypeOf(el), 'value').set;
       setter.call(el, text);
       el.dispatchEvent(new Event('input', { bubbles: true }));
     }
     return missing;`,
    [all, ['field-headline', 'field-sapo', 'field-byline', 'field-editor-note', 'photo-caption', 'photo-credit', 'photo-alt']],
  );
  assert.deepEqual(unset, []);
  // Keywords one by one: the text, then Enter (commas split, as typed ones do).
  await driver.execute(
    `const input = document.querySelector('[data-testid="field-keywords"]');
     const setter = Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, 'value').set;
     for (const text of arguments[0]) {
       setter.call(input, text);
       input.dispatchEvent(new Event('input', { bubbles: true }));
       input.dispatchEvent(new KeyboardEvent('keydown', { key: 'Enter', bubbles: true, cancelable: true }));
     }`,
    [vectors.map((v) => v.text)],
  );
  // The body is pasted, as a reporter pastes from elsewhere: typed, the
  // editor would continue lists and quotes on Enter and change the text.
  await driver.execute(
    `const body = document.querySelector('[data-testid="field-body"]');
     body.focus();
     const data = new DataTransfer();
     data.setData('text/plain', arguments[0]);
     body.dispatchEvent(new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true }));`,
    [allInOneBody()],
  );
  assert.equal(
    (await driver.property(await driver.find('[data-testid="field-body"]'), 'value')).normalize('NFC'),
    allInOneBody().normalize('NFC'),
    'the body holds every vector as pasted',
  );
  const last = markerOf(vectors.length - 1);
  await driver.waitUntil('the live preview of every vector', async () =>
    (await driver.property(await driver.find('[data-testid="preview"]'), 'textContent')).includes(last),
  );
  const keywords = await driver.findAll('[data-testid="keyword-tag"]');
  assert.ok(keywords.length >= vectors.length / 2, `keywords were added (${keywords.length})`);
  // No link is required here: in one body, the web images come after a
  // vector that opens a code fence and never closes it, so they are code.
  await assertClean('every vector in the editor');
  // Saved as typed, and shown again from the library: still nothing runs.
  const status = await driver.find('[data-testid="save-status"]');
  await driver.waitUntil('the save', async () => (await driver.attribute(status, 'data-state')) === 'saved', 30000);
  await assertClean('every vector, saved');
});

test('a hand-off package with every vector in comments.json: the comments and history run nothing', { timeout: 180000 }, async () => {
  await openArticle(packageArticle, markerOf(vectors.length - 1), PACKAGE_HEADLINE);
  await assertClean('the package article');

  // Comments: every vector is a comment's text, shown as text.
  await driver.click(await driver.find('[data-testid="side-tab-comments"]'));
  await driver.waitUntil('every comment', async () => (await driver.findAll('[data-testid="comment-item"]')).length === vectors.length);
  const comments = await driver.execute(
    `const shown = [...document.querySelectorAll('[data-testid="comment-body"]')];
     return {
       texts: shown.map((el) => el.textContent),
       markup: shown.filter((el) => el.children.length > 0).length +
         [...document.querySelectorAll('[data-testid="comment-item"] .who')].filter((el) => el.children.length > 0).length,
     };`,
  );
  assert.equal(comments.markup, 0, 'comment texts and names hold no elements');
  assert.deepEqual(
    [...comments.texts].map((t) => t.normalize('NFC')).sort(),
    vectors.map((v) => v.text.normalize('NFC')).sort(),
    'every vector is shown as the text it is',
  );
  await assertClean('the comments panel', { preview: false });
  writeFileSync(path.join(artifacts, 'hostile-preview-comments.png'), await driver.screenshot());

  // History: every vector is a move's note, some an override reason.
  await driver.click(await driver.find('[data-testid="side-tab-history"]'));
  await driver.waitUntil('every move', async () => (await driver.findAll('[data-testid="history-note"]')).length === vectors.length);
  const history = await driver.execute(
    `const shown = [...document.querySelectorAll('[data-testid="history-note"], [data-testid="history-override"]')];
     return { count: shown.length, markup: shown.filter((el) => el.children.length > 0).length };`,
  );
  assert.equal(history.markup, 0, 'notes and reasons hold no elements');
  assert.equal(history.count, vectors.length + vectors.filter((_, i) => i % 5 === 0).length);
  await assertClean('the history panel', { preview: false });
});

test('the checks see what they look for: live markup in the preview fails them', { timeout: 60000 }, async () => {
  // What a broken sanitiser would put in the preview, written straight into
  // its DOM by the test: every check above must catch it.
  await driver.click(await driver.find('[data-testid="side-tab-preview"]'));
  await driver.execute(`
    const div = document.createElement('div');
    div.innerHTML = '<img src="https://example.com/t.png"><a href="javascript:void 0">x</a><svg></svg><b onclick="x()">y</b><iframe></iframe>';
    document.querySelector('[data-testid="preview"]').append(div);
    window.__pwned = 1;
  `);
  // The planted page does not link this address, which no vector names.
  const unlinked = 'https://example.com/not-in-the-article.png';
  await assert.rejects(assertClean('planted markup', { links: [unlinked] }), (e) => {
    for (const expected of [
      'window.__pwned = 1',
      'preview: <iframe>',
      '1 × iframe',
      'preview: <a href="javascript:void 0">',
      'preview: <svg> in http://www.w3.org/2000/svg',
      '<b onclick>',
      'CSP violation: img-src https://example.com/t.png',
      'a web image: <img src="https://example.com/t.png">',
      `preview: no link to the web image ${unlinked}`,
    ]) {
      assert.ok(e.message.includes(expected), `${expected} in:\n${e.message}`);
    }
    return true;
  });
});
