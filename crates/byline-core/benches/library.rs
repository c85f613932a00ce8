//! `make bench`: the library at newsroom scale, measured in-process, with
//! ripgrep over the same articles as Markdown files as the peer for search.
//! Writes `docs/BENCHMARKS.md`. Not a test: nothing here fails on a slow
//! figure; the report states the figures and the targets side by side.
//!
//! `cargo bench -p byline-core --bench library -- [--count N] [--seed S] [--reuse]`
//! `--reuse` keeps an already seeded library and Markdown export in
//! `target/bench/` (the seeding figure is then left out).

#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::{
    fmt::Write as _,
    path::{Path, PathBuf},
    process::Command,
    time::{Duration, Instant},
};

use byline_core::{
    ArticleFields, ArticleId, OpenOptions, Store,
    export::article_file,
    seed,
    store::{DateField, Filter, SaveKind, Sort},
    text,
    workflow::{Actor, Role},
};
use chrono::NaiveDate;
use rand::{Rng, SeedableRng, seq::IndexedRandom};
use rand_chacha::ChaCha8Rng;

struct Args {
    count: usize,
    seed: u64,
    reuse: bool,
    /// Skip the peer and leave docs/BENCHMARKS.md alone: for tuning.
    quick: bool,
    /// Only the history's size, printed: for tuning.
    history_only: bool,
}

fn args() -> Args {
    let mut a = Args {
        count: 100_000,
        seed: 1,
        reuse: false,
        quick: false,
        history_only: false,
    };
    let mut it = std::env::args().skip(1);
    while let Some(arg) = it.next() {
        match arg.as_str() {
            "--count" => a.count = it.next().unwrap().parse().unwrap(),
            "--seed" => a.seed = it.next().unwrap().parse().unwrap(),
            "--reuse" => a.reuse = true,
            "--quick" => a.quick = true,
            "--history" => a.history_only = true,
            // cargo bench passes --bench; anything else is a mistake.
            "--bench" => {}
            other => panic!("unknown argument {other}"),
        }
    }
    a
}

/// min / median / p95 / p99 / max of a set of timings, in milliseconds.
struct Spread(Vec<f64>);

impl Spread {
    fn new(mut v: Vec<Duration>) -> Spread {
        v.sort();
        Spread(v.iter().map(|d| d.as_secs_f64() * 1000.0).collect())
    }
    fn q(&self, p: f64) -> f64 {
        let i = ((self.0.len() as f64 - 1.0) * p).round() as usize;
        self.0[i]
    }
    fn row(&self, name: &str, target: &str) -> String {
        format!(
            "| {name} | {} | {:.2} | {:.2} | {:.2} | {:.2} | {:.2} | {target} |\n",
            self.0.len(),
            self.q(0.0),
            self.q(0.5),
            self.q(0.95),
            self.q(0.99),
            self.q(1.0)
        )
    }
}

fn time<T>(f: impl FnOnce() -> T) -> (T, Duration) {
    let start = Instant::now();
    let v = f();
    (v, start.elapsed())
}

fn main() {
    let args = args();
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../target/bench");
    std::fs::create_dir_all(&dir).unwrap();
    let library = dir.join(format!("library-{}-{}.sqlite", args.count, args.seed));
    let markdown = dir.join(format!("markdown-{}-{}", args.count, args.seed));
    let mut report = String::new();
    if args.history_only {
        print!("{}", history(&dir, args.seed));
        return;
    }

    // ---- seeding ----------------------------------------------------------
    let seeding = if args.reuse && library.exists() {
        None
    } else {
        for suffix in ["", "-wal", "-shm"] {
            let _ = std::fs::remove_file(format!("{}{suffix}", library.display()));
        }
        let store = Store::open(
            &library,
            &OpenOptions {
                seed_samples: false,
            },
        )
        .unwrap();
        let (_, took) = time(|| {
            store
                .seed_synthetic(args.count, args.seed, |done| {
                    if done % 10_000 == 0 {
                        eprintln!("seeded {done}");
                    }
                })
                .unwrap()
        });
        eprintln!("seeding took {took:?}");
        Some(took)
    };
    let size = std::fs::metadata(&library).unwrap().len();
    // The method says "warm": read the whole file once, so that what an
    // earlier job pushed out of the page cache does not count as search time.
    for suffix in ["", "-wal"] {
        if let Ok(mut f) = std::fs::File::open(format!("{}{suffix}", library.display())) {
            std::io::copy(&mut f, &mut std::io::sink()).unwrap();
        }
    }

    // ---- opening ------------------------------------------------------------
    let mut opens = Vec::new();
    for _ in 0..20 {
        let (_, took) = time(|| {
            let store = Store::open(
                &library,
                &OpenOptions {
                    seed_samples: false,
                },
            )
            .unwrap();
            let page = store
                .list_page(&Filter::default(), Sort::Updated, None, 50)
                .unwrap();
            let counts = store.counts(&Filter::default()).unwrap();
            assert_eq!(page.rows.len(), 50);
            assert!(counts.total as usize >= args.count);
            store
        });
        opens.push(took);
    }
    let opens = Spread::new(opens);

    let store = Store::open(
        &library,
        &OpenOptions {
            seed_samples: false,
        },
    )
    .unwrap();
    let mut rng = ChaCha8Rng::seed_from_u64(args.seed ^ 0xBE7C);
    let sample: Vec<byline_core::Article> = {
        let ids: Vec<ArticleId> = store
            .list_page(&Filter::default(), Sort::Headline, None, 1000)
            .unwrap()
            .rows
            .iter()
            .map(|r| r.id)
            .collect();
        ids.choose_multiple(&mut rng, 200)
            .map(|id| store.article(&id.to_string()).unwrap())
            .collect()
    };

    // ---- list pages -----------------------------------------------------------
    let mut pages = Vec::new();
    let mut slow_pages = Vec::new();
    for i in 0..200 {
        let a = &sample[i % sample.len()];
        let day = |t: chrono::DateTime<chrono::Utc>| {
            t.with_timezone(&text::default_offset()).date_naive()
        };
        let mut filter = Filter::default();
        match i % 6 {
            0 => {}
            1 => filter.category = Some(a.category.clone()),
            2 => filter.author = Some(a.byline.clone()),
            3 => filter.keyword = a.keywords.first().cloned(),
            4 => {
                filter.date_field = DateField::Published;
                filter.from = Some(day(a.created_at) - chrono::Days::new(90));
                filter.to = Some(day(a.created_at));
            }
            _ => {
                filter.category = Some(a.category.clone());
                filter.date_field = DateField::Created;
                filter.from = NaiveDate::from_ymd_opt(2019, 1, 1);
            }
        }
        let sort = [Sort::Updated, Sort::Published, Sort::Headline][i % 3];
        // The first page, then the one after it (its cursor from the first).
        let (first, took) = time(|| store.list_page(&filter, sort, None, 50).unwrap());
        pages.push(took);
        slow_pages.push((took, format!("{filter:?} {sort:?}")));
        if let Some(next) = first.next {
            let (_, took) = time(|| store.list_page(&filter, sort, Some(&next), 50).unwrap());
            pages.push(took);
        }
    }
    slowest("list pages", slow_pages);
    let pages = Spread::new(pages);
    let mut counts = Vec::new();
    for a in sample.iter().take(50) {
        let filter = Filter {
            category: Some(a.category.clone()),
            ..Filter::default()
        };
        counts.push(time(|| store.counts(&filter).unwrap()).1);
    }
    let counts = Spread::new(counts);

    // ---- search -----------------------------------------------------------------
    let queries = queries(&sample, &mut rng);
    let mut searches = Vec::new();
    let mut slow_searches = Vec::new();
    let mut found = 0;
    for q in &queries {
        let (hits, took) = time(|| store.search(q, &Filter::default(), 50).unwrap());
        found += usize::from(!hits.is_empty());
        searches.push(took);
        slow_searches.push((took, q.clone()));
    }
    slowest("searches", slow_searches);
    let common = ["của", "và", "các", "của và các", "là có được"];
    let mut common_times = Vec::new();
    for _ in 0..10 {
        for q in common {
            common_times.push(time(|| store.search(q, &Filter::default(), 50).unwrap()).1);
        }
    }
    let searches = Spread::new(searches);
    let common_times = Spread::new(common_times);

    // ---- autosave -----------------------------------------------------------------
    let long = seed::synthetic_articles(2_000, args.seed ^ 0x5A7E)
        .map(|a| a.draft)
        .max_by_key(|d| d.body.split_whitespace().count())
        .unwrap();
    let mut body: String = long.body.clone();
    while body.split_whitespace().count() < 2_000 {
        body.push_str("\n\n");
        body.push_str(&long.body);
    }
    let words = body.split_whitespace().count();
    let created = store.create_article(long.clone()).unwrap();
    let editor = Actor::new("Biên tập viên", Role::Editor).unwrap();
    let mut saves = Vec::new();
    for i in 0..300 {
        body.push_str(if i % 10 == 0 { "\n\nThêm" } else { " chữ" });
        let fields = ArticleFields {
            headline: long.headline.clone(),
            sapo: long.sapo.clone(),
            body: body.clone(),
            byline: long.byline.clone(),
            authors: long.authors.clone(),
            keywords: long.keywords.clone(),
            category: long.category.clone(),
            published_at: long.published_at,
            ..ArticleFields::default()
        };
        // As the app's autosave: in the profile's name, so the first save
        // makes a revision and the five-minute rule is checked on each.
        saves.push(
            time(|| {
                store
                    .save_fields(created.id, fields, Some(&editor), SaveKind::Auto)
                    .unwrap()
            })
            .1,
        );
    }
    let saves = Spread::new(saves);

    if args.quick {
        for (name, s) in [
            ("search", &searches),
            ("common", &common_times),
            ("pages", &pages),
            ("counts", &counts),
            ("saves", &saves),
            ("opens", &opens),
        ] {
            print!("{}", s.row(name, ""));
        }
        return;
    }

    // ---- ripgrep --------------------------------------------------------------------
    if !(args.reuse && markdown.join("done").exists()) {
        let _ = std::fs::remove_dir_all(&markdown);
        std::fs::create_dir_all(&markdown).unwrap();
        export_markdown(&store, &markdown);
        std::fs::write(markdown.join("done"), "").unwrap();
    }
    let rg_queries: Vec<&String> = queries.iter().step_by(4).collect();
    let mut rg = Vec::new();
    let mut ours = Vec::new();
    for q in &rg_queries {
        rg.push(time(|| ripgrep(&markdown, q)).1);
        ours.push(time(|| store.search(q, &Filter::default(), 50).unwrap()).1);
    }
    let rg = Spread::new(rg);
    let ours = Spread::new(ours);

    // ---- report -----------------------------------------------------------------------
    let machine = machine();
    writeln!(report, "# Benchmarks\n").unwrap();
    writeln!(
        report,
        "Written by `make bench` (`crates/byline-core/benches/library.rs`); do not edit by hand.\n"
    )
    .unwrap();
    writeln!(report, "- Machine: {machine}").unwrap();
    writeln!(
        report,
        "- Library: {} synthetic articles (`byline seed --count {} --seed {}`), {:.0} MiB on disk.",
        args.count,
        args.count,
        args.seed,
        size as f64 / 1_048_576.0
    )
    .unwrap();
    writeln!(
        report,
        "- Method: in-process, release build, one thread, the library file warm in the page \
         cache; each figure is the wall time of one call. Times in milliseconds.\n"
    )
    .unwrap();
    writeln!(
        report,
        "| work | runs | min | median | p95 | p99 | max | target |\n|---|---|---|---|---|---|---|---|"
    )
    .unwrap();
    report.push_str(&searches.row(
        &format!(
            "search, {} queries of mixed shapes ({found} found something)",
            queries.len()
        ),
        "p95 ≤ 50",
    ));
    report.push_str(&common_times.row(
        "search, only very common syllables (của, và, các …)",
        "p95 ≤ 50",
    ));
    report.push_str(&pages.row(
        "one list page of 50 rows, mixed filters and sorts",
        "p95 ≤ 10",
    ));
    report.push_str(&counts.row("counts beside the filters (one category chosen)", "—"));
    report.push_str(&saves.row(
        &format!("autosave of a {words}-word article, index kept current"),
        "p99 ≤ 10",
    ));
    report.push_str(&opens.row(
        "open the library and show the first page with counts",
        "≤ 300",
    ));
    if let Some(took) = seeding {
        writeln!(
            report,
            "| seeding {} articles | 1 | | {:.0} | | | | ≤ 120,000 |",
            args.count,
            took.as_secs_f64() * 1000.0
        )
        .unwrap();
    }
    writeln!(
        report,
        "\n## Peer: ripgrep over the same articles as Markdown files\n\n\
         The same {} queries (every fourth of the mix), each run by `rg` ({}) over the \
         {} articles exported as Markdown files, one per article, case-insensitive, with every \
         letter widened to its Vietnamese variants so it is diacritic-insensitive too \
         (`a` → `[aàáảãạăằắẳẵặâầấẩẫậ]`, `d` → `[dđ]`), and by Byline's search, alternately, \
         in the same run.\n",
        rg_queries.len(),
        rg_version(),
        args.count
    )
    .unwrap();
    writeln!(
        report,
        "| tool | runs | min | median | p95 | p99 | max |\n|---|---|---|---|---|---|---|"
    )
    .unwrap();
    for (name, s) in [("ripgrep", &rg), ("Byline search", &ours)] {
        let row = s.row(name, "");
        // The peer table has no target column.
        report.push_str(row.trim_end().strip_suffix("  |").unwrap_or(&row));
        report.push('\n');
    }
    writeln!(
        report,
        "\nMedian ratio: ripgrep takes {:.0}× as long as Byline's search. ripgrep reads every \
         file for every query and ranks nothing; Byline reads its index and ranks.",
        rg.q(0.5) / ours.q(0.5)
    )
    .unwrap();
    report.push_str(&history(&dir, args.seed));
    let out = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../docs/BENCHMARKS.md");
    let previous = std::fs::read_to_string(&out).unwrap_or_default();
    // Notes written by people below the marker are kept.
    let notes = previous
        .split_once("<!-- notes -->")
        .map(|(_, n)| n.to_owned())
        .unwrap_or_else(|| "\n".to_owned());
    std::fs::write(&out, format!("{report}\n<!-- notes -->{notes}")).unwrap();
    print!("{report}");
}

/// Articles and revisions each of the history measure.
const HISTORY_ARTICLES: usize = 10_000;
const HISTORY_REVISIONS: u32 = 30;

/// The library's size in use (pages not free), once its WAL is folded in.
fn size_in_use(path: &Path) -> u64 {
    let c = rusqlite::Connection::open(path).unwrap();
    c.execute_batch("PRAGMA wal_checkpoint(TRUNCATE); VACUUM;")
        .unwrap();
    let pages: i64 = c.query_row("PRAGMA page_count", [], |r| r.get(0)).unwrap();
    let size: i64 = c.query_row("PRAGMA page_size", [], |r| r.get(0)).unwrap();
    (pages * size) as u64
}

/// The history's cost: a library of 10,000 articles, then the same with 30
/// revisions each (synthetic edits), both vacuumed. The peer, in the same
/// run: every revision kept whole as JSON, as a plain history table would.
fn history(dir: &Path, seed: u64) -> String {
    let path = dir.join(format!("history-{HISTORY_ARTICLES}-{seed}.sqlite"));
    for suffix in ["", "-wal", "-shm"] {
        let _ = std::fs::remove_file(format!("{}{suffix}", path.display()));
    }
    let options = OpenOptions {
        seed_samples: false,
    };
    let store = Store::open(&path, &options).unwrap();
    store
        .seed_synthetic(HISTORY_ARTICLES, seed, |_| {})
        .unwrap();
    drop(store);
    let without = size_in_use(&path);
    let store = Store::open(&path, &options).unwrap();
    let (_, took) = time(|| {
        store
            .seed_history(HISTORY_REVISIONS, seed, |done| {
                if done % 2_000 == 0 {
                    eprintln!("history for {done} articles");
                }
            })
            .unwrap()
    });
    let per_revision =
        took.as_secs_f64() * 1000.0 / (HISTORY_ARTICLES as f64 * f64::from(HISTORY_REVISIONS));
    // Reading revisions back, and the peer's size from a sample.
    let ids: Vec<_> = store
        .list_page(&Filter::default(), Sort::Updated, None, 200)
        .unwrap()
        .rows
        .into_iter()
        .map(|r| r.id)
        .collect();
    let mut rng = ChaCha8Rng::seed_from_u64(seed);
    let mut loads = Vec::new();
    let mut compares = Vec::new();
    let mut whole_json = 0u64;
    for id in &ids {
        let n = rng.random_range(1..=HISTORY_REVISIONS);
        loads.push(time(|| store.revision(*id, n).unwrap()).1);
        compares.push(time(|| store.compare_revisions(*id, 1, HISTORY_REVISIONS).unwrap()).1);
        for n in 1..=HISTORY_REVISIONS {
            whole_json += serde_json::to_vec(&store.revision(*id, n).unwrap())
                .unwrap()
                .len() as u64;
        }
    }
    drop(store);
    let with = size_in_use(&path);
    let peer = without + whole_json * HISTORY_ARTICLES as u64 / ids.len() as u64;
    let mb = |b: u64| b as f64 / 1_048_576.0;
    let mut out = String::new();
    writeln!(
        out,
        "\n## History: {HISTORY_ARTICLES} articles × {HISTORY_REVISIONS} revisions\n\n\
         A library of {HISTORY_ARTICLES} seeded articles, then the same library after \
         `Store::seed_history` gave each {HISTORY_REVISIONS} revisions of synthetic edits (a word \
         corrected, a sentence added or cut, the headline or sapo retouched, a keyword added), \
         stored as autosave stores them: a deflated keyframe every {} revisions, word-level \
         deltas between. Sizes are pages in use after `VACUUM`. The peer, in the same run: the \
         same revisions kept whole as JSON (estimated from {} articles' revisions).\n",
        byline_core::revision::KEYFRAME_EVERY,
        ids.len()
    )
    .unwrap();
    writeln!(
        out,
        "| library | size (MiB) | × without history | target |\n|---|---|---|---|\n\
         | without history | {:.1} | 1.00 | |\n\
         | with {HISTORY_REVISIONS} revisions each (Byline) | {:.1} | {:.2} | ≤ 3 |\n\
         | with the same revisions whole as JSON (peer) | {:.1} | {:.2} | |",
        mb(without),
        mb(with),
        with as f64 / without as f64,
        mb(peer),
        peer as f64 / without as f64,
    )
    .unwrap();
    writeln!(
        out,
        "\nMaking a revision took {per_revision:.2} ms on average (write included). Reading one \
         back and comparing the first with the last, over {} articles (ms):\n",
        ids.len()
    )
    .unwrap();
    writeln!(
        out,
        "| what | runs | min | median | p95 | p99 | max | target |\n|---|---|---|---|---|---|---|---|"
    )
    .unwrap();
    out.push_str(&Spread::new(loads).row("read a revision", ""));
    out.push_str(&Spread::new(compares).row("compare revision 1 with 30", ""));
    out
}

/// The five slowest of a kind, on stderr, to see what to tune.
fn slowest(kind: &str, mut v: Vec<(Duration, String)>) {
    v.sort_by_key(|(took, _)| std::cmp::Reverse(*took));
    eprintln!("slowest {kind}:");
    for (took, what) in v.iter().take(5) {
        eprintln!("  {:>8.2} ms  {what}", took.as_secs_f64() * 1000.0);
    }
}

/// Queries of the shapes a newsroom types: one rare word, two words,
/// with and without marks, a phrase, a prefix, a person, a place.
fn queries(sample: &[byline_core::Article], rng: &mut ChaCha8Rng) -> Vec<String> {
    let mut out = Vec::new();
    for i in 0..200 {
        let a = &sample[rng.random_range(0..sample.len())];
        let words: Vec<&str> = a
            .body
            .split(|c: char| !c.is_alphanumeric())
            .filter(|w| !w.is_empty())
            .collect();
        let at = rng.random_range(0..words.len().saturating_sub(3).max(1));
        let w = |k: usize| words.get(at + k).copied().unwrap_or("tin");
        let q = match i % 8 {
            0 => w(0).to_owned(),
            1 => format!("{} {}", w(0), w(1)),
            2 => text::fold(&format!("{} {}", w(0), w(1))),
            3 => format!("\"{} {} {}\"", w(0), w(1), w(2)),
            4 => {
                let stem: String = text::fold(w(0)).chars().take(4).collect();
                format!("{stem}*")
            }
            5 => text::fold(&a.byline),
            6 => a
                .keywords
                .first()
                .cloned()
                .unwrap_or_else(|| w(0).to_owned()),
            _ => format!("{} {}", text::fold(&a.category), w(2)),
        };
        out.push(q);
    }
    out
}

fn export_markdown(store: &Store, dir: &Path) {
    let mut cursor: Option<String> = None;
    loop {
        let page = store
            .list_page(&Filter::default(), Sort::Updated, cursor.as_deref(), 1000)
            .unwrap();
        for row in &page.rows {
            let a = store.article(&row.id.to_string()).unwrap();
            std::fs::write(
                dir.join(format!("{}.md", a.slug)),
                article_file::to_markdown(&a),
            )
            .unwrap();
        }
        match page.next {
            Some(next) => cursor = Some(next),
            None => break,
        }
    }
}

/// Each letter widened to every Vietnamese letter that folds to it.
fn vietnamese_regex(query: &str) -> String {
    let variants = [
        ('a', "aàáảãạăằắẳẵặâầấẩẫậ"),
        ('d', "dđ"),
        ('e', "eèéẻẽẹêềếểễệ"),
        ('i', "iìíỉĩị"),
        ('o', "oòóỏõọôồốổỗộơờớởỡợ"),
        ('u', "uùúủũụưừứửữự"),
        ('y', "yỳýỷỹỵ"),
    ];
    let folded = text::fold(query.trim_matches('"').trim_end_matches('*'));
    let mut re = String::new();
    for c in folded.chars() {
        match variants.iter().find(|(base, _)| *base == c) {
            Some((_, all)) => write!(re, "[{all}]").unwrap(),
            None if c.is_alphanumeric() => re.push(c),
            None => re.push_str("\\s+"),
        }
    }
    re
}

fn ripgrep(dir: &Path, query: &str) -> usize {
    let out = Command::new("rg")
        .args([
            "--ignore-case",
            "--files-with-matches",
            "--no-messages",
            "-e",
        ])
        .arg(vietnamese_regex(query))
        .arg(dir)
        .output()
        .expect("ripgrep (rg) is installed by make bench");
    out.stdout.iter().filter(|b| **b == b'\n').count()
}

fn rg_version() -> String {
    Command::new("rg")
        .arg("--version")
        .output()
        .ok()
        .and_then(|o| String::from_utf8(o.stdout).ok())
        .and_then(|s| s.lines().next().map(str::to_owned))
        .unwrap_or_else(|| "rg".into())
}

fn machine() -> String {
    let cpu = std::fs::read_to_string("/proc/cpuinfo")
        .ok()
        .and_then(|s| {
            s.lines()
                .find(|l| l.starts_with("model name"))
                .and_then(|l| l.split(':').nth(1))
                .map(|m| m.trim().to_owned())
        })
        .unwrap_or_else(|| "unknown CPU".into());
    let cores = std::thread::available_parallelism().map_or(0, |n| n.get());
    let memory = std::fs::read_to_string("/proc/meminfo")
        .ok()
        .and_then(|s| {
            s.lines()
                .next()
                .and_then(|l| l.split_whitespace().nth(1))
                .and_then(|kb| kb.parse::<u64>().ok())
        })
        .map_or(String::new(), |kb| format!(", {} GiB", kb / 1_048_576));
    format!("{cpu}, {cores} cores{memory}, {}", std::env::consts::OS)
}
