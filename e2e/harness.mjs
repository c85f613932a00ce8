// What every journey needs: tauri-driver on a port of its own, a temporary
// library and data folder, and the app opened on them.

import { execFileSync, spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { WebDriver, sleep } from './webdriver.mjs';

export const root = path.resolve(import.meta.dirname, '..');
export const app = path.join(root, 'target/debug/byline-app');
export const cli = path.join(root, 'target/debug/byline');
export const artifacts = path.join(root, 'target/e2e-artifacts');
/** What the journeys ask of the X server: what a window manager would do. */
const X11_SCRIPT = path.join(root, 'e2e/x11.py');

/** A process's state, parent and start time from `/proc/PID/stat`, or null once it is gone. */
function procStat(pid) {
  try {
    const text = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // The command name (field 2) may hold spaces; it ends at the last ')'.
    const fields = text.slice(text.lastIndexOf(')') + 2).split(' ');
    return { state: fields[0], ppid: Number(fields[1]), start: fields[19] };
  } catch {
    return null;
  }
}

/** Every process under `root` now, with its start time (a pid may be reused). */
function descendants(root) {
  const all = [];
  for (const name of readdirSync('/proc')) {
    const stat = /^\d+$/.test(name) ? procStat(Number(name)) : null;
    if (stat) all.push({ pid: Number(name), ...stat });
  }
  const found = [];
  for (const parents = [root]; parents.length > 0; ) {
    const parent = parents.pop();
    for (const proc of all.filter((p) => p.ppid === parent)) {
      found.push(proc);
      parents.push(proc.pid);
    }
  }
  return found;
}

/** Whether that very process still runs (a zombie has ended). */
function isRunning(proc) {
  const stat = procStat(proc.pid);
  return stat !== null && stat.start === proc.start && stat.state !== 'Z';
}

/** Who is at the keyboard unless a journey says otherwise. */
const REPORTER = { name: 'Duy Huy', role: 'reporter' };

/**
 * Starts tauri-driver for one journey; `close()` stops it and removes its
 * files. `profile` is set on the library (through the CLI) before the app
 * first opens, so the first-start prompt does not stand in the way; pass
 * `null` to meet the prompt. The library starts as the app's first start
 * makes it, with the sample articles: made by the CLI (`byline samples`)
 * when a profile is set, by the app itself when it is not. `synthetic: N`
 * makes the library with `byline synthetic` (N synthetic articles) instead
 * of the first-run sample articles, for a journey that needs a library
 * without them. `sessionBus: true` gives the
 * journey a D-Bus session bus of its own (see `startSessionBus`).
 */
export async function startJourney({ profile = REPORTER, synthetic = 0, sessionBus = false } = {}) {
  mkdirSync(artifacts, { recursive: true });
  const home = mkdtempSync(path.join(tmpdir(), 'byline-e2e-'));
  const library = path.join(home, 'library.sqlite');
  if (profile && !synthetic) {
    execFileSync(cli, ['--library', library, 'samples']);
  }
  const port = 4444 + Math.floor(Math.random() * 2000);
  const bus = sessionBus ? await startSessionBus(home) : null;
  // XDG_DATA_HOME keeps the app's WebKit storage (language choice…) out of the
  // user's own; --library names the library itself.
  const env = {
    ...process.env,
    XDG_DATA_HOME: path.join(home, 'data'),
    BYLINE_LIBRARY: '',
    // GTK's file chooser keeps its settings in GSettings: in memory, not in
    // the user's dconf (which Xvfb's session cannot reach anyway).
    GSETTINGS_BACKEND: 'memory',
    ...(bus ? { DBUS_SESSION_BUS_ADDRESS: bus.address } : {}),
  };
  const driverProcess = spawn('tauri-driver', ['--port', String(port), '--native-port', String(port + 2000)], {
    env,
    stdio: ['ignore', 'inherit', 'inherit'],
  });
  const driver = new WebDriver(`http://127.0.0.1:${port}`);
  // What the window showed when a wait gave up, for whoever reads the failure.
  driver.onTimeout = async (what) => {
    const name = `timeout-${what.replace(/[^a-z0-9]+/gi, '-').slice(0, 60)}.png`;
    try {
      writeFileSync(path.join(artifacts, name), await driver.screenshot());
      console.error(`# screenshot of the timeout: target/e2e-artifacts/${name}`);
    } catch {
      // No session (the app is gone): nothing to show.
    }
  };
  await driver.waitUntil('tauri-driver', async () => (await fetch(`http://127.0.0.1:${port}/status`)).ok);
  return {
    driver,
    library,
    home,
    /** The environment the app runs in (through tauri-driver), to start another instance the same way. */
    env,
    /** tauri-driver's pid: the app's window belongs to a process under it. */
    driverPid: driverProcess.pid,
    /** Starts the app on the journey's library and waits for the list (unless told not to). */
    async openApp({ waitForList = true } = {}) {
      if (synthetic) {
        // Only synthetic articles: no samples.
        execFileSync(cli, ['--library', library, 'synthetic', '--count', String(synthetic), '--seed', '7']);
        synthetic = 0;
      }
      if (profile) {
        execFileSync(cli, ['--library', library, '--as', profile.name, '--role', profile.role, 'profile']);
        profile = null;
      }
      await driver.start(app, ['--library', library]);
      if (!waitForList) return;
      await driver.waitFor('[data-testid="article-list"]');
      await driver.waitUntil('the list to load', async () => (await driver.findAll('[data-testid="loading"]')).length === 0);
    },
    /**
     * Clicks "new article" and waits until the editor shows it. Until then
     * the editor may still hold the article opened at start (its load can
     * finish after the click), and typing would go into that one.
     */
    async newArticle() {
      const before = new Set();
      for (const item of await driver.findAll('[data-testid="article-item"]')) {
        before.add(await driver.attribute(item, 'data-id'));
      }
      await driver.click(await driver.find('[data-testid="new-article"]'));
      return driver.waitUntil('the new article in the editor', async () => {
        const id = await driver.attribute(await driver.find('[data-testid="editor"]'), 'data-article-id');
        return id && !before.has(id) ? id : undefined;
      });
    },
    /**
     * Answers the desktop's file chooser titled `title`, which the app
     * opened, as a person would: types `file` into its location field and
     * presses Enter (`x11.py choose`). `shot`: a screenshot of the whole
     * screen, the chooser with the path typed, under target/e2e-artifacts.
     */
    chooseInDialog(title, file, shot = null) {
      const args = [X11_SCRIPT, 'choose', title, String(driverProcess.pid), file];
      if (shot) args.push(path.join(artifacts, shot));
      execFileSync('/usr/bin/python3', args, { stdio: ['ignore', 'inherit', 'inherit'] });
    },
    /** Drops `files` on the app's window, as a file manager does (`x11.py drop`, XDND). */
    dropOnWindow(...files) {
      execFileSync('/usr/bin/python3', [X11_SCRIPT, 'drop', 'Byline', String(driverProcess.pid), ...files], {
        stdio: ['ignore', 'inherit', 'inherit'],
      });
    },
    /** Closes the desktop's file chooser titled `title` with Escape, as Cancel. */
    cancelDialog(title) {
      execFileSync('/usr/bin/python3', [X11_SCRIPT, 'cancel', title, String(driverProcess.pid)], {
        stdio: ['ignore', 'inherit', 'inherit'],
      });
    },
    /** Closes the app's window as a window manager's close button does. */
    closeWindow() {
      execFileSync('/usr/bin/python3', [X11_SCRIPT, 'close', 'Byline', String(driverProcess.pid)]);
    },
    async close() {
      await driver.quit().catch(() => {});
      // Ending the session makes WebKitWebDriver kill the app, not always
      // before it answers, and the app's WebKit processes outlive it a while,
      // writing their caches into `home`. Stopping tauri-driver kills
      // WebKitWebDriver outright: an app it had not killed yet lives on,
      // orphaned, and holds this process's output open, so the test run
      // never ends. Note them all now, and end whatever outlives the driver.
      const processes = descendants(driverProcess.pid);
      const exited = new Promise((resolve) => {
        if (driverProcess.exitCode !== null || driverProcess.signalCode !== null) resolve();
        else driverProcess.once('exit', resolve);
      });
      driverProcess.kill();
      await exited;
      for (const proc of processes.filter(isRunning)) {
        try {
          process.kill(proc.pid, 'SIGKILL');
        } catch {
          // Gone meanwhile.
        }
      }
      for (const end = Date.now() + 10000; processes.some(isRunning) && Date.now() < end; ) await sleep(50);
      bus?.stop();
      rmSync(home, { recursive: true, force: true, maxRetries: 10, retryDelay: 200 });
    },
  };
}

/**
 * A D-Bus session bus of the journey's own, its socket in `dir`: the
 * single-instance check finds the first Byline there, and Xvfb runs none.
 * Its own, not the desktop's, so a developer's running Byline never
 * answers a journey; and it starts no service (no portal, no
 * accessibility bus), so the app meets what it would without a bus, plus
 * the bus. `stop()` ends it.
 */
export async function startSessionBus(dir) {
  const config = path.join(dir, 'session-bus.conf');
  writeFileSync(
    config,
    `<!DOCTYPE busconfig PUBLIC "-//freedesktop//DTD D-Bus Bus Configuration 1.0//EN"
 "http://www.freedesktop.org/standards/dbus/1.0/busconfig.dtd">
<busconfig>
  <type>session</type>
  <listen>unix:dir=${dir}</listen>
  <policy context="default">
    <allow send_destination="*" eavesdrop="true"/>
    <allow eavesdrop="true"/>
    <allow own="*"/>
  </policy>
</busconfig>
`,
  );
  const daemon = spawn('dbus-daemon', [`--config-file=${config}`, '--nofork', '--nopidfile', '--print-address=1'], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const address = await new Promise((resolve, reject) => {
    let out = '';
    daemon.once('error', (e) => reject(new Error(`dbus-daemon (Debian's dbus-daemon package) did not start: ${e.message}`)));
    daemon.once('exit', (code) => reject(new Error(`dbus-daemon exited (${code}) before giving its address`)));
    daemon.stdout.on('data', (chunk) => {
      out += chunk;
      const line = out.split('\n')[0];
      if (out.includes('\n')) resolve(line.trim());
    });
  });
  return {
    address,
    stop() {
      if (daemon.exitCode === null && daemon.signalCode === null) daemon.kill();
    },
  };
}

/**
 * Runs `e2e/x11.py` with `args` (`minimize`, `state`, `window-of`); returns
 * what it printed, as JSON.
 */
export function x11(...args) {
  // Debian's Python, which python3-xlib is installed into (not whichever
  // `python3` comes first on the PATH).
  return JSON.parse(execFileSync('/usr/bin/python3', [X11_SCRIPT, ...args.map(String)], { encoding: 'utf8' }));
}
