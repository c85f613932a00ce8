// Script in the page tries to leave the app: it sets `location` to another
// site, opens one in this window (`window.open(…, '_self')`) and in a new
// window (`window.open`, a link with target=_blank). The app refuses every
// navigation and new window that is not its own page, in Rust
// (src-tauri/src/navigation.rs): the page stays the app's, with its list,
// and no other window appears.

import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { startJourney } from './harness.mjs';
import { sleep } from './webdriver.mjs';

let journey;
after(async () => journey?.close());

/** The page's address, and whether it is still the app's page with its list. */
const where = (driver) =>
  driver.execute(`return { href: location.href, app: !!document.querySelector('[data-testid="article-list"]') };`);

/** The windows of the app's processes (X11), by title. */
function appWindows(driverPid) {
  const tree = execFileSync('xwininfo', ['-root', '-tree'], { encoding: 'utf8' });
  // The app's own window is "Byline"; "byline-app" is GTK's hidden leader window.
  return tree
    .split('\n')
    .filter((line) => /\("byline-app"/.test(line))
    .map((line) => line.match(/"([^"]*)"/)?.[1])
    .filter((title) => title && title !== 'byline-app' && title !== 'Byline');
}

/**
 * Watches the page for a while after an attempt to leave it: a navigation
 * that is let through replaces it within a moment (an `.invalid` host fails
 * at once, with WebKit's error page at that address).
 */
async function staysOnItsPage(driver, what, start) {
  for (let i = 0; i < 15; i++) {
    await sleep(200);
    const now = await where(driver);
    assert.equal(now.href, start.href, `${what}: the page left for ${now.href}`);
    assert.ok(now.app, `${what}: the app's page is gone`);
  }
}

test('script in the page cannot navigate the window away or open another', { timeout: 120000 }, async () => {
  journey = await startJourney();
  const { driver } = journey;
  await journey.openApp();
  const start = await where(driver);
  assert.match(start.href, /^tauri:\/\/localhost(\/|$)/);
  const handles = await driver.request('GET', driver.s('/window/handles'));

  await driver.execute(`location = 'https://example.invalid/'; return null;`);
  await staysOnItsPage(driver, "location = 'https://example.invalid/'", start);

  await driver.execute(`location.href = 'file:///etc/passwd'; return null;`);
  await staysOnItsPage(driver, 'location.href = file:///etc/passwd', start);

  await driver.execute(`window.open('https://example.invalid/self', '_self'); return null;`);
  await staysOnItsPage(driver, "window.open(…, '_self')", start);

  const opened = await driver.execute(`return window.open('https://example.invalid/new') === null;`);
  assert.equal(opened, true, 'window.open gave the page a window');
  await driver.execute(
    `const a = document.createElement('a');
     a.href = 'https://example.invalid/blank'; a.target = '_blank';
     document.body.append(a); a.click(); a.remove(); return null;`,
  );
  await staysOnItsPage(driver, 'window.open and a target=_blank link', start);
  assert.deepEqual(await driver.request('GET', driver.s('/window/handles')), handles);
  assert.deepEqual(appWindows(journey.driverPid), [], 'no other window of the app');

  // The app still works: the list answers a click.
  await journey.newArticle();
});
