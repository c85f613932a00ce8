// Hostile text in every export. Each vector of `hostile-vectors.json` (script
// tags, event handlers, javascript:/data: URLs, SVG, MathML, CSS, frames…)
// is put in every text field of one article file: headline, sapo, body,
// byline, author, keywords, category, editor's note, and the photo's
// caption, credit and alt text, all as YAML values of the front matter
// (`byline import`). The real `byline` binary then exports every article in
// every format, and:
//
// - html, html-single and package (its index.html, from an unzipped copy)
//   are opened in headless Chromium with every request routed: any request
//   for something outside the export is aborted and recorded, and so are
//   dialogs (alert…), navigations, page errors and the sinks the vectors
//   call (`window.__pwned`, `document.title = 'PWNED'`). Nothing may be
//   requested from outside the export, not even a web image the body
//   names: render.rs makes that a link to it, and the page must show that
//   link. The DOM must hold no script but the JSON-LD, no `on*` attribute,
//   no element outside what the page template and `render.rs` make, no
//   `<img>` with a web address, and no URL with a scheme other than
//   http(s), mailto and tel (and the page's own photos);
// - ninjs: the `bodies` HTML is exactly the published page's body (the one
//   sanitiser) and is parsed in Chromium with the same checks; every other
//   text is declared text/plain;
// - md is the article file: Markdown source, never served as HTML, so
//   nothing in it runs. The vector is there as written.
//
// No window of the app is involved (hostile-preview.test.mjs checks the
// app's preview): this needs neither a display nor tauri-driver.

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFile, execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { pathToFileURL } from 'node:url';
import { chromium } from 'playwright-core';
import { vectors, slugOf, PHOTO, png, articleFile } from './hostile-corpus.mjs';
import { cli } from './harness.mjs';


let home;
/** Per vector: { slug, html, single, packageIndex, ninjs, md } (paths). */
const exported = [];

before(async () => {
  home = mkdtempSync(path.join(tmpdir(), 'byline-hostile-exports-'));
  const library = path.join(home, 'library.sqlite');
  const byline = (...args) =>
    execFileSync(cli, ['--library', library, ...args], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
  const articles = path.join(home, 'articles');
  mkdirSync(path.join(articles, 'media'), { recursive: true });
  writeFileSync(path.join(articles, PHOTO), png(64, 48));
  vectors.forEach((v, i) => writeFileSync(path.join(articles, `${slugOf(i)}.md`), articleFile(v, i)));
  // One import: every file is read and checked, then all saved at once.
  byline('import', articles);
  const bySlug = new Map(JSON.parse(byline('list', '--json')).map((a) => [a.slug, a.id]));
  const ids = vectors.map((_, i) => bySlug.get(slugOf(i)));
  assert.ok(ids.every(Boolean), 'every vector article was imported');

  // The five formats at once (each command writes one folder); a debug
  // build spends its time rendering, so two cores halve the wait.
  const run = promisify(execFile);
  const out = (format) => path.join(home, `out-${format}`);
  await Promise.all(
    ['html', 'html-single', 'package', 'ninjs', 'md'].map((format) =>
      run(cli, ['--library', library, 'export', ...ids, '--format', format, '--out', out(format)], {
        maxBuffer: 16 * 1024 * 1024,
      }),
    ),
  );
  vectors.forEach((_, i) => {
    const slug = slugOf(i);
    exported.push({
      slug,
      html: path.join(out('html'), slug, 'index.html'),
      single: path.join(out('html-single'), `${slug}.html`),
      packageIndex: path.join(home, 'unzipped', slug, 'index.html'),
      ninjs: path.join(out('ninjs'), `${slug}.ninjs.json`),
      md: path.join(out('md'), `${slug}.md`),
    });
  });
  // Every package unzipped into a folder of its own, by Python's zipfile in
  // one process: python3 is on every machine `make test` prepares
  // (x11.py needs it), zip and unzip are not.
  execFileSync('python3', [
    '-c',
    'import sys, zipfile\nfor z, d in zip(sys.argv[1::2], sys.argv[2::2]): zipfile.ZipFile(z).extractall(d)',
    ...exported.flatMap((e) => [path.join(out('package'), `${e.slug}.zip`), path.dirname(e.packageIndex)]),
  ]);
});

after(() => {
  if (home) rmSync(home, { recursive: true, force: true });
});

/**
 * Runs in the page: everything in the DOM that should not be there. `page`
 * says whether the page's own head (one `<style>`, the JSON-LD) is expected
 * (false for a ninjs body); `inside` is the file: URL of the exports, where
 * a page's relative URLs lead; `remoteImage` the web image the vector names,
 * of which the page must hold a link (`<a href>` with that very address).
 */
async function domProblems({ page, inside, remoteImage }) {
  const problems = [];
  // What the page template and render.rs can make (ammonia's allow-list is
  // wider, but comrak drops raw HTML, so these are all that occur).
  const TAGS = new Set(
    ('html head body meta title link style script main article h1 h2 h3 h4 h5 h6 p time strong em del ' +
      'figure img figcaption span div section ul ol li a code pre blockquote table thead tbody tr th td ' +
      'sup hr br').split(' '),
  );
  const ATTRIBUTES = new Set(
    ('href src alt title id class align lang rel datetime width height start charset name content ' +
      'property type').split(' '),
  );
  const URL_ATTRIBUTES = new Set(['href', 'src', 'cite', 'action', 'formaction', 'data', 'poster', 'srcset']);
  for (const el of document.querySelectorAll('*')) {
    const tag = el.localName;
    if (el.namespaceURI !== 'http://www.w3.org/1999/xhtml') problems.push(`<${tag}> in ${el.namespaceURI}`);
    if (!TAGS.has(tag)) problems.push(`<${tag}>`);
    if (tag === 'script' && !(page && el.type === 'application/ld+json' && el.parentElement === document.head)) {
      problems.push(`<script type="${el.type}">`);
    }
    if (['style', 'meta', 'link', 'title'].includes(tag) && !(page && el.parentElement === document.head)) {
      problems.push(`<${tag}> outside the page's head`);
    }
    for (const { name, value } of el.attributes) {
      if (name.startsWith('on')) problems.push(`<${tag} ${name}>`);
      else if (!ATTRIBUTES.has(name)) problems.push(`<${tag} ${name}="${value.slice(0, 60)}">`);
      if (tag === 'meta' && name !== 'content' && /refresh|set-cookie|content-security/i.test(value)) {
        problems.push(`<meta ${name}="${value}">`);
      }
      if (URL_ATTRIBUTES.has(name)) {
        let url;
        try {
          url = new URL(value, document.baseURI);
        } catch {
          continue; // Not a URL the browser would follow either.
        }
        const ok =
          ['http:', 'https:', 'mailto:', 'tel:'].includes(url.protocol) ||
          // Relative URLs of a page: its own folder (photos, footnotes).
          (url.protocol === 'file:' && url.href.startsWith(inside)) ||
          (url.protocol === 'about:' && value.startsWith('#')) ||
          // The link a web image becomes: `//host/x.png` is file://host/… here.
          (tag === 'a' && name === 'href' && value === remoteImage) ||
          // html-single inlines the article's own photos; checked against them in Node.
          (url.protocol === 'data:' && tag === 'img' && name === 'src');
        if (!ok) problems.push(`<${tag} ${name}="${value.slice(0, 80)}">`);
      }
    }
  }
  // No image from the web, whatever it resolves to here (a protocol-relative
  // one is a file: URL in a file, and no URL at all in about:blank).
  for (const img of document.querySelectorAll('img')) {
    const src = img.getAttribute('src') ?? '';
    const bare = src.replace(/[\u0000-\u0020]/g, '');
    let protocol = '';
    try {
      protocol = new URL(src, document.baseURI).protocol;
    } catch {}
    if (/^(https?:)?[\\/]{2}/i.test(bare) || ['http:', 'https:'].includes(protocol)) {
      problems.push(`a web image: <img src="${src.slice(0, 80)}">`);
    }
  }
  // The web image the vector names is there, as a link to it.
  if (remoteImage && ![...document.querySelectorAll('a[href]')].some((a) => a.getAttribute('href') === remoteImage)) {
    problems.push(`no link to the web image ${remoteImage}`);
  }
  if (page) {
    const scripts = document.head.querySelectorAll('script');
    if (scripts.length !== 1) problems.push(`${scripts.length} scripts in the head`);
    // A headline that bent the JSON-LD would make it unreadable as JSON.
    try {
      JSON.parse(scripts[0]?.textContent ?? '');
    } catch (e) {
      problems.push(`JSON-LD: ${e.message}`);
    }
    if (document.head.querySelectorAll('style').length !== 1) problems.push('a <style> other than the page’s');
  }
  // Inline images by SHA-256: the photo's URI is large, and sending it to
  // Node for each page would cost more than the page itself.
  const sha256 = async (text) =>
    [...new Uint8Array(await crypto.subtle.digest('SHA-256', new TextEncoder().encode(text)))]
      .map((b) => b.toString(16).padStart(2, '0'))
      .join('');
  const inline = [...document.querySelectorAll('img[src^="data:"]')].map((img) => img.getAttribute('src'));
  return { problems, title: document.title, inlinePhotos: await Promise.all(inline.map(sha256)) };
}

let browser;
before(async () => {
  browser = await chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
});
after(async () => browser?.close());

/**
 * A page that records whatever a vector could do, as it happens, against
 * `current()` (what the page holds then): every request for something
 * outside the exports (aborted), dialogs (dismissed), navigations other
 * than the test's own, pop-ups, script errors (an error means a script
 * ran), and the sinks the vectors call: `window.__pwned = …` and
 * `document.title = …` are trapped before any of the page's own code runs,
 * so a sink is caught even when it fires after the checks have looked.
 */
async function watchedPage(current) {
  const page = await browser.newPage();
  const events = [];
  const record = (what) => events.push({ at: current(), what });
  const inside = pathToFileURL(home).href + '/';
  await page.route('**/*', (route) => {
    const request = route.request();
    if (request.url().startsWith(inside)) return route.continue();
    record({ request: request.url(), type: request.resourceType() });
    return route.abort();
  });
  page.on('dialog', (dialog) => {
    record(`dialog ${dialog.type()}: ${dialog.message()}`);
    dialog.dismiss().catch(() => {});
  });
  page.on('framenavigated', (frame) => {
    const job = current();
    if (!job || frame.url() !== (job.url ?? job.at)) record(`navigated to ${frame.url()}`);
  });
  page.on('pageerror', (error) => record(`script error: ${error.message}`));
  page.on('popup', (popup) => record(`pop-up ${popup.url()}`));
  await page.exposeBinding('__hostileSink', (_source, what) => record(what));
  await page.addInitScript(trapSinks);
  return { page, events };
}

/**
 * Runs in the page before its own code: reports the sinks as they are
 * called. A written document keeps its window (document.open does not make
 * a new one), so for those the traps are set once with `evaluate`.
 */
function trapSinks() {
  if (Object.hasOwn(window, '__pwned')) return;
  const sink = (what) => window.__hostileSink?.(what);
  Object.defineProperty(window, '__pwned', { get: () => undefined, set: (v) => sink(`window.__pwned = ${v}`) });
  const title = Object.getOwnPropertyDescriptor(Document.prototype, 'title');
  Object.defineProperty(Document.prototype, 'title', {
    ...title,
    set(v) {
      sink(`document.title = ${v}`);
      title.set.call(this, v);
    },
  });
}

/** Lets what a load schedules happen (autofocus, animations, a refresh): two frames. */
const settle = (page) => page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));

/**
 * Shows every job, two at a time (CI has two cores), and returns one line
 * per thing that went wrong. A job is `{ i, url }`, a file the page
 * navigates to, or `{ i, html, at }`, markup written into a page showing
 * `at` (about:blank, or a file in the same folder, so relative URLs lead
 * where they would): the same parser builds the same DOM, scripts run,
 * refreshes and <base> apply, at a tenth of a navigation's cost.
 */
async function check(jobs, { page: isPage, inlinePhotos = new Set() }) {
  const failures = [];
  const queue = [...jobs];
  const inside = pathToFileURL(home).href + '/';
  const worker = async () => {
    let job;
    const { page, events } = await watchedPage(() => job);
    const where = (j) => `${vectors[j.i].name} (${j.file ? path.relative(home, j.file) : 'ninjs body'})`;
    try {
      let last;
      for (job = queue.shift(); job; last = job, job = queue.shift()) {
        const { i, url, html, at } = job;
        if (url) await page.goto(url, { waitUntil: 'load' });
        else {
          if (page.url() !== at) await page.goto(at);
          await page.evaluate(trapSinks);
          await page.setContent(html, { waitUntil: 'load' });
        }
        const found = await page.evaluate(domProblems, { page: isPage, inside, remoteImage: vectors[i].remoteImage });
        for (const p of found.problems) failures.push(`${where(job)}: ${p}`);
        if (found.title === 'PWNED') failures.push(`${where(job)}: document.title is PWNED`);
        for (const src of found.inlinePhotos) {
          if (!inlinePhotos.has(src)) failures.push(`${where(job)}: a data: image that is not the article's photo`);
        }
        if (page.url() !== (url ?? at)) failures.push(`${where(job)}: the page is now ${page.url()}`);
      }
      // What the last page scheduled has had its time too.
      job = last && { ...last, url: undefined, at: undefined };
      await settle(page);
    } finally {
      await page.close();
    }
    // Every one is a failure: a request from outside the export (a web
    // image included, which render.rs makes a link), a dialog, a sink…
    for (const { at, what } of events) {
      failures.push(`${at ? where(at) : 'before the first page'}: ${JSON.stringify(what)}`);
    }
  };
  await Promise.all([worker(), worker()]);
  return failures;
}

test(`${vectors.length} vectors in every field: html, html-single and package pages run nothing and load nothing`, { timeout: 300000 }, async () => {
  assert.ok(vectors.length >= 60, `the corpus holds ${vectors.length} vectors`);
  assert.equal(new Set(vectors.map((v) => v.name)).size, vectors.length, 'vector names are distinct');
  assert.equal(exported.length, vectors.length);

  // The html export and the package's index.html are the same page, byte for
  // byte, beside the same media/ folder: loading the package's copy loads both.
  for (const e of exported) {
    assert.ok(readFileSync(e.html).equals(readFileSync(e.packageIndex)), `${e.slug}: package index.html = html export`);
  }
  // The photo as html-single inlines it (by SHA-256 of its data: URI): the
  // only data: image a page may hold.
  const photoUris = new Set(
    [...readFileSync(exported[0].single, 'utf8').matchAll(/<img src="(data:image\/[a-z]+;base64,[^"]+)"/g)].map((m) =>
      createHash('sha256').update(m[1]).digest('hex'),
    ),
  );
  assert.equal(photoUris.size, 1, 'the single page inlines the article photo');

  // The packages' pages are navigated to, each in its folder; the single
  // pages, which need nothing beside them, are then written into a page
  // showing their folder (one navigation for them all).
  const singleFolder = pathToFileURL(exported[0].single).href;
  const jobs = [
    ...exported.map((e, i) => ({ i, file: e.packageIndex, url: pathToFileURL(e.packageIndex).href })),
    ...exported.map((e, i) => ({ i, file: e.single, html: readFileSync(e.single, 'utf8'), at: singleFolder })),
  ];
  const failures = await check(jobs, { page: true, inlinePhotos: photoUris });
  assert.deepEqual(failures, [], failures.join('\n'));
});

test('the checks see what they look for: a page with live markup fails them', { timeout: 60000 }, async () => {
  // Not an export: the page a broken sanitiser would make. Every check
  // above must catch it, or passing them would mean nothing.
  const bad = path.join(home, 'bad.html');
  writeFileSync(
    bad,
    `<!DOCTYPE html><html><head><title>x</title><script type="application/ld+json">{}</script><style></style></head><body>
<img src=x onerror="window.__pwned=1"><a href="javascript:alert(1)">x</a><svg></svg>
<img src="https://example.com/t.png"><script>document.title='PWNED'</script></body></html>`,
  );
  const failures = await check([{ i: 0, file: bad, url: pathToFileURL(bad).href }], { page: true });
  // Written into a page rather than navigated to, the same markup fails the same way.
  const written = await check([{ i: 0, file: bad, html: readFileSync(bad, 'utf8'), at: 'about:blank' }], { page: true });
  assert.deepEqual(written.map((f) => f.replace(/ \(.*?\)/, '')).sort(), failures.map((f) => f.replace(/ \(.*?\)/, '')).sort());
  const has = (text) => assert.ok(failures.some((f) => f.includes(text)), `${text} in:\n${failures.join('\n')}`);
  has('<img onerror>');
  has('<a href="javascript:alert(1)">');
  has('<svg> in http://www.w3.org/2000/svg');
  has('<script type="">');
  has('document.title is PWNED');
  has('"window.__pwned = 1"');
  has('"document.title = PWNED"');
  has('"request":"https://example.com/t.png"');
  has('a web image: <img src="https://example.com/t.png">');
  // As a web-image vector's page, it lacks the link the vector's image becomes.
  const web = vectors.findIndex((v) => v.remoteImage);
  const unlinked = await check([{ i: web, file: bad, url: pathToFileURL(bad).href }], { page: true });
  assert.ok(
    unlinked.some((f) => f.includes(`no link to the web image ${vectors[web].remoteImage}`)),
    `the missing link in:\n${unlinked.join('\n')}`,
  );
});

test('ninjs: the body is the sanitised body of the page, and every other text is plain text', { timeout: 120000 }, async () => {
  const failures = [];
  const jobs = [];
  for (const [i, e] of exported.entries()) {
    const where = `${vectors[i].name} (${path.relative(home, e.ninjs)})`;
    const ninjs = JSON.parse(readFileSync(e.ninjs, 'utf8'));
    const bodies = ninjs.bodies.filter((b) => b.contentType === 'text/html');
    assert.equal(bodies.length, 1, where);
    // The page's body, less the heading the page gives its footnotes.
    const page = readFileSync(e.html, 'utf8');
    const open = '<div class="body">\n';
    const body = page
      .slice(page.indexOf(open) + open.length, page.lastIndexOf('</div>\n<p class="byline">'))
      .replace(/\n<h2 class="footnotes-title">[^<]*<\/h2>/, '');
    if (bodies[0].value !== body) failures.push(`${where}: the ninjs body is not the page's body`);
    // Everything else that says what it is says text/plain: a consumer that
    // respects contentType never parses it as markup.
    const walk = (value, at) => {
      if (Array.isArray(value)) value.forEach((v, k) => walk(v, `${at}[${k}]`));
      else if (value && typeof value === 'object') {
        if (value !== bodies[0] && String(value.contentType ?? '').startsWith('text/') && value.contentType !== 'text/plain') {
          failures.push(`${where}: ${at} is ${value.contentType}`);
        }
        for (const [k, v] of Object.entries(value)) walk(v, at ? `${at}.${k}` : k);
      }
    };
    walk(ninjs, '');
    jobs.push({ i, html: bodies[0].value, at: 'about:blank' });
  }
  failures.push(...(await check(jobs, { page: false })));
  assert.deepEqual(failures, [], failures.join('\n'));
});

test('md is the article file: the vector is Markdown source, never a page', () => {
  // Nothing to run: an article file is text that `byline import` reads, and
  // no part of Byline serves it as HTML. What is checked is that it is that
  // file (front matter first) with the body exactly as written.
  for (const [i, e] of exported.entries()) {
    const md = readFileSync(e.md, 'utf8');
    assert.ok(md.startsWith('---\n'), `${vectors[i].name}: front matter first`);
    assert.ok(md.includes(vectors[i].text.normalize('NFC')), `${vectors[i].name}: the body as written`);
  }
  assert.deepEqual(readdirSync(path.join(home, 'out-md')).filter((n) => !n.endsWith('.md') && n !== 'media'), []);
});
