//! Crash safety: a process that saves, or exports, is killed with SIGKILL at
//! random moments, and what it leaves behind is checked after every kill.
//!
//! The process is this test binary run again (`current_exe`) with
//! `--exact crash::<child>` and `BYLINE_CRASH_CHILD` set, so it goes through
//! the same store and export code the app calls, and the product's command
//! line gains nothing for tests. The child tests do nothing unless that
//! variable names them; run by `cargo test`, they pass at once.
//!
//! What "acknowledged and present" means here. The saving child prints
//! `saving N`, calls `Store::save_fields(id, fields, Some(&actor),
//! SaveKind::Auto)` with N written at both ends of a 2,000-word body, and
//! prints `saved N` once that call has returned: `saved N` is the
//! acknowledgement the app's autosave gets. Each save replaces the body, so
//! "every acknowledged save is present" means the library holds save N for
//! the last acknowledged N, or the one save after it that had been announced
//! and was in flight (its transaction may have committed before the kill);
//! nothing older, nothing half-written, nothing never announced. The next
//! child continues from what it finds, so it must find exactly that number.
//!
//! The index agrees with the articles when the article's body is in
//! `search_index` token for token (read back through `fts5vocab`), a search
//! for the two words of this save finds the article and those of the saves
//! before and after it find nothing, and every article has exactly one index
//! entry. `search_index` is contentless, so FTS5's own `integrity-check`
//! (run here, and by `PRAGMA integrity_check` since SQLite 3.44) can only
//! check the index's structure, not what it says about the articles.
//!
//! The exporting child writes a package and an html-single page to the
//! same two paths over and over, a counter in the headlines changing each
//! time. After a kill, under each final name there is either nothing (before
//! the first write finished) or a whole file: the one the child last said it
//! finished, or the one it had started.
//!
//! Each check runs on a copy of the files, so the next child starts on the
//! library exactly as the kill left it, WAL and all, and recovers it itself.
//! The two parent tests run at once, each with its own library.
//!
//! `BYLINE_CRASH_KILLS` sets the number of kills of each child (20 by default,
//! 200 in `make bench`), `BYLINE_CRASH_SEED` replays a run's kill moments, and
//! `BYLINE_CRASH_REPORT` names a Markdown file to write the results to.
#![cfg(unix)]

use std::{
    collections::{BTreeMap, BTreeSet},
    io::{BufRead, BufReader, Write},
    os::unix::process::ExitStatusExt,
    path::{Path, PathBuf},
    process::{Child, Command, Stdio},
    sync::{
        Mutex,
        mpsc::{self, Receiver, RecvTimeoutError},
    },
    thread,
    time::{Duration, Instant},
};

use byline_core::{
    Article, ArticleFields, ArticleId, Store,
    export::{
        html,
        package::{self, PackageKind},
    },
    import,
    search_text::{self, IndexText},
    store::{Filter, SaveKind},
    workflow::{Actor, Role},
};
use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;
use rusqlite::{Connection, OptionalExtension};

const CHILD_ENV: &str = "BYLINE_CRASH_CHILD";
const LIBRARY_ENV: &str = "BYLINE_CRASH_LIBRARY";
const OUT_ENV: &str = "BYLINE_CRASH_OUT";
const ARTICLE_ENV: &str = "BYLINE_CRASH_ARTICLE";
const PAGE_ARTICLE_ENV: &str = "BYLINE_CRASH_PAGE_ARTICLE";
const KILLS_ENV: &str = "BYLINE_CRASH_KILLS";
const SEED_ENV: &str = "BYLINE_CRASH_SEED";
const REPORT_ENV: &str = "BYLINE_CRASH_REPORT";

const SAVER: &str = "saver";
const EXPORTER: &str = "exporter";

/// Enough kills to land in every part of a save several times, in a few
/// seconds of `make test`.
const DEFAULT_KILLS: usize = 20;

/// The sample that has two photos.
const SAMPLE_SLUG: &str = "xa-an-thinh-ra-mat-mo-hinh-dan-van-kheo-trong-chuyen-doi-so";
const ENGLISH_SLUG: &str = "harbour-town-opens-its-first-public-reading-room";

/// An autosave's article: about 2,000 words, as the issue asks.
const BODY_WORDS: usize = 2_000;

const PROFILE: &str = "Minh Anh";

/// One kill in this many is aimed at the child's start (opening the library,
/// recovering the WAL the last kill left), not at a save or a write.
const STARTUP_KILLS_ONE_IN: u32 = 8;

// ---- the children -------------------------------------------------------------

/// The saving child: autosaves forever, from the number it finds in the
/// library, until the parent kills it.
#[test]
fn saver_child_runs_only_when_spawned_by_the_crash_test() {
    if std::env::var(CHILD_ENV).as_deref() != Ok(SAVER) {
        return;
    }
    let (store, actor) = child_store();
    let id = env_id(ARTICLE_ENV);
    let article = store.article(&id.to_string()).unwrap();
    let mut n = save_number(&article.body).expect("a body the saver wrote");
    let base = base_body(&article.body);
    let fields = article.to_fields();
    say(&format!("ready {n}"));
    loop {
        n += 1;
        say(&format!("saving {n}"));
        store
            .save_fields(
                id,
                fields_for(&fields, &base, n),
                Some(&actor),
                SaveKind::Auto,
            )
            .unwrap();
        say(&format!("saved {n}"));
    }
}

/// The exporting child: puts a new counter in two headlines, then writes the
/// package of one article and the html-single page of the other to the same
/// two paths, forever.
///
/// The package is of the sample with two photos (its media make it about
/// 100 KB). The page is of the English sample, which has none: an
/// html-single page re-encodes every photo as JPEG, which takes over a
/// second in a debug build, and the kills are meant for the writes.
#[test]
fn exporter_child_runs_only_when_spawned_by_the_crash_test() {
    if std::env::var(CHILD_ENV).as_deref() != Ok(EXPORTER) {
        return;
    }
    let (store, actor) = child_store();
    let out = PathBuf::from(std::env::var(OUT_ENV).unwrap());
    let packaged = store.article(&env_id(ARTICLE_ENV).to_string()).unwrap();
    let paged = store
        .article(&env_id(PAGE_ARTICLE_ENV).to_string())
        .unwrap();
    let (packaged_headline, mut n) =
        split_counter(&packaged.headline).expect("a headline with a counter");
    let (paged_headline, _) = split_counter(&paged.headline).expect("a headline with a counter");
    say(&format!("ready {n}"));
    loop {
        n += 1;
        let retitle = |article: &Article, headline: &str| ArticleFields {
            headline: with_counter(headline, n),
            ..article.to_fields()
        };
        store
            .save_fields(
                packaged.id,
                retitle(&packaged, &packaged_headline),
                Some(&actor),
                SaveKind::Auto,
            )
            .unwrap();
        let page = store
            .save_fields(
                paged.id,
                retitle(&paged, &paged_headline),
                Some(&actor),
                SaveKind::Auto,
            )
            .unwrap();
        say(&format!("writing {n}"));
        package::write(
            &store,
            packaged.id,
            &actor,
            PackageKind::Handoff,
            &out.join(PACKAGE),
        )
        .unwrap();
        say(&format!("packaged {n}"));
        html::write_single(&store, &page, &out.join(PAGE)).unwrap();
        say(&format!("wrote {n}"));
    }
}

/// The library the parent named, opened as the app opens it, and the
/// profile the parent set.
fn child_store() -> (Store, Actor) {
    let library = PathBuf::from(std::env::var(LIBRARY_ENV).unwrap());
    let store = Store::open(&library).unwrap();
    let actor = store.profile().unwrap().expect("the parent set a profile");
    (store, actor)
}

fn env_id(name: &str) -> ArticleId {
    std::env::var(name).unwrap().parse().unwrap()
}

/// One line to the parent, flushed at once: a line the parent has read is a
/// step that was finished. When the parent is gone (the pipe is closed) there
/// is nobody to save for, and the child stops.
fn say(line: &str) {
    let mut out = std::io::stdout().lock();
    if writeln!(out, "{LINE_PREFIX}{line}")
        .and_then(|()| out.flush())
        .is_err()
    {
        std::process::exit(0);
    }
}

/// Marks the child's own lines among libtest's ("running 1 test").
const LINE_PREFIX: &str = "crash: ";

// ---- the articles ------------------------------------------------------------

/// The sample's body grown to [`BODY_WORDS`] with its own text paragraphs
/// (photo lines, headings and lists stay once, as in the sample).
fn grown_body(sample: &str) -> String {
    let paragraphs: Vec<&str> = sample
        .split("\n\n")
        .map(str::trim)
        .filter(|p| p.chars().next().is_some_and(char::is_alphabetic))
        .collect();
    assert!(!paragraphs.is_empty(), "the sample has text paragraphs");
    let mut body = sample.trim().to_owned();
    for p in paragraphs.iter().cycle() {
        if word_count(&body) >= BODY_WORDS {
            break;
        }
        body.push_str("\n\n");
        body.push_str(p);
    }
    body
}

fn word_count(text: &str) -> usize {
    search_text::words(text).count()
}

/// Save `n`'s body: the grown body between two words that only save `n` has,
/// one at each end, so a search finds the save only if the whole body was
/// indexed.
fn body_for(base: &str, n: u64) -> String {
    format!("{SAVE_PREFIX}{n} batdau{n}.\n\n{base}\n\nketthuc{n}")
}

const SAVE_PREFIX: &str = "Bản lưu số ";

/// The number of the save `body` is, if it is one.
fn save_number(body: &str) -> Option<u64> {
    let rest = body.strip_prefix(SAVE_PREFIX)?;
    rest.split(' ').next()?.parse().ok()
}

/// The grown body inside a save's body.
fn base_body(body: &str) -> String {
    let start = body.find("\n\n").expect("a save's first line") + 2;
    let end = body.rfind("\n\n").expect("a save's last line");
    body[start..end].to_owned()
}

fn fields_for(fields: &ArticleFields, base: &str, n: u64) -> ArticleFields {
    ArticleFields {
        body: body_for(base, n),
        ..fields.clone()
    }
}

fn with_counter(headline: &str, n: u64) -> String {
    format!("{headline} (bản {n})")
}

/// `("headline", n)` of a headline [`with_counter`] made.
fn split_counter(headline: &str) -> Option<(String, u64)> {
    let (base, rest) = headline.rsplit_once(" (bản ")?;
    Some((base.to_owned(), rest.strip_suffix(')')?.parse().ok()?))
}

/// Every counter a page shows (its title, its heading, its meta tags).
fn page_counters(page: &str) -> Vec<u64> {
    page.split("(bản ")
        .skip(1)
        .filter_map(|rest| rest.split(')').next()?.parse().ok())
        .collect()
}

const PACKAGE: &str = "article.bylinepkg";
const PAGE: &str = "article.html";

/// A library as the app's first start makes one (the first-run samples in
/// it) with a profile, closed. Returns the ids of the sample with two photos
/// and of the English one.
fn setup_library(path: &Path) -> (ArticleId, ArticleId, Actor) {
    let store = Store::open(path).unwrap();
    byline_core::samples::add(&store).unwrap();
    let actor = store.set_profile(PROFILE, Role::Reporter).unwrap();
    let article = store.article(SAMPLE_SLUG).unwrap();
    assert_eq!(article.photos.len(), 2, "the sample with two photos");
    let english = store.article(ENGLISH_SLUG).unwrap();
    (article.id, english.id, actor)
}

/// Puts counter `n` in the headlines of `ids` (which have none yet).
fn number_headlines(library: &Path, ids: &[ArticleId], actor: &Actor, n: u64) {
    let store = Store::open(library).unwrap();
    for id in ids {
        let article = store.article(&id.to_string()).unwrap();
        let fields = ArticleFields {
            headline: with_counter(&article.headline, n),
            ..article.to_fields()
        };
        store
            .save_fields(*id, fields, Some(actor), SaveKind::Auto)
            .unwrap();
    }
}

// ---- the parents -----------------------------------------------------------------

#[test]
fn sigkill_while_autosaving_never_loses_an_acknowledged_save() {
    let (kills, seed) = kills_and_seed("autosave");
    let started = Instant::now();
    let mut run = kill_the_saver(kills, seed);
    run.elapsed = started.elapsed();
    eprintln!("{run:?}");
    assert_eq!(run.kills, kills);
    report(|r| r.saver = Some(run));
}

#[test]
fn sigkill_while_exporting_leaves_the_old_file_or_the_new_one() {
    let (kills, seed) = kills_and_seed("export");
    let started = Instant::now();
    let mut run = kill_the_exporter(kills, seed);
    run.elapsed = started.elapsed();
    eprintln!("{run:?}");
    assert_eq!(run.kills, kills);
    report(|r| r.exporter = Some(run));
}

/// `BYLINE_CRASH_KILLS` (else [`DEFAULT_KILLS`]) and `BYLINE_CRASH_SEED`
/// (else a new one).
fn kills_and_seed(test: &str) -> (usize, u64) {
    let kills: usize = match std::env::var(KILLS_ENV) {
        Ok(v) => v.parse().expect("BYLINE_CRASH_KILLS is a number"),
        Err(_) => DEFAULT_KILLS,
    };
    let seed: u64 = match std::env::var(SEED_ENV) {
        Ok(v) => v.parse().expect("BYLINE_CRASH_SEED is a number"),
        Err(_) => rand::rng().random(),
    };
    // Printed first so that a failure, whose output libtest shows, can be
    // replayed.
    eprintln!("crash test ({test}): {kills} kills, {SEED_ENV}={seed}");
    (kills, seed)
}

#[derive(Debug, Default)]
struct SaverRun {
    seed: u64,
    kills: usize,
    kills_while_starting: usize,
    /// `saved N` lines read, all runs together.
    acknowledged: u64,
    /// Kills after which the child had acknowledged a save since the one
    /// before: the check then looked for a save that was new.
    new_acknowledged: usize,
    /// The save in flight at the kill was found committed / not committed.
    in_flight_committed: usize,
    in_flight_lost: usize,
    /// Words of the body read back from the index, all checks together.
    words_checked: u64,
    body_words: usize,
    elapsed: Duration,
}

#[derive(Debug, Default)]
struct ExporterRun {
    seed: u64,
    kills: usize,
    kills_while_starting: usize,
    /// `wrote N` lines read, all runs together.
    written: u64,
    /// Kills after which the package / page under the final name was the
    /// one being written when the kill came.
    packages_in_flight: usize,
    pages_in_flight: usize,
    /// Temporary files (`.byline-*`) kills left beside the exports.
    temp_files_left: usize,
    package_bytes: u64,
    page_bytes: u64,
    elapsed: Duration,
}

fn kill_the_saver(kills: usize, seed: u64) -> SaverRun {
    let mut rng = ChaCha8Rng::seed_from_u64(seed);
    let dir = tempfile::tempdir().unwrap();
    let library = dir.path().join("library.sqlite");
    let (id, _, actor) = setup_library(&library);
    let (base, expected) = {
        let store = Store::open(&library).unwrap();
        let article = store.article(&id.to_string()).unwrap();
        let base = grown_body(&article.body);
        let saved = store
            .save_fields(
                id,
                fields_for(&article.to_fields(), &base, 0),
                Some(&actor),
                SaveKind::Auto,
            )
            .unwrap();
        (base, saved.to_fields())
    };
    let mut run = SaverRun {
        seed,
        body_words: word_count(&body_for(&base, 0)),
        ..SaverRun::default()
    };
    let checks = tempfile::tempdir().unwrap();
    // The save the library held at the last check: a child starts from it,
    // and it is the last acknowledged one until the child acknowledges more.
    let mut floor = check_library(&library, checks.path(), id, &expected, &base, 0, 0)
        .unwrap_or_else(|e| panic!("before any kill: {e}"))
        .save;
    let mut pace = Pace::new();
    for kill in 0..kills {
        let context = |e: String| format!("autosave, kill {kill} ({SEED_ENV}={seed}): {e}");
        let mut child = Spawned::new(
            SAVER,
            &[
                (LIBRARY_ENV, library.display().to_string()),
                (ARTICLE_ENV, id.to_string()),
            ],
        );
        let outcome = child.kill_at_random(&mut rng, &mut pace, &["saving"]);
        let (mut acked, mut announced) = (floor, floor);
        for line in &outcome.lines {
            match line.split_once(' ') {
                Some(("ready", n)) => {
                    let n: u64 = n.parse().unwrap();
                    // It continues from what is there: the save the last
                    // check found.
                    assert_eq!(n, floor, "{}", context("started elsewhere".into()));
                }
                Some(("saving", n)) => announced = n.parse().unwrap(),
                Some(("saved", n)) => {
                    acked = n.parse().unwrap();
                    run.acknowledged += 1;
                }
                _ => panic!("{}", context(format!("unexpected line {line:?}"))),
            }
        }
        assert!(
            announced <= acked + 1,
            "{}",
            context("two saves at once".into())
        );
        let found = check_library(
            &library,
            checks.path(),
            id,
            &expected,
            &base,
            acked,
            announced,
        )
        .unwrap_or_else(|e| panic!("{}", context(e)));
        run.kills += 1;
        run.kills_while_starting += usize::from(!outcome.started);
        run.new_acknowledged += usize::from(acked > floor);
        if announced > acked {
            if found.save == announced {
                run.in_flight_committed += 1;
            } else {
                run.in_flight_lost += 1;
            }
        }
        run.words_checked += found.words as u64;
        floor = found.save;
    }
    run
}

fn kill_the_exporter(kills: usize, seed: u64) -> ExporterRun {
    let mut rng = ChaCha8Rng::seed_from_u64(seed);
    let dir = tempfile::tempdir().unwrap();
    let library = dir.path().join("library.sqlite");
    let out = dir.path().join("out");
    std::fs::create_dir(&out).unwrap();
    let (id, page_id, actor) = setup_library(&library);
    number_headlines(&library, &[id, page_id], &actor, 0);
    let mut run = ExporterRun {
        seed,
        ..ExporterRun::default()
    };
    let checks = tempfile::tempdir().unwrap();
    // The newest package and page the child said it finished, and the newest
    // write it started, over all the children: each file must be one of them.
    let (mut packaged, mut wrote, mut writing): (Option<u64>, Option<u64>, Option<u64>) =
        (None, None, None);
    // The counter the library holds as far as the children said: a child
    // killed between saving a counter and saying `writing` leaves it one
    // ahead, and the next child starts from there (and may be killed the
    // same way, before it says anything but `ready`).
    let mut counter: u64 = 0;
    let mut pace = Pace::new();
    for kill in 0..kills {
        let context = |e: String| format!("export, kill {kill} ({SEED_ENV}={seed}): {e}");
        let mut child = Spawned::new(
            EXPORTER,
            &[
                (LIBRARY_ENV, library.display().to_string()),
                (OUT_ENV, out.display().to_string()),
                (ARTICLE_ENV, id.to_string()),
                (PAGE_ARTICLE_ENV, page_id.to_string()),
            ],
        );
        let outcome = child.kill_at_random(&mut rng, &mut pace, &["writing", "packaged"]);
        for line in &outcome.lines {
            let (word, n) = line
                .split_once(' ')
                .unwrap_or_else(|| panic!("{}", context(format!("unexpected line {line:?}"))));
            let n: u64 = n.parse().unwrap();
            match word {
                // The counter is saved before `writing` is said, so a child
                // finds the last one said, or the one after it if the kill
                // came between the save and the line.
                "ready" => {
                    assert!(
                        n == counter || n == counter + 1,
                        "{}",
                        context(format!(
                            "started from {n}; the last counter said was {counter} \
                             (the last write started: {writing:?})"
                        ))
                    );
                    counter = n;
                }
                "writing" => {
                    writing = Some(n);
                    counter = n;
                }
                "packaged" => packaged = Some(n),
                "wrote" => {
                    wrote = Some(n);
                    run.written += 1;
                }
                _ => panic!("{}", context(format!("unexpected line {line:?}"))),
            }
        }
        let found = check_exports(&out, packaged, wrote, writing)
            .unwrap_or_else(|e| panic!("{}", context(e)));
        // The library was killed mid-save and mid-revision too.
        let copy = copy_library(&library, checks.path()).unwrap();
        integrity(&Connection::open(&copy).unwrap()).unwrap_or_else(|e| panic!("{}", context(e)));
        run.kills += 1;
        run.kills_while_starting += usize::from(!outcome.started);
        run.packages_in_flight += usize::from(found.package.is_some() && found.package != packaged);
        run.pages_in_flight += usize::from(found.page.is_some() && found.page != wrote);
        run.package_bytes = run.package_bytes.max(found.package_bytes);
        run.page_bytes = run.page_bytes.max(found.page_bytes);
        // A kill's temporary file is dead: counted, then removed as the next
        // export into the folder would (here at once rather than an hour on),
        // so that the next check counts only its own kill's.
        let removed = byline_core::export::remove_stale_temporaries(&out, Duration::ZERO);
        assert_eq!(
            removed,
            found.temp_files.len(),
            "{}",
            context(format!(
                "remove_stale_temporaries missed some of {:?}",
                found.temp_files
            ))
        );
        run.temp_files_left += found.temp_files.len();
        // The file under the final name is the oldest either may be from now on.
        packaged = found.package.or(packaged);
        wrote = found.page.or(wrote);
    }
    run
}

// ---- the checks ----------------------------------------------------------------

/// Checks the library a kill left, on a copy of its files so that the next
/// child still finds the library exactly as the kill left it (a WAL not yet
/// checkpointed included, which the child then recovers). Returns the number
/// of the save the library holds.
fn check_library(
    library: &Path,
    scratch: &Path,
    id: ArticleId,
    expected: &ArticleFields,
    base: &str,
    acknowledged: u64,
    announced: u64,
) -> Result<Checked, String> {
    let copy = copy_library(library, scratch)?;
    check_files(&copy, id, expected, base, acknowledged, announced)
}

/// Copies the library's files into `scratch`, replacing an earlier copy.
/// The -shm file is left out: it is only an index of the WAL, which the
/// first connection rebuilds, so the copy recovers as after a reboot.
fn copy_library(library: &Path, scratch: &Path) -> Result<PathBuf, String> {
    let copy = scratch.join("library.sqlite");
    for suffix in ["", "-wal", "-shm"] {
        let from = PathBuf::from(format!("{}{suffix}", library.display()));
        let to = PathBuf::from(format!("{}{suffix}", copy.display()));
        let _ = std::fs::remove_file(&to);
        if suffix != "-shm" && from.exists() {
            std::fs::copy(&from, &to).map_err(|e| format!("copy {}: {e}", from.display()))?;
        }
    }
    Ok(copy)
}

/// `PRAGMA integrity_check` says "ok" (it runs FTS5's check of the index's
/// structure too).
fn integrity(conn: &Connection) -> Result<(), String> {
    let integrity: Vec<String> = conn
        .prepare("PRAGMA integrity_check")
        .and_then(|mut s| s.query_map([], |r| r.get(0))?.collect())
        .map_err(|e| e.to_string())?;
    if integrity != ["ok"] {
        return Err(format!("PRAGMA integrity_check: {integrity:?}"));
    }
    Ok(())
}

/// The checks of [`check_library`] on the library at `path`, which they may
/// change (recovery, the FTS5 check's write transaction).
fn check_files(
    path: &Path,
    id: ArticleId,
    expected: &ArticleFields,
    base: &str,
    acknowledged: u64,
    announced: u64,
) -> Result<Checked, String> {
    let sql = |e: rusqlite::Error| e.to_string();
    let docid = {
        let conn = Connection::open(path).map_err(sql)?;
        integrity(&conn)?;
        conn.execute(
            "INSERT INTO search_index (search_index) VALUES ('integrity-check')",
            [],
        )
        .map_err(|e| format!("FTS5 integrity-check: {e}"))?;
        let broken: Option<String> = conn
            .query_row("PRAGMA foreign_key_check", [], |r| r.get(0))
            .optional()
            .map_err(sql)?;
        if let Some(table) = broken {
            return Err(format!("a broken reference in {table}"));
        }
        index_matches_articles(&conn)?;
        let docid: i64 = conn
            .query_row(
                "SELECT docid FROM search_docs WHERE article_id = ?1",
                [id.to_string()],
                |r| r.get(0),
            )
            .map_err(|e| format!("the article's index entry: {e}"))?;
        docid
    };

    let store = Store::open(path).map_err(|e| e.to_string())?;
    let article = store.article(&id.to_string()).map_err(|e| e.to_string())?;
    let n = save_number(&article.body)
        .ok_or_else(|| format!("a body no save wrote: {:?}…", excerpt(&article.body)))?;
    if n != acknowledged && n != announced {
        return Err(format!(
            "the library holds save {n}; the last acknowledged was {acknowledged} \
             and the one in flight {announced}"
        ));
    }
    let want = fields_for(expected, base, n);
    if article.to_fields() != want {
        return Err(format!(
            "save {n} is not what was saved: body {} words, expected {}",
            word_count(&article.body),
            word_count(&want.body)
        ));
    }

    // This save's two words find the article; those of the save before and
    // the one after find nothing (an entry left behind, or one ahead).
    let hits = |query: &str| -> Result<Vec<ArticleId>, String> {
        Ok(store
            .search(query, &Filter::default(), 10)
            .map_err(|e| e.to_string())?
            .into_iter()
            .map(|h| h.article.id)
            .collect())
    };
    let this = hits(&format!("batdau{n} ketthuc{n}"))?;
    if this != [id] {
        return Err(format!("a search for save {n}'s words found {this:?}"));
    }
    for other in [n.checked_sub(1), Some(n + 1)].into_iter().flatten() {
        let found = hits(&format!("batdau{other} OR ketthuc{other}"))?;
        if !found.is_empty() {
            return Err(format!(
                "the library holds save {n}, yet a search finds save {other}'s words"
            ));
        }
    }
    drop(store);

    let conn = Connection::open(path).map_err(sql)?;
    let words = body_is_indexed(&conn, docid, &article.body)?;
    Ok(Checked { save: n, words })
}

/// What [`check_library`] found.
#[derive(Debug, PartialEq)]
struct Checked {
    /// The number of the save the library holds.
    save: u64,
    /// The words of the body compared with the index, both forms.
    words: usize,
}

/// Every article has one entry in `search_docs`, and every entry one
/// document in the index, and nothing else is in it.
fn index_matches_articles(conn: &Connection) -> Result<(), String> {
    let set = |query: &str| -> Result<BTreeSet<String>, String> {
        conn.prepare(query)
            .and_then(|mut s| {
                s.query_map([], |r| r.get::<_, rusqlite::types::Value>(0))?
                    .map(|v| v.map(|v| format!("{v:?}")))
                    .collect()
            })
            .map_err(|e| format!("{query}: {e}"))
    };
    let articles = set("SELECT id FROM articles")?;
    let docs = set("SELECT article_id FROM search_docs")?;
    if articles != docs {
        return Err(format!(
            "articles and index entries differ: {:?}",
            articles.symmetric_difference(&docs).collect::<Vec<_>>()
        ));
    }
    let docids = set("SELECT docid FROM search_docs")?;
    let indexed = set("SELECT rowid FROM search_index")?;
    if docids != indexed {
        return Err(format!(
            "index entries and indexed documents differ: {:?}",
            docids.symmetric_difference(&indexed).collect::<Vec<_>>()
        ));
    }
    Ok(())
}

/// The body's words, folded and exact, are what the index holds for the
/// document, in order: read back with `fts5vocab`, since the contentless
/// index has no copy of the text to compare with.
fn body_is_indexed(conn: &Connection, docid: i64, body: &str) -> Result<usize, String> {
    let sql = |e: rusqlite::Error| e.to_string();
    conn.execute(
        "CREATE VIRTUAL TABLE IF NOT EXISTS temp.search_words
         USING fts5vocab(main, search_index, instance)",
        [],
    )
    .map_err(sql)?;
    let text = IndexText::of(&search_text::markdown_words(body));
    let mut compared = 0;
    for (column, forms) in [("body", &text.folded), ("body_exact", &text.exact)] {
        let indexed: Vec<String> = conn
            .prepare(
                "SELECT term FROM temp.search_words WHERE doc = ?1 AND col = ?2 ORDER BY offset",
            )
            .map_err(sql)?
            .query_map(rusqlite::params![docid, column], |r| r.get(0))
            .map_err(sql)?
            .collect::<rusqlite::Result<_>>()
            .map_err(sql)?;
        let want: Vec<&str> = forms.split(' ').filter(|w| !w.is_empty()).collect();
        if indexed != want {
            let at = indexed
                .iter()
                .zip(&want)
                .take_while(|(a, b)| a == b)
                .count();
            return Err(format!(
                "the index's {column} differs from the article's at word {at} of {} \
                 ({} words indexed): {:?} vs {:?}",
                want.len(),
                indexed.len(),
                indexed.get(at),
                want.get(at)
            ));
        }
        compared += want.len();
    }
    Ok(compared)
}

fn excerpt(text: &str) -> String {
    text.chars().take(60).collect()
}

#[derive(Debug, Default)]
struct Exports {
    /// The counter of the package / page under the final name, if there is one.
    package: Option<u64>,
    page: Option<u64>,
    package_bytes: u64,
    page_bytes: u64,
    temp_files: Vec<PathBuf>,
}

/// The package and the page under their final names are whole and from a
/// write the child finished or had started: package in
/// `packaged..=writing`, page in `wrote..=writing`. `None` is a write not
/// finished yet, when the file may be absent.
fn check_exports(
    out: &Path,
    packaged: Option<u64>,
    wrote: Option<u64>,
    writing: Option<u64>,
) -> Result<Exports, String> {
    let in_range = |what: &str, n: u64, floor: Option<u64>| -> Result<u64, String> {
        let ok = floor.is_none_or(|f| n >= f) && writing.is_some_and(|w| n <= w);
        if ok {
            Ok(n)
        } else {
            Err(format!(
                "the {what} is from write {n}; the last finished was {floor:?}, \
                 the last started {writing:?}"
            ))
        }
    };
    let mut found = Exports::default();

    let package = out.join(PACKAGE);
    if package.exists() {
        let contents = import::package::read(&package)
            .map_err(|e| format!("the package does not read back: {e}"))?;
        if contents.media.len() != 2 {
            return Err(format!("a package with {} photos", contents.media.len()));
        }
        found.package_bytes = std::fs::metadata(&package)
            .map_err(|e| e.to_string())?
            .len();
        let headline = &contents.article.incoming.draft.headline;
        let (_, n) = split_counter(headline)
            .ok_or_else(|| format!("a package headline without a counter: {headline:?}"))?;
        found.package = Some(in_range("package", n, packaged)?);
    } else if packaged.is_some() {
        return Err("the package is gone".into());
    }

    let page = out.join(PAGE);
    if page.exists() {
        let text = std::fs::read_to_string(&page).map_err(|e| format!("the page: {e}"))?;
        found.page_bytes = text.len() as u64;
        // Askama drops the template's last newline: a whole page ends with
        // `</html>`, which appears nowhere else in it.
        if !(text.starts_with("<!DOCTYPE html>") && text.ends_with("</html>")) {
            return Err(format!(
                "the page is cut short ({} bytes, ends {:?})",
                text.len(),
                text.chars()
                    .skip(text.chars().count().saturating_sub(20))
                    .collect::<String>()
            ));
        }
        let counters = page_counters(&text);
        let n = *counters
            .first()
            .ok_or("a page without the headline's counter")?;
        if counters.iter().any(|&c| c != n) {
            return Err(format!("a page mixing two writes: {counters:?}"));
        }
        found.page = Some(in_range("page", n, wrote)?);
    } else if wrote.is_some() {
        return Err("the page is gone".into());
    }

    for entry in std::fs::read_dir(out).map_err(|e| e.to_string())? {
        let path = entry.map_err(|e| e.to_string())?.path();
        let name = path.file_name().unwrap_or_default().to_string_lossy();
        if name.starts_with(".byline-") {
            found.temp_files.push(path);
        } else if name != PACKAGE && name != PAGE {
            return Err(format!("an unexpected file: {}", path.display()));
        }
    }
    Ok(found)
}

// ---- spawning and killing --------------------------------------------------------

/// A child process, killed when dropped so that a failing test leaves none
/// running.
struct Spawned {
    child: Child,
    lines: Receiver<(Instant, String)>,
    stderr: Option<thread::JoinHandle<String>>,
    spawned: Instant,
}

struct Outcome {
    /// The child's lines, prefix removed, in order.
    lines: Vec<String>,
    /// It had said `ready` before the kill.
    started: bool,
}

impl Spawned {
    /// Starts the child test `role` with `env` (the library, the articles).
    fn new(role: &str, env: &[(&str, String)]) -> Spawned {
        let test = match role {
            SAVER => "crash::saver_child_runs_only_when_spawned_by_the_crash_test",
            _ => "crash::exporter_child_runs_only_when_spawned_by_the_crash_test",
        };
        let mut command = Command::new(std::env::current_exe().unwrap());
        command
            .args(["--exact", test, "--nocapture", "--test-threads=1"])
            .env(CHILD_ENV, role)
            .envs(env.iter().map(|(k, v)| (k, v)))
            .stdin(Stdio::null())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped());
        let spawned = Instant::now();
        let mut child = command.spawn().unwrap();
        let stdout = child.stdout.take().unwrap();
        let stderr = child.stderr.take().unwrap();
        let (tx, lines) = mpsc::channel();
        thread::spawn(move || {
            for line in BufReader::new(stdout).lines() {
                let Ok(line) = line else { break };
                // Not at the start of a line: libtest's "test crash::… ... "
                // comes first on the child's first line.
                if let Some((_, ours)) = line.split_once(LINE_PREFIX)
                    && tx.send((Instant::now(), ours.to_owned())).is_err()
                {
                    break;
                }
            }
        });
        let stderr = thread::spawn(move || std::io::read_to_string(stderr).unwrap_or_default());
        Spawned {
            child,
            lines,
            stderr: Some(stderr),
            spawned,
        }
    }

    /// Waits for the next line. A child that ends instead has failed (it
    /// only ever stops when killed): the test fails with its stderr.
    fn next_line(&mut self, seen: &mut Vec<(Instant, String)>) -> String {
        loop {
            match self.lines.recv_timeout(Duration::from_millis(100)) {
                Ok((at, line)) => {
                    seen.push((at, line.clone()));
                    return line;
                }
                Err(RecvTimeoutError::Timeout) => {
                    if let Some(status) = self.child.try_wait().unwrap() {
                        self.ended_on_its_own(status);
                    }
                }
                Err(RecvTimeoutError::Disconnected) => {
                    let status = self.child.wait().unwrap();
                    self.ended_on_its_own(status);
                }
            }
        }
    }

    fn ended_on_its_own(&mut self, status: std::process::ExitStatus) -> ! {
        let stderr = self.stderr.take().unwrap().join().unwrap_or_default();
        panic!("the child ended on its own ({status}):\n{stderr}");
    }

    /// Kills the child at a random moment: one time in
    /// [`STARTUP_KILLS_ONE_IN`] while it is starting; otherwise during one of
    /// its `phases`, picked at random (a phase runs from the line that names
    /// it to the next line: the save, the package's write, the page's), at
    /// a random point of it, after 0 to 2 earlier runs of it. How long each
    /// phase takes is measured as the children run (`pace`), so the kills
    /// land all over it in a debug or a release build, on a quiet machine or
    /// a busy one.
    fn kill_at_random(
        &mut self,
        rng: &mut ChaCha8Rng,
        pace: &mut Pace,
        phases: &[&str],
    ) -> Outcome {
        let mut seen = Vec::new();
        if rng.random_ratio(1, STARTUP_KILLS_ONE_IN) {
            thread::sleep(pace.startup.get().mul_f64(rng.random_range(0.0..1.0)));
        } else {
            let phase = phases[rng.random_range(0..phases.len())];
            let mut runs = rng.random_range(1..=3);
            while runs > 0 {
                runs -= usize::from(word(&self.next_line(&mut seen)) == phase);
            }
            // A little past the measured length too: a phase that happens to
            // take longer this time is killed near its end.
            thread::sleep(pace.phase(phase).get().mul_f64(rng.random_range(0.0..1.2)));
        }
        self.child.kill().unwrap();
        let status = self.child.wait().unwrap();
        // Whatever the child printed before it died is in the pipe: read to
        // the end.
        seen.extend(self.lines.iter());
        if status.signal() != Some(SIGKILL) {
            self.ended_on_its_own(status);
        }
        // The reader thread timed each line as it came, so every run
        // measures the pace, the lines read after the kill included.
        for (k, (at, line)) in seen.iter().enumerate() {
            if word(line) == "ready" {
                pace.startup.add(*at - self.spawned);
            } else if phases.contains(&word(line))
                && let Some((end, _)) = seen.get(k + 1)
            {
                pace.phase(word(line)).add(*end - *at);
            }
        }
        let started = seen.iter().any(|(_, l)| word(l) == "ready");
        Outcome {
            lines: seen.into_iter().map(|(_, line)| line).collect(),
            started,
        }
    }
}

/// The first word of a child's line: what it did.
fn word(line: &str) -> &str {
    line.split(' ').next().unwrap_or_default()
}

impl Drop for Spawned {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// What `Child::kill` sends on Unix; 9 on every one.
const SIGKILL: i32 = 9;

/// Running averages of how long a child takes to start and each phase.
struct Pace {
    startup: Average,
    phases: BTreeMap<String, Average>,
}

impl Pace {
    fn new() -> Pace {
        // A first guess, soon replaced by what is measured.
        Pace {
            startup: Average::new(Duration::from_millis(50)),
            phases: BTreeMap::new(),
        }
    }

    fn phase(&mut self, name: &str) -> &mut Average {
        self.phases
            .entry(name.to_owned())
            .or_insert_with(|| Average::new(Duration::from_millis(10)))
    }
}

struct Average {
    value: Duration,
    samples: u32,
}

impl Average {
    fn new(guess: Duration) -> Average {
        Average {
            value: guess,
            samples: 0,
        }
    }

    fn add(&mut self, sample: Duration) {
        self.samples += 1;
        // The mean of the last dozen or so.
        let weight = 1.0 / f64::from(self.samples.min(12));
        self.value = self.value.mul_f64(1.0 - weight) + sample.mul_f64(weight);
    }

    fn get(&self) -> Duration {
        self.value
    }
}

// ---- the report ----------------------------------------------------------------

/// A relative `BYLINE_CRASH_REPORT` is taken from the top of the repository,
/// where `make` runs, not from the crate folder cargo runs tests in.
fn report_path(report: &str) -> PathBuf {
    let path = PathBuf::from(report);
    if path.is_absolute() {
        path
    } else {
        Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("../..")
            .join(path)
    }
}

/// What the two parent tests found, for the one report.
struct Results {
    saver: Option<SaverRun>,
    exporter: Option<ExporterRun>,
}

static RESULTS: Mutex<Results> = Mutex::new(Results {
    saver: None,
    exporter: None,
});

/// When `BYLINE_CRASH_REPORT` is set, records a test's results and writes
/// the report with all that have finished: the two tests run at once, in
/// one process, and the one that finishes last writes the whole report.
fn report(record: impl FnOnce(&mut Results)) {
    let Ok(path) = std::env::var(REPORT_ENV) else {
        return;
    };
    // A test that failed holding the lock has no results to lose.
    let mut results = RESULTS.lock().unwrap_or_else(|p| p.into_inner());
    record(&mut results);
    let path = report_path(&path);
    if let Some(dir) = path.parent() {
        std::fs::create_dir_all(dir).unwrap();
    }
    std::fs::write(&path, report_text(&results)).unwrap();
}

/// The report, Markdown with one line per paragraph or item (the string
/// continuations below join the source lines).
fn report_text(results: &Results) -> String {
    let kills = results
        .saver
        .as_ref()
        .map(|s| s.kills)
        .or(results.exporter.as_ref().map(|e| e.kills))
        .unwrap_or(0);
    let mut text = format!(
        "## Crash safety: {kills} kills\n\n\
         A child process (this crate's test binary run again, so it goes through \
         the same store and export code as the app) is killed with SIGKILL at a \
         random moment, {kills} times; after each kill the parent checks what is \
         left, on a copy, and the next child starts on the files as the kill left \
         them. The moments come from ChaCha8 with the seeds below \
         (`{SEED_ENV}` replays them): 1 kill in {STARTUP_KILLS_ONE_IN} is aimed at \
         the child's start (opening the library, recovering the WAL the last kill \
         left), the others at a random point of a save, of a package's write or of \
         a page's, whose lengths are measured as the children run.\n"
    );
    if let Some(s) = &results.saver {
        text.push_str(&format!(
            "\n**Autosave** (seed {seed}, {secs:.1} s). The child autosaves a \
             {words}-word article with two photos through \
             `Store::save_fields(…, SaveKind::Auto)`, the app's autosave call, and \
             prints `saved N` after each call returns.\n\n\
             - Kills: {kills} ({startup} before the child was ready), after {acked} \
             acknowledged saves in all; {new} kills came after a save acknowledged \
             since the previous check. Each new child continued from the save the \
             check had found.\n\
             - After every kill the library held the last acknowledged save, every \
             field of it, or the one after it that was in flight: the save in \
             flight had committed {committed} times and not {lost} times, never in \
             part.\n\
             - After every kill: `PRAGMA integrity_check` ok; FTS5 \
             `integrity-check` ok (for a contentless table it checks the index's \
             structure); no broken reference; one index entry per article; the \
             article's body read back from the index word for word ({checked} \
             words in all); a search for the save's own words finds the article, \
             for those of the saves before and after it finds nothing.\n",
            seed = s.seed,
            secs = s.elapsed.as_secs_f64(),
            words = s.body_words,
            kills = s.kills,
            startup = s.kills_while_starting,
            acked = s.acknowledged,
            committed = s.in_flight_committed,
            lost = s.in_flight_lost,
            new = s.new_acknowledged,
            checked = s.words_checked,
        ));
    }
    if let Some(e) = &results.exporter {
        text.push_str(&format!(
            "\n**Exports** (seed {seed}, {secs:.1} s). The child changes two \
             headlines' counter, then writes a hand-off package ({package} KB, two \
             photos) and an html-single page ({page} KB) to the same two paths \
             through `export::package::write` and `export::html::write_single` \
             (`write_atomic`: temporary file, fsync, rename, fsync of the \
             folder).\n\n\
             - Kills: {kills} ({startup} before the child was ready), after \
             {written} finished exports in all.\n\
             - After every kill each final name held a whole file, from the write \
             last finished or the one in flight (the new one {pnew} times for the \
             package, {hnew} for the page): the package reads back with \
             `import::package::read`, every entry's hash checked against the \
             manifest; the page ends with `</html>`.\n\
             - After every kill the library, killed in the middle of saves and of \
             the revisions an export makes, passes `PRAGMA integrity_check`, and \
             the next child found the counter it had saved.\n\
             - Temporary files left by the kills: {temps} (`.byline-*` beside the \
             exports, each from a write the kill cut short), every one recognised \
             by `export::remove_stale_temporaries`, which an export runs on the \
             folders it writes to (for those over an hour old).\n",
            seed = e.seed,
            secs = e.elapsed.as_secs_f64(),
            package = e.package_bytes.div_ceil(1024),
            page = e.page_bytes.div_ceil(1024),
            kills = e.kills,
            startup = e.kills_while_starting,
            written = e.written,
            pnew = e.packages_in_flight,
            hnew = e.pages_in_flight,
            temps = e.temp_files_left,
        ));
    }
    let temp = std::env::temp_dir();
    text.push_str(&format!(
        "\nSIGKILL ends the process, not the operating system: this shows that a \
         crash of the app loses no save that returned and leaves no partial \
         export. A power cut is not simulated (DECISIONS.md, Durability).\n\n\
         Machine: {machine}; SQLite {sqlite}; {build} build; temporary folder \
         {temp} on {fs}.\n",
        machine = machine(),
        sqlite = rusqlite::version(),
        build = if cfg!(debug_assertions) {
            "debug"
        } else {
            "release"
        },
        temp = temp.display(),
        fs = filesystem_of(&temp),
    ));
    text
}

/// CPU model, cores and kernel, from /proc (Linux); "unknown" elsewhere.
fn machine() -> String {
    let read = |p: &str| std::fs::read_to_string(p).unwrap_or_default();
    let cpuinfo = read("/proc/cpuinfo");
    let model = cpuinfo
        .lines()
        .find_map(|l| l.strip_prefix("model name")?.split_once(':'))
        .map_or("unknown CPU", |(_, m)| m.trim())
        .to_owned();
    let cores = thread::available_parallelism().map_or(0, |n| n.get());
    let kernel = read("/proc/sys/kernel/osrelease");
    format!(
        "{model}, {cores} cores, {} {}",
        std::env::consts::OS,
        kernel.trim()
    )
}

/// The type of the file system `path` is on (the longest mount point that
/// contains it), which decides what an fsync costs there.
fn filesystem_of(path: &Path) -> String {
    let mounts = std::fs::read_to_string("/proc/mounts").unwrap_or_default();
    let path = path.canonicalize().unwrap_or_else(|_| path.to_owned());
    mounts
        .lines()
        .filter_map(|l| {
            let mut f = l.split(' ');
            let (_, point, fs) = (f.next()?, f.next()?, f.next()?);
            path.starts_with(point)
                .then(|| (point.len(), fs.to_owned()))
        })
        .max()
        .map_or_else(|| "an unknown file system".to_owned(), |(_, fs)| fs)
}

// ---- the checks catch what they look for ----------------------------------------

/// The checks above fail on what they exist to catch; otherwise a kill test
/// that passes would prove nothing.
#[test]
fn the_crash_checks_catch_a_lost_save_a_stale_index_and_partial_files() {
    let dir = tempfile::tempdir().unwrap();
    let library = dir.path().join("library.sqlite");
    let (id, page_id, actor) = setup_library(&library);
    let store = Store::open(&library).unwrap();
    let article = store.article(&id.to_string()).unwrap();
    let base = grown_body(&article.body);
    assert!(word_count(&base) >= BODY_WORDS);
    for n in 0..=3 {
        store
            .save_fields(
                id,
                fields_for(&article.to_fields(), &base, n),
                Some(&actor),
                SaveKind::Auto,
            )
            .unwrap();
    }
    let expected = store.article(&id.to_string()).unwrap().to_fields();
    drop(store);
    let scratch = tempfile::tempdir().unwrap();
    let check = |acked, announced| {
        check_library(
            &library,
            scratch.path(),
            id,
            &expected,
            &base,
            acked,
            announced,
        )
        .map(|c| c.save)
    };
    assert_eq!(check(3, 3), Ok(3));
    assert_eq!(check(3, 4), Ok(3), "the save in flight did not commit");
    assert_eq!(check(2, 3), Ok(3), "the save in flight committed");
    let lost = check(4, 4).unwrap_err();
    assert!(lost.contains("last acknowledged was 4"), "{lost}");
    let older = check(4, 5).unwrap_err();
    assert!(older.contains("holds save 3"), "{older}");

    // The article's index entry gone.
    let broken = scratch.path().join("broken");
    std::fs::create_dir(&broken).unwrap();
    let copy = |name: &str| {
        let to = broken.join(name);
        std::fs::copy(&library, &to).unwrap();
        to
    };
    let unindexed = copy("unindexed.sqlite");
    Connection::open(&unindexed)
        .unwrap()
        .execute(
            "DELETE FROM search_index WHERE rowid =
                 (SELECT docid FROM search_docs WHERE article_id = ?1)",
            [id.to_string()],
        )
        .unwrap();
    let e = check_files(&unindexed, id, &expected, &base, 3, 3).unwrap_err();
    assert!(
        e.contains("index entries and indexed documents differ"),
        "{e}"
    );

    // The article's entry holding an older save: found by the old words.
    let stale = copy("stale.sqlite");
    {
        let conn = Connection::open(&stale).unwrap();
        let docid: i64 = conn
            .query_row(
                "SELECT docid FROM search_docs WHERE article_id = ?1",
                [id.to_string()],
                |r| r.get(0),
            )
            .unwrap();
        let old = IndexText::of(&body_for(&base, 2));
        conn.execute("DELETE FROM search_index WHERE rowid = ?1", [docid])
            .unwrap();
        conn.execute(
            "INSERT INTO search_index (rowid, body, body_exact) VALUES (?1, ?2, ?3)",
            rusqlite::params![docid, old.folded, old.exact],
        )
        .unwrap();
    }
    let e = check_files(&stale, id, &expected, &base, 3, 3).unwrap_err();
    assert!(e.contains("a search for save 3's words found []"), "{e}");

    // A document's sizes gone: the index's structure is sound, so FTS5's
    // check (which for a contentless table checks only the structure) passes,
    // and only the comparison with the articles sees it.
    let sizes = copy("sizes.sqlite");
    Connection::open(&sizes)
        .unwrap()
        .execute(
            "DELETE FROM search_index_docsize
             WHERE id = (SELECT docid FROM search_docs WHERE article_id = ?1)",
            [id.to_string()],
        )
        .unwrap();
    let e = check_files(&sizes, id, &expected, &base, 3, 3).unwrap_err();
    assert!(
        e.contains("index entries and indexed documents differ"),
        "{e}"
    );

    // The index's structure broken: a page of its oldest segment cut in half
    // (ids 1 and 10 are its averages and structure records; the largest ids
    // are the deletion tombstones, which no check reads). PRAGMA
    // integrity_check finds it, through FTS5's xIntegrity, and so does
    // FTS5's own command.
    let corrupt = copy("corrupt.sqlite");
    {
        let conn = Connection::open(&corrupt).unwrap();
        conn.execute(
            "UPDATE search_index_data SET block = substr(block, 1, length(block) / 2)
             WHERE id = (SELECT min(id) FROM search_index_data WHERE id > 10)",
            [],
        )
        .unwrap();
        let e = conn
            .execute(
                "INSERT INTO search_index (search_index) VALUES ('integrity-check')",
                [],
            )
            .unwrap_err();
        assert!(e.to_string().contains("corrupt"), "{e}");
    }
    let e = check_files(&corrupt, id, &expected, &base, 3, 3).unwrap_err();
    assert!(
        e.contains("PRAGMA integrity_check") && e.contains("fts5"),
        "{e}"
    );

    // Exports: whole files pass; a cut page, a cut package, a page from
    // outside the range and a missing file do not.
    let out = dir.path().join("out");
    std::fs::create_dir(&out).unwrap();
    assert_eq!(check_exports(&out, None, None, None).unwrap().package, None);
    number_headlines(&library, &[id, page_id], &actor, 7);
    let store = Store::open(&library).unwrap();
    package::write(&store, id, &actor, PackageKind::Handoff, &out.join(PACKAGE)).unwrap();
    let page = store.article(&page_id.to_string()).unwrap();
    html::write_single(&store, &page, &out.join(PAGE)).unwrap();
    let found = check_exports(&out, Some(7), Some(7), Some(7)).unwrap();
    assert_eq!((found.package, found.page), (Some(7), Some(7)));
    assert!(
        check_exports(&out, Some(8), Some(7), Some(8)).is_err(),
        "an old package"
    );
    assert!(
        check_exports(&out, Some(6), Some(6), Some(6)).is_err(),
        "never started"
    );
    let page = std::fs::read(out.join(PAGE)).unwrap();
    std::fs::write(out.join(PAGE), &page[..page.len() / 2]).unwrap();
    let e = check_exports(&out, Some(7), Some(7), Some(7)).unwrap_err();
    assert!(e.contains("cut short"), "{e}");
    std::fs::write(out.join(PAGE), &page).unwrap();
    let zip = std::fs::read(out.join(PACKAGE)).unwrap();
    std::fs::write(out.join(PACKAGE), &zip[..zip.len() - 100]).unwrap();
    let e = check_exports(&out, Some(7), Some(7), Some(7)).unwrap_err();
    assert!(e.contains("does not read back"), "{e}");
    std::fs::remove_file(out.join(PACKAGE)).unwrap();
    let e = check_exports(&out, Some(7), Some(7), Some(7)).unwrap_err();
    assert!(e.contains("package is gone"), "{e}");
    std::fs::remove_file(out.join(PAGE)).unwrap();
    let e = check_exports(&out, None, Some(7), Some(7)).unwrap_err();
    assert!(e.contains("page is gone"), "{e}");
}
