// `make bench`: the app's start on a library of 100,000 articles, measured
// through WebDriver, and its memory once the first library page is up.
// Writes target/bench/extra-startup.md, which the core bench
// (crates/byline-core/benches/library.rs) appends to docs/BENCHMARKS.md.
// Not a test (not *.test.mjs): `make test` does not run it, and nothing here
// fails on a slow figure. One figure is a target the bench fails on: the
// memory after opening the library against WebKitGTK's own browser on an
// empty page, started right after each of the app's starts (MEMORY_TARGET
// below; PSS depends on what else maps the same libraries, so each start
// is paired with a floor at nearly the same moment). When it is
// missed, or cannot be judged, the report still gets written, the verdict is
// printed last and left in target/bench/startup-verdict.txt, and the exit
// status is 3 (`make bench` runs the core bench, then fails).
//
//   xvfb-run -a -s "-screen 0 1280x800x24" node e2e/bench-startup.mjs \
//     [--count N] [--seed S] [--reuse] [--runs R] [--app PATH] [--cli PATH]
//
// The library is target/bench/library-N-S.sqlite, made with the release
// `byline synthetic` unless --reuse finds it there. make bench passes its
// BENCH_ARGS as they are; the core bench's own (--quick, --history, --out)
// are accepted here and mean nothing (--history: nothing to do).

import { execFileSync, spawn } from 'node:child_process';
import { createReadStream, existsSync, mkdirSync, readFileSync, readdirSync, realpathSync, rmSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { root, startJourney } from './harness.mjs';
import { sleep } from './webdriver.mjs';

// ---- arguments ----------------------------------------------------------------

const args = {
  count: 100000,
  seed: 1,
  reuse: false,
  runs: 5,
  app: path.join(root, 'target/release/byline-app'),
  cli: path.join(root, 'target/release/byline'),
};
for (let i = 2, argv = process.argv; i < argv.length; i++) {
  const next = () => argv[++i];
  switch (argv[i]) {
    case '--count': args.count = Number(next()); break;
    case '--seed': args.seed = Number(next()); break;
    case '--reuse': args.reuse = true; break;
    case '--runs': args.runs = Number(next()); break;
    case '--app': args.app = path.resolve(next()); break;
    case '--cli': args.cli = path.resolve(next()); break;
    case '--quick': break;
    case '--out': next(); break;
    case '--history':
      console.error('bench-startup: --history, nothing to measure');
      process.exit(0);
      break;
    default: throw new Error(`unknown argument ${argv[i]}`);
  }
}

/** Milliseconds between two polls, on top of a poll's own round trip. */
const POLL_MS = 5;
/** How long after the first page the memory is read. */
const SETTLE_MS = 2000;
/** A start that takes longer than this is a failure, not a figure. */
const GIVE_UP_MS = 120000;
/**
 * The target: the app and its WebKit processes after opening the library,
 * PSS summed, at most this many times MiniBrowser's on an empty page drawn
 * the same way (no compositing), both medians of this run. A ratio to a floor
 * measured beside it, so that it means the same on another machine or
 * WebKitGTK, where both move together.
 */
const MEMORY_TARGET = 1.25;
/** The exit status of a missed (or unjudged) memory target. */
const MISSED_EXIT = 3;

const benchDir = path.join(root, 'target/bench');
const library = path.join(benchDir, `library-${args.count}-${args.seed}.sqlite`);
const output = path.join(benchDir, 'extra-startup.md');
const verdictFile = path.join(benchDir, 'startup-verdict.txt');

// ---- /proc ------------------------------------------------------------------------

const CLK_TCK = Number(execFileSync('getconf', ['CLK_TCK']).toString().trim()) || 100;

/** State, parent and start time (clock ticks since boot) from /proc/PID/stat, or null. */
function procStat(pid) {
  try {
    const text = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = text.slice(text.lastIndexOf(')') + 2).split(' ');
    return { state: fields[0], ppid: Number(fields[1]), start: Number(fields[19]) };
  } catch {
    return null;
  }
}

function processes() {
  const all = [];
  for (const name of readdirSync('/proc')) {
    const stat = /^\d+$/.test(name) ? procStat(Number(name)) : null;
    if (stat) all.push({ pid: Number(name), ...stat });
  }
  return all;
}

/** Every process under `pid`, as it is now. */
function descendants(pid, all = processes()) {
  const found = [];
  for (const parents = [pid]; parents.length > 0; ) {
    const parent = parents.pop();
    for (const p of all.filter((q) => q.ppid === parent)) {
      found.push(p);
      parents.push(p.pid);
    }
  }
  return found;
}

function isRunning(p) {
  const stat = procStat(p.pid);
  return stat !== null && stat.start === p.start && stat.state !== 'Z';
}

/** The app processes started on the bench library (only ours name that file). */
function appProcesses() {
  const exe = realpathSync(args.app);
  return processes().filter((p) => {
    try {
      return (
        realpathSync(`/proc/${p.pid}/exe`) === exe &&
        readFileSync(`/proc/${p.pid}/cmdline`, 'utf8').split('\0').includes(library) &&
        p.state !== 'Z'
      );
    } catch {
      return false;
    }
  });
}

/**
 * A process's memory in kB: VmRSS and its parts RssAnon (its own heap and
 * stacks) and RssFile (mapped files: the program and its libraries) from
 * /proc/PID/status; PSS from smaps_rollup. Named after its program file
 * (/proc's Name is cut at 15 characters).
 */
function memory(pid) {
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    const kb = (field) => Number(new RegExp(`^${field}:\\s*(\\d+) kB$`, 'm').exec(status)?.[1] ?? 0);
    let name = /^Name:\s*(.*)$/m.exec(status)?.[1] ?? '?';
    try {
      name = path.basename(realpathSync(`/proc/${pid}/exe`));
    } catch {
      // Not ours to read: keep /proc's name.
    }
    let pss = 0;
    try {
      pss = Number(/^Pss:\s*(\d+) kB$/m.exec(readFileSync(`/proc/${pid}/smaps_rollup`, 'utf8'))?.[1] ?? 0);
    } catch {
      // No smaps_rollup (an old kernel): PSS left out.
    }
    return { pid, name, rss: kb('VmRSS'), anon: kb('RssAnon'), file: kb('RssFile'), pss };
  } catch {
    return null;
  }
}

/**
 * How many processes outside `ours` map WebKitGTK's libraries now. PSS shares
 * a library's pages among every process that maps them, so while another
 * WebKitGTK program runs (a test journey, a desktop app) the figures read
 * low, the floor's (mostly library pages) more than the app's.
 */
function otherWebKitProcesses(ours) {
  const mine = new Set(ours);
  let count = 0;
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name) || mine.has(Number(name))) continue;
    try {
      const maps = readFileSync(`/proc/${name}/maps`, 'utf8');
      if (maps.includes('/libwebkit2gtk-4.1.so') || maps.includes('/libjavascriptcoregtk-4.1.so')) count++;
    } catch {
      // Gone, or not ours to read.
    }
  }
  return count;
}

/** Milliseconds since boot, as /proc/uptime says (10 ms resolution). */
function uptimeMs() {
  return Number(readFileSync('/proc/uptime', 'utf8').split(' ')[0]) * 1000;
}

// ---- the page ---------------------------------------------------------------------

// One poll: the first page's rows are in the DOM, shown, not inert, with no
// loading indicator. That the script runs at all says the page's main thread
// answers.
const READY = `
  const items = document.querySelectorAll('[data-testid="article-item"]');
  const first = items[0];
  const ready = items.length > 0 && !document.querySelector('[data-testid="loading"]') &&
    !first.disabled && !first.closest('[inert]') && first.getClientRects().length > 0;
  return { ready, rows: items.length, at: performance.timeOrigin + performance.now() };
`;
// A row whose article the editor does not show yet, and its id.
const CLICK_TARGET = `
  const open = document.querySelector('[data-testid="editor"]')?.getAttribute('data-article-id');
  const items = [...document.querySelectorAll('[data-testid="article-item"]')];
  const i = items.findIndex((b) => b.getAttribute('data-id') !== open);
  return i < 0 ? null : { index: i, id: items[i].getAttribute('data-id') };
`;
const EDITOR_ID = `return document.querySelector('[data-testid="editor"]')?.getAttribute('data-article-id') ?? null;`;

// ---- one start ----------------------------------------------------------------------

async function oneRun(driver) {
  let t0;
  let uptimeBefore;
  for (let attempt = 0; ; attempt++) {
    uptimeBefore = uptimeMs();
    t0 = performance.now();
    try {
      const created = await driver.request('POST', '/session', {
        capabilities: {
          alwaysMatch: {
            'tauri:options': { application: args.app, args: ['--library', library] },
            // Polls run while the page loads, instead of the driver holding
            // each until the load ends: the poll, not the driver, says when.
            pageLoadStrategy: 'none',
          },
        },
      });
      driver.session = created.sessionId;
      break;
    } catch (e) {
      // tauri-driver can race at start: nothing started, so try again, timed afresh.
      if (attempt >= 4) throw e;
      console.error(`new session failed (${e.message}); again`);
      for (const p of appProcesses()) process.kill(p.pid, 'SIGKILL');
      await sleep(1000);
    }
  }
  const session = performance.now() - t0;
  // The page's clock and this one are both the system's wall clock in ms,
  // so the moment a poll ran in the page is known, not only when its answer
  // came back (the answer waits while the page's main thread is busy).
  const epoch0 = performance.timeOrigin + t0;
  const trips = [];
  let ready;
  let rows;
  let previous = session; // when the page was last seen without the rows
  let slack;
  for (;;) {
    const sent = performance.now();
    const state = await driver.execute(READY).catch((e) => ({ error: e.message }));
    const now = performance.now();
    trips.push(now - sent);
    // When the script ran: the page's time, if it lies within the request.
    const ran =
      typeof state?.at === 'number' && state.at >= performance.timeOrigin + sent - 2 && state.at <= performance.timeOrigin + now + 2
        ? state.at - epoch0
        : now - t0;
    if (process.env.BENCH_DEBUG) console.error(`poll sent at ${(sent - t0).toFixed(0)} ms, ran at ${ran.toFixed(0)} ms, answered after ${(now - sent).toFixed(0)} ms: ${JSON.stringify(state)}`);
    if (state?.ready) {
      ready = ran;
      slack = ran - previous;
      rows = state.rows;
      break;
    }
    previous = ran;
    if (now - t0 > GIVE_UP_MS) {
      await driver.onTimeout?.('startup bench first page');
      throw new Error(`no library page ${GIVE_UP_MS} ms after the start: ${JSON.stringify(state)}`);
    }
    await sleep(POLL_MS);
  }

  // The same poll on the page at rest: what a poll costs when the page's
  // main thread is free, against the gap above.
  const idle = [];
  for (let i = 0; i < 5; i++) {
    const sent = performance.now();
    await driver.execute(READY);
    idle.push(performance.now() - sent);
  }

  const apps = appProcesses();
  if (apps.length !== 1) throw new Error(`expected one app process on the bench library, found ${apps.length}`);
  const app = apps[0];
  const spawned = (app.start * 1000) / CLK_TCK - uptimeBefore;

  // Memory, once the page has settled, before anything is clicked.
  await sleep(SETTLE_MS);
  const tree = [app, ...descendants(app.pid)];
  const mem = tree.map((p) => memory(p.pid)).filter(Boolean);
  const others = otherWebKitProcesses(tree.map((p) => p.pid));

  // Interactive: a click on a row opens its article in the editor.
  const target = await driver.execute(CLICK_TARGET);
  let click = null;
  if (target) {
    const items = await driver.findAll('[data-testid="article-item"]');
    const sent = performance.now();
    await driver.click(items[target.index]);
    for (;;) {
      if ((await driver.execute(EDITOR_ID)) === target.id) {
        click = performance.now() - sent;
        break;
      }
      if (performance.now() - sent > 30000) throw new Error('the clicked article never reached the editor');
      await sleep(POLL_MS);
    }
  }

  await driver.quit();
  for (const end = Date.now() + 15000; tree.some(isRunning) && Date.now() < end; ) await sleep(50);
  for (const p of tree.filter(isRunning)) process.kill(p.pid, 'SIGKILL');
  for (const end = Date.now() + 5000; tree.some(isRunning) && Date.now() < end; ) await sleep(50);

  return { ready, slack, idle: median(idle), session, spawned, polls: trips.length, rows, click, mem, others };
}

function median(values) {
  const v = [...values].sort((a, b) => a - b);
  if (v.length === 0) return NaN;
  const mid = Math.floor(v.length / 2);
  return v.length % 2 ? v[mid] : (v[mid - 1] + v[mid]) / 2;
}

// ---- the peer: WebKitGTK on an empty page --------------------------------------------

/**
 * MiniBrowser, the browser that ships with WebKitGTK (libwebkit2gtk-4.1-0), on
 * `about:blank`: the memory any WebKitGTK program holds before a page has
 * anything in it, measured as the app is, the same time after its page came
 * up. `compositing: false` sets WEBKIT_DISABLE_COMPOSITING_MODE, WebKitGTK's
 * switch for what the app asks through its settings (MiniBrowser has no
 * option for that setting).
 */
async function peerRun(env, compositing) {
  const child = spawn(miniBrowser, ['--geometry=1280x800', 'about:blank'], {
    env: { ...env, ...(compositing ? {} : { WEBKIT_DISABLE_COMPOSITING_MODE: '1' }) },
    stdio: 'ignore',
  });
  try {
    const web = () => descendants(child.pid).find((p) => memory(p.pid)?.name === 'WebKitWebProcess');
    for (const end = Date.now() + GIVE_UP_MS; !web(); await sleep(50)) {
      if (Date.now() > end || child.exitCode !== null) throw new Error(`MiniBrowser showed no page (exit ${child.exitCode})`);
    }
    // Its page is up once the web process runs: about:blank has nothing to
    // load. Then the same wait as the app's before it is read.
    await sleep(SETTLE_MS);
    const pids = [child.pid, ...descendants(child.pid).map((p) => p.pid)];
    return { mem: pids.map(memory).filter(Boolean), others: otherWebKitProcesses(pids) };
  } finally {
    const tree = [procStat(child.pid) && { pid: child.pid, ...procStat(child.pid) }, ...descendants(child.pid)].filter(Boolean);
    child.kill('SIGTERM');
    for (const end = Date.now() + 5000; tree.some(isRunning) && Date.now() < end; ) await sleep(50);
    for (const p of tree.filter(isRunning)) process.kill(p.pid, 'SIGKILL');
  }
}

function findMiniBrowser() {
  try {
    return execFileSync('dpkg-query', ['-L', 'libwebkit2gtk-4.1-0']).toString().split('\n').find((f) => f.endsWith('/MiniBrowser')) ?? null;
  } catch {
    return null;
  }
}
const miniBrowser = findMiniBrowser();

// ---- main -------------------------------------------------------------------------

for (const [what, file] of [['the app', args.app], ['the CLI', args.cli]]) {
  if (!existsSync(file)) throw new Error(`${what} is missing: ${file} (make bench builds it: cargo build --release -p byline-app -p byline-cli)`);
}
mkdirSync(benchDir, { recursive: true });
rmSync(output, { force: true });
rmSync(verdictFile, { force: true });

if (!args.reuse || !existsSync(library)) {
  for (const suffix of ['', '-wal', '-shm']) rmSync(library + suffix, { force: true });
  console.error(`adding ${args.count} synthetic articles to ${path.relative(root, library)}`);
  execFileSync(args.cli, ['--library', library, 'synthetic', '--count', String(args.count), '--seed', String(args.seed)], {
    stdio: ['ignore', 'ignore', 'inherit'],
  });
}
// Someone is at the keyboard, so the first-start prompt does not stand in
// front of the list.
execFileSync(args.cli, ['--library', library, '--as', 'Bench', '--role', 'editor', 'profile'], { stdio: 'ignore' });
// Warm, as the core bench's method says: what an earlier job pushed out of
// the page cache does not count as start-up time.
for (const suffix of ['', '-wal']) {
  if (existsSync(library + suffix)) for await (const _ of createReadStream(library + suffix, { highWaterMark: 1 << 20 }));
}
const librarySize = statSync(library).size;

// A session bus of its own, as a desktop has one (the single-instance check
// asks it), when the harness can give one.
const journey = await startJourney({ profile: null, sessionBus: true });
/** The machine's 1-minute load average at the start and the end: a busy machine's times are slower. */
const load = { start: os.loadavg()[0], end: NaN };
const sessionBus = Boolean(journey.env?.DBUS_SESSION_BUS_ADDRESS);
const results = [];
/** MiniBrowser's runs ({ mem, others }), without and with compositing. */
const peer = { off: [], on: [] };
/** Starts of MiniBrowser with compositing, after the app's. */
const COMPOSITING_RUNS = 3;
try {
  for (let i = 0; i < args.runs; i++) {
    const r = await oneRun(journey.driver);
    // The floor right after each start, on the same display and bus, so a
    // pair meets the same machine: its ratio is what the target judges.
    if (miniBrowser) {
      r.floor = await peerRun(journey.env, false);
      peer.off.push(r.floor);
    }
    console.error(
      `run ${i + 1}: first page ${r.ready.toFixed(0)} ms (${r.polls} polls), click ${r.click?.toFixed(0)} ms, ` +
        `RSS app ${mb(r.mem[0].rss)} MB, with WebKit ${mb(sum(r.mem, 'rss'))} MB, PSS ${mb(sum(r.mem, 'pss'))} MB` +
        (r.floor ? `, the empty page's PSS ${mb(sum(r.floor.mem, 'pss'))} MB` : ''),
    );
    results.push(r);
  }
  if (miniBrowser) {
    for (let i = 0; i < COMPOSITING_RUNS; i++) peer.on.push(await peerRun(journey.env, true));
  }
} finally {
  load.end = os.loadavg()[0];
  await journey.close();
}

function sum(mem, key) {
  return mem.reduce((total, m) => total + m[key], 0);
}
/** kB (KiB, as /proc says) to MB (10^6 bytes), as text. */
function mb(kb) {
  return ((kb * 1024) / 1e6).toFixed(0);
}

// ---- report ---------------------------------------------------------------------------

const cpu = /^model name\s*:\s*(.*)$/m.exec(readFileSync('/proc/cpuinfo', 'utf8'))?.[1] ?? 'unknown CPU';
const machine = `${cpu}, ${os.cpus().length} cores, ${Math.floor(os.totalmem() / 2 ** 30)} GiB, ${os.platform()}`;
const build = args.app.includes(`${path.sep}release${path.sep}`) ? 'release build' : 'debug build';
const med = (key) => median(results.map((r) => (typeof key === 'function' ? key(r) : r[key])));
const verdict = (met) => (met ? 'met' : '**missed**');
const ms = (v) => (v === null || Number.isNaN(v) ? '—' : v.toFixed(0));
const underMb = (kb, limit) => (kb * 1024) / 1e6 <= limit;
const appRss = med((r) => r.mem[0].rss);
const allRss = med((r) => sum(r.mem, 'rss'));
const allPss = med((r) => sum(r.mem, 'pss'));
const allAnon = med((r) => sum(r.mem, 'anon'));
const last = results.at(-1);
/** Medians over a peer's runs: the first process's RSS, and sums over its processes. */
function peerMedians(runs) {
  if (runs.length === 0) return null;
  const m = (f) => median(runs.map((r) => f(r.mem)));
  return { first: m((r) => r[0].rss), rss: m((r) => sum(r, 'rss')), pss: m((r) => sum(r, 'pss')), anon: m((r) => sum(r, 'anon')) };
}
const peerOff = peerMedians(peer.off);
const peerOn = peerMedians(peer.on);

// The target: each start's PSS over the floor's right after it. Pairs during
// which no other WebKitGTK program ran are judged when there are any (the
// figures an idle machine gives); otherwise all, with a warning.
const pairs = results
  .filter((r) => r.floor && sum(r.floor.mem, 'pss') > 0)
  .map((r) => ({ app: sum(r.mem, 'pss'), floor: sum(r.floor.mem, 'pss'), quiet: r.others === 0 && r.floor.others === 0 }));
const quietPairs = pairs.filter((p) => p.quiet);
const judged = quietPairs.length > 0 ? quietPairs : pairs;
const busy = pairs.length > 0 && quietPairs.length === 0;
/** The median ratio of the judged pairs, and their medians; null without a floor. */
const target =
  judged.length === 0
    ? null
    : {
        ratio: median(judged.map((p) => p.app / p.floor)),
        app: median(judged.map((p) => p.app)),
        floor: median(judged.map((p) => p.floor)),
      };
const ratioMet = target !== null && target.ratio <= MEMORY_TARGET;
const busyNote = busy
  ? 'other WebKitGTK programs ran during every pair, so every PSS here is shared with them and reads low (the floor more than the app); run on an idle machine for the figure that counts'
  : '';
const names = [...new Set(last.mem.slice(1).map((m) => m.name))].join(', ') || 'none';
const breakdown = last.mem
  .map((m) => `${m.name} ${mb(m.rss)} MB (${mb(m.anon)} MB of it its own, ${mb(m.file)} MB mapped files)`)
  .join('; ');

let md = `## App start to the first library page (WebDriver)

Written by \`e2e/bench-startup.mjs\` in the same \`make bench\` run.

- Machine: ${machine}, load average ${load.start.toFixed(1)} at the start and ${load.end.toFixed(1)} at the end (other work on the machine slows the times, not the memory); the window on Xvfb (${process.env.DISPLAY ? `display ${process.env.DISPLAY}, ` : ''}1280×800, software rendering; the app draws without accelerated compositing), ${sessionBus ? 'a D-Bus session bus of its own (the single-instance check asks it)' : 'no D-Bus session bus'}.
- App: \`${path.relative(root, args.app)}\` (${build}, the UI embedded), through tauri-driver and WebKitWebDriver (${webkitVersion()}).
- Library: \`${path.relative(root, library)}\`, ${args.count} synthetic articles (\`byline synthetic --count ${args.count} --seed ${args.seed}\`), ${(librarySize / 2 ** 20).toFixed(0)} MiB, read once before the runs so it is warm in the page cache, as for the core figures; a start after a reboot would read its first pages from disk.
- Method, time: ${args.runs} starts, one after another, each a new WebDriver session whose capabilities name the app and \`--library\`. A start is timed from just before the new-session request (the driver then spawns the app: the app process's start time in /proc came a median ${ms(med('spawned'))} ms after the request, at /proc's 10 ms resolution, and that is inside the figure) to the moment a poll finds the first page's rows (\`[data-testid=article-item]\`) in the page, shown, not inert, and no loading indicator. A poll is one WebDriver script run in the page (page-load strategy \`none\`, so the driver does not hold it until the page has loaded). It runs only when the page's main thread is free, so finding the rows also says the page answers; and it returns the page's clock (\`performance.timeOrigin + performance.now()\`, the system's wall clock, as this script's is), so a start ends when the script ran, not when its answer came back. A poll is sent ${POLL_MS} ms after the previous answer. A figure is late by at most the poll gap, the time since the previous poll ran and found no rows (median ${ms(med('slack'))} ms). On the page at rest a poll takes ${ms(med('idle'))} ms from request to answer${med('slack') > 2 * med('idle') ? ", so most of the gap is the page's main thread busy starting, when it would not answer a click either" : ''}. Then a row the editor does not show is clicked (a WebDriver element click) and the time until the editor shows its article is given: the rows answer. The list is virtual: ${last.rows} rows are in the page, the rest are the scroll height.
- Method, memory: read ${SETTLE_MS / 1000} s after the first page, before the click, from /proc: VmRSS of the app process alone, and summed over the app and every process under it (${names}); PSS (smaps_rollup) summed the same way; and RssAnon summed (memory each process holds for itself: heaps, stacks, the web process's JavaScript). An RSS sum counts a shared page (the WebKit, GTK and other libraries) once per process that maps it, so it overstates what the processes take together; PSS shares each such page out among its processes. MB = 10^6 bytes.
- All runs use one tauri-driver and one WebKit data folder: run 1 is the first start with that folder, the others find its caches. Times in milliseconds.

| run | first page | poll gap | new session answered | app started after the request | polls | click → editor |
|---|---|---|---|---|---|---|
`;
results.forEach((r, i) => {
  md += `| ${i + 1} | ${ms(r.ready)} | ${ms(r.slack)} | ${ms(r.session)} | ${ms(r.spawned)} | ${r.polls} | ${ms(r.click)} |\n`;
});
md += `| median | ${ms(med('ready'))} | ${ms(med('slack'))} | ${ms(med('session'))} | ${ms(med('spawned'))} | ${med('polls')} | ${ms(med('click'))} |

| run | RSS, app | RSS, app + WebKit | PSS, app + WebKit | own (RssAnon), app + WebKit | PSS, the empty page right after | PSS ÷ the empty page's | other WebKitGTK processes then (app / empty page) |
|---|---|---|---|---|---|---|---|
`;
results.forEach((r, i) => {
  const floor = r.floor ? sum(r.floor.mem, 'pss') : null;
  md += `| ${i + 1} | ${mb(r.mem[0].rss)} | ${mb(sum(r.mem, 'rss'))} | ${mb(sum(r.mem, 'pss'))} | ${mb(sum(r.mem, 'anon'))} | ${floor ? mb(floor) : '—'} | ${floor ? (sum(r.mem, 'pss') / floor).toFixed(2) : '—'} | ${r.others} / ${r.floor ? r.floor.others : '—'} |\n`;
});
md += `| median | ${mb(appRss)} | ${mb(allRss)} | ${mb(allPss)} | ${mb(allAnon)} | ${peerOff ? mb(peerOff.pss) : '—'} | ${pairs.length ? median(pairs.map((p) => p.app / p.floor)).toFixed(2) : '—'} | |

Run ${results.length}, process by process (RSS): ${breakdown}.

| goal | measured (median of ${results.length}) | |
|---|---|---|
| start to the first interactive library page ≤ 1 s, ${args.count} articles | ${ms(med('ready'))} ms | ${verdict(med('ready') <= 1000)} |
| resident memory after opening the library ≤ 200 MB: the app and its WebKit processes, RSS summed | ${mb(allRss)} MB | ${verdict(underMb(allRss, 200))} |
| the same, PSS summed (a shared page counted once) | ${mb(allPss)} MB | ${verdict(underMb(allPss, 200))} |
| the app process alone, RSS (leaves out the web process, which holds the page) | ${mb(appRss)} MB | ${verdict(underMb(appRss, 200))} |
${peerOff ? `| the floor: WebKitGTK's own browser on an empty page, drawn as the app draws, RSS summed / PSS summed | ${mb(peerOff.rss)} / ${mb(peerOff.pss)} MB | |\n` : ''}| **target, the bench fails when missed:** PSS summed after opening the library ≤ ${MEMORY_TARGET}× the floor's PSS summed, measured right after each start (median of the pairs' ratios) | ${target === null ? 'no floor measured (MiniBrowser not found)' : `${target.ratio.toFixed(2)}× (${mb(target.app)} / ${mb(target.floor)} MB)`} | ${target === null ? '**not judged**' : verdict(ratioMet)} |

The memory goal is judged on the RSS sum of the app and its WebKit processes: the web process draws the library page and is as much the app as the app process is, so the app alone would flatter it; the PSS sum is the fairer total, and is given beside it.
`;
if (peerOff) {
  md += `
### Peer: WebKitGTK on an empty page

MiniBrowser (\`${miniBrowser}\`, the browser that comes with the same WebKitGTK) on \`about:blank\`, in the same run, on the same display and session bus: ${peer.off.length} starts without accelerated compositing (\`WEBKIT_DISABLE_COMPOSITING_MODE=1\`, WebKitGTK's switch for what Byline sets through its web view's settings), each right after one of the app's, and ${peer.on.length} with it (WebKitGTK's default) after them, each read ${SETTLE_MS / 1000} s after its web process came up, the same way as the app. Medians, MB:

| program | RSS, first process | RSS summed | PSS summed | own (RssAnon) summed |
|---|---|---|---|---|
| MiniBrowser, empty page, no compositing | ${mb(peerOff.first)} | ${mb(peerOff.rss)} | ${mb(peerOff.pss)} | ${mb(peerOff.anon)} |
| MiniBrowser, empty page, compositing | ${mb(peerOn.first)} | ${mb(peerOn.rss)} | ${mb(peerOn.pss)} | ${mb(peerOn.anon)} |
| Byline, the library page of ${args.count} articles, no compositing | ${mb(appRss)} | ${mb(allRss)} | ${mb(allPss)} | ${mb(allAnon)} |

Accelerated compositing, on an empty page, costs ${mb(peerOn.rss - peerOff.rss)} MB of RSS summed (${mb(peerOn.pss - peerOff.pss)} MB PSS): without a GPU it draws through Mesa's software GL. Byline turns it off (\`src-tauri/src/lib.rs\`, \`draw_without_compositing\`).
`;
}
if (!underMb(allRss, 200)) {
  const biggest = [...last.mem].sort((x, y) => y.anon - x.anon)[0];
  md += `\nThe memory goal is missed. In run ${results.length}, ${mb(sum(last.mem, 'anon'))} MB of the processes' memory is their own (RssAnon), ${mb(biggest.anon)} MB of it ${biggest.name}'s; the rest is the program and the libraries they map (WebKit, JavaScriptCore, GTK, and Mesa's libLLVM, which WebKitGTK loads even to draw in software), counted in each process that maps them in the RSS sum. The app process alone is ${mb(appRss)} MB.`;
  if (peerOff && !underMb(peerOff.rss, 200)) {
    md += ` No WebKitGTK program can meet the goal on the RSS sum here: WebKitGTK's own browser with an empty page holds ${mb(peerOff.rss)} MB summed (${mb(peerOff.pss)} MB PSS) drawn the same way, before a page has anything in it. Byline, with a library of ${args.count} articles open, its list, the editor and the preview showing an article, holds ${mb(allPss - peerOff.pss)} MB PSS (${mb(allAnon - peerOff.anon)} MB of its own memory) more than that empty page.`;
  }
  md += ' The page is drawn in software here (Xvfb, no GPU); a desktop with a GPU loads its own driver instead.\n';
}
if (target !== null) {
  const allowed = MEMORY_TARGET * target.floor;
  md += `
### Target: the library open, against the empty page

After each start, once the app's figures are read, MiniBrowser is started on an empty page, drawn the same way, and read the same way: a pair on the same machine at nearly the same moment. PSS shares a library's pages among all the processes that map it, on the whole machine, so another WebKitGTK program running at the time (a test journey, a desktop app) lowers both figures, the empty page's more (it is mostly library pages); the last column above counts those processes, and the target is judged on the pairs during which there were none (${quietPairs.length} of ${pairs.length})${busy ? `, or, there being none, on all of them: ${busyNote}` : ''}.

The app and its WebKit processes hold ${mb(target.app)} MB PSS summed 2 s after the first library page of ${args.count} articles, the empty page ${mb(target.floor)} MB (medians of the judged pairs); the median ratio is ${target.ratio.toFixed(2)}×, against a target of at most ${MEMORY_TARGET}× (${mb(allowed)} MB of the median floor): ${ratioMet ? `met, with ${mb(allowed - target.app)} MB to spare` : `**missed** by ${mb(target.app - allowed)} MB`}. A ratio to a floor measured beside it means the same on another machine or WebKitGTK version, where both move together. \`make bench\` fails when it is missed.
`;
}
if (build === 'debug build') {
  md += '\nA debug build of the app was measured (--app): its figures are not the release figures.\n';
}
writeFileSync(output, md);
console.log(md);

// The verdict on the one target this bench fails on: the last line printed,
// and a file `make bench` prints again once the core bench has run.
const verdictLine =
  target === null
    ? `bench-startup: memory target NOT JUDGED: no MiniBrowser measured the empty-page floor (it comes with libwebkit2gtk-4.1-0)`
    : `bench-startup: memory target ${ratioMet ? 'met' : 'MISSED'}: PSS after opening the ${args.count}-article library ` +
      `${mb(target.app)} MB = ${target.ratio.toFixed(2)}× the empty-page floor of ${mb(target.floor)} MB measured beside it ` +
      `(target ≤ ${MEMORY_TARGET}×, ${mb(MEMORY_TARGET * target.floor)} MB${ratioMet ? '' : `; over by ${mb(target.app - MEMORY_TARGET * target.floor)} MB`})` +
      (busy ? `; WARNING: ${busyNote}` : '');
writeFileSync(verdictFile, `${verdictLine}\n`);
console.error(verdictLine);
if (!ratioMet) process.exitCode = MISSED_EXIT;

function webkitVersion() {
  try {
    return `WebKitGTK ${execFileSync('dpkg-query', ['-W', '-f=${Version}', 'libwebkit2gtk-4.1-0']).toString().trim()}`;
  } catch {
    return 'WebKitGTK';
  }
}
