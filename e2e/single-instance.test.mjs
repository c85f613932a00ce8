// One library, one window: with Byline open and minimised, starting it again
// on the same library brings the open window back and gives it the focus,
// and the second start exits by itself without opening a window. Started on
// another library, Byline runs beside it, in a window of its own.
//
// The single-instance check asks the D-Bus session bus, so the journey
// brings one (`startJourney({ sessionBus: true })`). Xvfb runs no window
// manager, so the X calls a window manager makes are made here, in Python
// with python3-xlib (`x11.py`): minimising is unmapping the
// window (GTK then counts itself minimised, as it does under a window
// manager that does not say otherwise), and "another program has the focus"
// is the X focus set to nobody.

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { app, artifacts, startJourney, x11 } from './harness.mjs';
import { sleep } from './webdriver.mjs';

let journey;
let driver;
/** Processes this journey started itself, ended in `after` if still there. */
const started = [];

before(async () => {
  journey = await startJourney({ sessionBus: true });
  ({ driver } = journey);
});

after(async () => {
  for (const child of started) if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  await journey?.close();
});


const windowState = () => x11('state', 'Byline', journey.driverPid);

/** Waits, a bounded while, for `child` to end; its exit code, or undefined if it did not. */
async function exitOf(child, ms) {
  if (child.exitCode !== null || child.signalCode !== null) return child.exitCode ?? child.signalCode;
  return Promise.race([
    new Promise((resolve) => child.once('exit', (code, signal) => resolve(code ?? signal))),
    sleep(ms).then(() => undefined),
  ]);
}

/** Starts the app binary itself, as a person starting Byline again would. */
function startAgain(library) {
  const child = spawn(app, ['--library', library], { env: journey.env, stdio: ['ignore', 'inherit', 'inherit'] });
  started.push(child);
  return child;
}

test('a second start on the same library brings the first window back and exits', { timeout: 180000 }, async () => {
  await journey.openApp();
  assert.equal(windowState()?.viewable, true);

  assert.equal(x11('minimize', 'Byline', journey.driverPid), true);
  // The page hears it is hidden once GTK counts the window minimised.
  await driver.waitUntil('the window to be minimised', async () => {
    const hidden = (await driver.execute('return document.visibilityState;')) === 'hidden';
    return hidden && !windowState().viewable;
  });

  const second = startAgain(journey.library);
  // A bounded wait for the second start to end by itself: one that opened a
  // second editor would still be running when it runs out.
  const code = await exitOf(second, 30000);
  assert.equal(code, 0, `the second start ended by itself, successfully (got ${code})`);

  await driver.waitUntil('the first window back, with the focus', async () => {
    const state = windowState();
    return state.viewable && state.focused;
  });
  await driver.waitUntil('the page to be shown again', async () => {
    return (await driver.execute('return document.visibilityState;')) === 'visible';
  });
  // Still the same app, still working.
  assert.ok((await driver.findAll('[data-testid="article-item"]')).length >= 4);
  writeFileSync(path.join(artifacts, 'single-instance-brought-forward.png'), await driver.screenshot());
});

test('a start on another library runs beside the first, in a window of its own', { timeout: 180000 }, async () => {
  const other = startAgain(path.join(journey.home, 'other.sqlite'));
  await driver.waitUntil('a window of the second Byline', async () => {
    if (other.exitCode !== null || other.signalCode !== null) {
      throw new Error(`Byline on another library exited (${other.exitCode ?? other.signalCode}) instead of opening`);
    }
    return x11('window-of', other.pid);
  }, 60000);
  other.kill();
  assert.notEqual(await exitOf(other, 30000), undefined, 'it ends when asked');
  // The first is untouched.
  assert.ok((await driver.findAll('[data-testid="article-item"]')).length >= 4);
});
