// The published page, as a website and its readers get it: every sample
// article (added by `byline samples`), exported in both HTML modes
// by the real `byline` binary, must pass the W3C Nu HTML Checker with no
// error and no warning, and axe-core in Chromium with no violation, while
// the browser fetches nothing from outside the export. No window of the app
// is involved: this needs neither a display nor tauri-driver.

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium } from 'playwright-core';
import { artifacts, cli } from './harness.mjs';

const require = createRequire(import.meta.url);
/** `vnu-jar` exports the path of the checker's jar; it runs on the system's Java. */
const vnuJar = String(require('vnu-jar'));
const axeSource = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');

// Not one of the samples: what a careless or hostile headline does to the
// page (the JSON-LD block, the title, the meta tags), and an English article
// with people in every role.
const EDGE_ARTICLE = `---
headline: 'Bão số 3 </script><script>alert(1)</script> & “tin nóng”'
sapo: 'Mưa lớn <b>kéo dài</b> & gió giật cấp 10 tại các tỉnh ven biển.'
byline: Nhóm phóng viên
authors:
  - name: Lê Văn Bình
    role: reporter
  - name: Trần Thu
    role: photographer
keywords: [bão, "<thời tiết>"]
category: Thời sự
language: vi
published_at: 2023-09-10T06:00:00+07:00
related: [an-thinh-mo-lop-ky-nang-so]
---

Theo Trung tâm Dự báo khí tượng thủy văn quốc gia, [bản tin](https://nchmf.example.vn/tin) lúc 5 giờ cho biết bão đã suy yếu.
`;

let home;
/** { slug, folder: index.html path, single: file path } for every exported article. */
const pages = [];

before(() => {
  home = mkdtempSync(path.join(tmpdir(), 'byline-published-'));
  const library = path.join(home, 'library.sqlite');
  // Its progress lines stay out of the report; a failure's message carries its stderr.
  const byline = (...args) =>
    execFileSync(cli, ['--library', library, ...args], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
  // A new library with the sample articles the app's first start gives one.
  byline('samples');
  const samples = JSON.parse(byline('list', '--json'));
  assert.ok(samples.length >= 4, `the samples: ${JSON.stringify(samples)}`);
  const edge = path.join(home, 'bao-so-3.md');
  writeFileSync(edge, EDGE_ARTICLE);
  byline('import', edge);
  for (const { id, slug } of JSON.parse(byline('list', '--json'))) {
    const folder = path.join(home, 'html', slug);
    const single = path.join(home, 'single', `${slug}.html`);
    mkdirSync(path.dirname(single), { recursive: true });
    byline('export', id, '--format', 'html', '--out', folder);
    byline('export', id, '--format', 'html-single', '--out', single);
    pages.push({ slug, folder: path.join(folder, 'index.html'), single });
  }
});

after(() => {
  if (home) rmSync(home, { recursive: true, force: true });
});

const allPages = () => pages.flatMap((p) => [p.folder, p.single]);

test('the html mode folder holds index.html and the photos it names', () => {
  for (const { slug, folder } of pages) {
    const html = readFileSync(folder, 'utf8');
    const named = [...html.matchAll(/src="(media\/[0-9a-f]{64}\.(?:jpg|png|webp))"/g)].map((m) => m[1]);
    const media = path.join(path.dirname(folder), 'media');
    // An article without photos gets no media/ folder at all.
    const present = new Set(existsSync(media) ? readdirSync(media).map((name) => `media/${name}`) : []);
    assert.deepEqual([...present].sort(), [...new Set(named)].sort(), `${slug}: media/ holds exactly the photos the page shows`);
  }
  const withPhotos = pages.filter((p) => readFileSync(p.folder, 'utf8').includes('src="media/'));
  assert.ok(withPhotos.length > 0, 'a sample with photos');
});

test('the Nu HTML Checker finds no error and no warning in either mode', () => {
  const files = allPages();
  assert.equal(files.length, pages.length * 2);
  const run = spawnSync('java', ['-jar', vnuJar, '--format', 'json', '--also-check-css', ...files], {
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
  });
  assert.equal(run.error, undefined, `java: ${run.error}`);
  // vnu writes its JSON report on stderr.
  let report;
  try {
    report = JSON.parse(run.stderr);
  } catch {
    assert.fail(`vnu did not answer with JSON (exit ${run.status}):\n${run.stdout}\n${run.stderr}`);
  }
  const messages = report.messages.map(
    (m) => `${path.relative(home, new URL(m.url).pathname)}:${m.lastLine ?? '?'}: ${m.type}${m.subType ? `/${m.subType}` : ''}: ${m.message}${m.extract ? `\n    ${m.extract}` : ''}`,
  );
  assert.deepEqual(messages, [], `vnu:\n${messages.join('\n')}`);
  assert.equal(run.status, 0);
});

test('axe-core finds no violation, and the pages load nothing from outside', { timeout: 180000 }, async () => {
  mkdirSync(artifacts, { recursive: true });
  const browser = await chromium.launch({
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
  try {
    const page = await browser.newPage({ viewport: { width: 1000, height: 1400 } });
    const requests = [];
    page.on('request', (request) => requests.push(request.url()));
    const violations = [];
    for (const file of allPages()) {
      requests.length = 0;
      const url = pathToFileURL(file).href;
      await page.goto(url, { waitUntil: 'load' });
      const outside = requests.filter((r) => !r.startsWith('file:') && !r.startsWith('data:'));
      assert.deepEqual(outside, [], `${file} asked the network for: ${outside.join(', ')}`);
      // The page itself may run no script; axe is brought in by the test.
      assert.equal(await page.evaluate(() => document.querySelectorAll('script:not([type="application/ld+json"])').length), 0);
      await page.evaluate(axeSource);
      const result = await page.evaluate(() => window.axe.run(document, { resultTypes: ['violations'] }));
      // Rules did run (lang, title, contrast, headings…), so no violation means something.
      assert.ok(result.passes.some((rule) => rule.id === 'color-contrast'), `${file}: axe checked nothing`);
      for (const v of result.violations) {
        violations.push(
          `${path.relative(home, file)}: ${v.id} (${v.impact}): ${v.help}\n` +
            v.nodes.map((n) => `    ${n.target.join(' ')}: ${n.failureSummary}`).join('\n'),
        );
      }
    }
    assert.deepEqual(violations, [], `axe:\n${violations.join('\n')}`);
    // What a reader sees, for whoever reviews the look.
    const sample = pages.find((p) => p.slug.startsWith('xa-an-thinh')) ?? pages[0];
    await page.goto(pathToFileURL(sample.folder).href, { waitUntil: 'load' });
    writeFileSync(path.join(artifacts, 'published-page.png'), await page.screenshot({ fullPage: true }));
  } finally {
    await browser.close();
  }
});
