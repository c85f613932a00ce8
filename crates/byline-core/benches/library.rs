//! `make bench`: the library at newsroom scale, measured in-process, with
//! ripgrep over the same articles as Markdown files as the peer for search,
//! and pandoc, cmark-gfm and comrak as the peers of the HTML export.
//! Writes `docs/BENCHMARKS.md`, then appends the sections other benches left
//! in `target/bench/extra-*.md` (the app's start, the crash-safety run).
//! Not a test: nothing here fails on a slow figure; the report states the
//! figures and the targets side by side.
//!
//! `cargo bench -p byline-core --bench library -- [--count N] [--seed S] [--reuse] [--out FILE]`
//! `--reuse` keeps an already made synthetic library and Markdown export in
//! `target/bench/` (the figure for making it is then left out). `--out FILE` (from
//! the workspace's root) writes the report somewhere other than
//! `docs/BENCHMARKS.md`, for a trial at small sizes.
//! The export's peers need `target/release/byline` (`make bench` builds it).

#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::{
    fmt::Write as _,
    hint::black_box,
    path::{Path, PathBuf},
    process::Command,
    time::{Duration, Instant},
};

use byline_core::{
    ArticleDraft, ArticleFields, ArticleId, Settings, Store,
    export::{self, article_file},
    render,
    store::{DateField, Filter, SaveKind, Sort},
    synthetic, text,
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
    /// Only the export against its peers, printed: for tuning.
    export_only: bool,
    /// Where the report goes; `docs/BENCHMARKS.md` unless told.
    out: Option<PathBuf>,
}

fn args() -> Args {
    let mut a = Args {
        count: 100_000,
        seed: 1,
        reuse: false,
        quick: false,
        history_only: false,
        export_only: false,
        out: None,
    };
    let mut it = std::env::args().skip(1);
    while let Some(arg) = it.next() {
        match arg.as_str() {
            "--count" => a.count = it.next().unwrap().parse().unwrap(),
            "--seed" => a.seed = it.next().unwrap().parse().unwrap(),
            "--reuse" => a.reuse = true,
            "--quick" => a.quick = true,
            "--history" => a.history_only = true,
            "--export" => a.export_only = true,
            "--out" => a.out = Some(PathBuf::from(it.next().unwrap())),
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
        self.row_to(name, target, 2)
    }
    /// With `digits` decimals (sub-millisecond figures need three).
    fn row_to(&self, name: &str, target: &str, digits: usize) -> String {
        format!(
            "| {name} | {} | {:.digits$} | {:.digits$} | {:.digits$} | {:.digits$} | {:.digits$} | {target} |\n",
            self.0.len(),
            self.q(0.0),
            self.q(0.5),
            self.q(0.95),
            self.q(0.99),
            self.q(1.0)
        )
    }
}

/// The standard error of a median, from the interquartile range (for a
/// normal spread: 1.2533 σ / √n, σ = IQR / 1.349).
fn median_error(s: &Spread) -> f64 {
    let iqr = s.q(0.75) - s.q(0.25);
    1.2533 * iqr / 1.349 / (s.0.len() as f64).sqrt()
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
    if args.export_only {
        print!("{}", export_peers(&dir, args.seed));
        return;
    }

    // ---- the synthetic library --------------------------------------------
    let making = if args.reuse && library.exists() {
        None
    } else {
        for suffix in ["", "-wal", "-shm"] {
            let _ = std::fs::remove_file(format!("{}{suffix}", library.display()));
        }
        let store = Store::open(&library).unwrap();
        let (_, took) = time(|| {
            synthetic::add_articles(&store, args.count, args.seed, |done| {
                if done % 10_000 == 0 {
                    eprintln!("added {done} synthetic articles");
                }
            })
            .unwrap()
        });
        eprintln!("making the synthetic library took {took:?}");
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
            let store = Store::open(&library).unwrap();
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

    let store = Store::open(&library).unwrap();
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
    let long = synthetic::articles(2_000, args.seed ^ 0x5A7E)
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
        "- Library: {} synthetic articles (`byline synthetic --count {} --seed {}`), {:.0} MiB on disk.",
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
    if let Some(took) = making {
        writeln!(
            report,
            "| adding {} synthetic articles | 1 | | {:.0} | | | | ≤ 120,000 |",
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
    report.push_str(&export_peers(&dir, args.seed));
    report.push_str(&history(&dir, args.seed));
    report.push_str(&extras(&dir));
    // cargo runs a bench in its crate's folder: a relative --out is taken
    // from the workspace's root, as `make bench` gives it.
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../..");
    let out = root.join(
        args.out
            .as_deref()
            .unwrap_or(Path::new("docs/BENCHMARKS.md")),
    );
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
    let store = Store::open(&path).unwrap();
    synthetic::add_articles(&store, HISTORY_ARTICLES, seed, |_| {}).unwrap();
    drop(store);
    let without = size_in_use(&path);
    let store = Store::open(&path).unwrap();
    let (_, took) = time(|| {
        synthetic::add_history(&store, HISTORY_REVISIONS, seed, |done| {
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
         A library of {HISTORY_ARTICLES} synthetic articles, then the same library after \
         `synthetic::add_history` gave each {HISTORY_REVISIONS} revisions of synthetic edits (a word \
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

// ---- export: Byline against pandoc, cmark-gfm and comrak ---------------------------

/// The length of the article the export is measured on (words).
const EXPORT_WORDS: usize = 2_000;
/// Runs of each in-process call, and the unmeasured ones before them.
const EXPORT_RUNS: usize = 300;
const EXPORT_WARMUP: usize = 20;
/// Runs of each process, after a few unmeasured.
const PROCESS_RUNS: usize = 40;
const PROCESS_WARMUP: usize = 3;
/// The library's website, so the page names itself and its photos.
const EXPORT_BASE_URL: &str = "https://toasoan.example.vn/tin/";
/// cmark-gfm's extensions: those Byline's Markdown enables.
const CMARK_ARGS: &[&str] = &[
    "-e",
    "table",
    "-e",
    "strikethrough",
    "-e",
    "autolink",
    "-e",
    "footnotes",
];

/// Words as the length rules count them: tokens with a letter or a digit.
fn word_count(s: &str) -> usize {
    s.split_whitespace()
        .filter(|w| w.chars().any(char::is_alphanumeric))
        .count()
}

/// The sample article of An Thịnh (two photos with caption and credit, one
/// of them in the body, a subheading, a list, a table, a footnote), its body
/// lengthened to 2,000 words with the paragraphs and subheadings of synthetic
/// articles, written as an article file with its photos: `dir/article.md`
/// and `dir/media/`. Its related articles are left out (not in the library).
fn long_article_file(dir: &Path, seed: u64) -> PathBuf {
    let sample = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../samples/an-thinh");
    let text = std::fs::read_to_string(sample.join("article.md")).unwrap();
    let (front, body) = text
        .strip_prefix("---\n")
        .and_then(|t| t.split_once("\n---\n"))
        .unwrap();
    let mut related = false;
    let mut front_matter = String::new();
    for line in front.lines() {
        related = line.starts_with("related:") || (related && line.starts_with("  "));
        if !related {
            front_matter.push_str(line);
            front_matter.push('\n');
        }
    }
    // The footnote's definition stays last.
    let (before, footnote) = body.split_once("\n[^1]:").unwrap();
    let mut body = before.trim_end().to_owned();
    'more: for a in synthetic::articles(100, seed ^ 0xE4) {
        for block in a.draft.body.split("\n\n") {
            body.push_str("\n\n");
            body.push_str(block);
            if !block.starts_with("## ") && word_count(&body) >= EXPORT_WORDS {
                break 'more;
            }
        }
    }
    std::fs::create_dir_all(dir.join("media")).unwrap();
    for photo in ["hoi-nghi-an-thinh.jpg", "lop-huong-dan.jpg"] {
        std::fs::copy(
            sample.join("media").join(photo),
            dir.join("media").join(photo),
        )
        .unwrap();
    }
    let file = dir.join("article.md");
    std::fs::write(
        &file,
        format!("---\n{front_matter}---\n{body}\n\n[^1]:{footnote}"),
    )
    .unwrap();
    file
}

/// Runs a program to the end, its output to a pipe; panics unless it succeeds.
fn run(program: &Path, args: &[&std::ffi::OsStr]) -> Vec<u8> {
    let out = Command::new(program)
        .args(args)
        .output()
        .unwrap_or_else(|e| panic!("{}: {e} (make bench installs it)", program.display()));
    assert!(
        out.status.success(),
        "{} {args:?}: {}",
        program.display(),
        String::from_utf8_lossy(&out.stderr)
    );
    out.stdout
}

/// The first line of `program --version`, without a " - description".
fn version(program: &str) -> String {
    let out = run(Path::new(program), &["--version".as_ref()]);
    let text = String::from_utf8_lossy(&out);
    let line = text.lines().next().unwrap_or(program);
    line.split(" - ").next().unwrap_or(line).trim().to_owned()
}

/// The published page of a 2,000-word article: Byline's export in-process
/// and as the `byline` command, against pandoc and cmark-gfm as processes on
/// the same article as a `.md` file, each also on an empty input (its
/// start-up); Byline's render step against comrak's bare conversion.
fn export_peers(dir: &Path, seed: u64) -> String {
    let work = dir.join("export");
    let _ = std::fs::remove_dir_all(&work);
    std::fs::create_dir_all(&work).unwrap();
    let file = long_article_file(&work.join("article"), seed);
    let library = work.join("library.sqlite");
    let store = Store::open(&library).unwrap();
    store
        .update_settings(Settings {
            base_url: EXPORT_BASE_URL.to_owned(),
            ..store.settings().unwrap()
        })
        .unwrap();
    let imported = byline_core::import::import_paths(&store, &[file], None).unwrap();
    let article = store.article(&imported[0].id.to_string()).unwrap();
    let empty = store
        .create_article(ArticleDraft {
            headline: "Trống".to_owned(),
            ..ArticleDraft::default()
        })
        .unwrap();
    let words = word_count(&article.body);
    // The peers get the body, as stored (NFC), and an empty file.
    let peer_md = work.join("article.md");
    let empty_md = work.join("empty.md");
    std::fs::write(&peer_md, &article.body).unwrap();
    std::fs::write(&empty_md, "").unwrap();

    let byline = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../target/release/byline");
    assert!(
        byline.exists(),
        "{} is missing: `cargo build --release -p byline-cli` (make bench does)",
        byline.display()
    );
    let title = format!("title={}", article.headline);
    let pandoc = |input: &Path| {
        let args: Vec<&std::ffi::OsStr> = vec![
            "-s".as_ref(),
            "-f".as_ref(),
            "markdown".as_ref(),
            "-t".as_ref(),
            "html5".as_ref(),
            "--metadata".as_ref(),
            title.as_ref(),
            "--metadata".as_ref(),
            "lang=vi".as_ref(),
            input.as_os_str(),
        ];
        run(Path::new("pandoc"), &args)
    };
    let cmark = |input: &Path| {
        let mut args: Vec<&std::ffi::OsStr> = CMARK_ARGS.iter().map(|a| a.as_ref()).collect();
        args.push(input.as_os_str());
        run(Path::new("cmark-gfm"), &args)
    };
    let html_dir = work.join("out-html");
    let empty_dir = work.join("out-empty");
    let single = work.join("out-single.html");
    let byline_export = |id: ArticleId, format: &str, out: &Path| {
        let id = id.to_string();
        let args: Vec<&std::ffi::OsStr> = vec![
            "--library".as_ref(),
            library.as_os_str(),
            "export".as_ref(),
            id.as_ref(),
            "--format".as_ref(),
            format.as_ref(),
            "--out".as_ref(),
            out.as_os_str(),
        ];
        run(&byline, &args)
    };
    let mut ours_options = comrak::Options::default();
    ours_options.extension.table = true;
    ours_options.extension.strikethrough = true;
    ours_options.extension.autolink = true;
    ours_options.extension.footnotes = true;
    let bare_options = comrak::Options::default();

    // Each renders the same things: the table, the footnote, the figures.
    // The page names the photos as they leave (their metadata protected,
    // so their own hashes), as the command's export does.
    let metadata = export::media::PhotoMetadata::of_library(&store).unwrap();
    let article = export::media::outgoing(&store, &article, metadata)
        .unwrap()
        .article;
    let page = export::html::folder_page(&article, EXPORT_BASE_URL);
    assert!(page.contains("<table") && page.contains("<figure") && page.contains("footnote"));
    let pandoc_page = String::from_utf8(pandoc(&peer_md)).unwrap();
    assert!(pandoc_page.contains("<table") && pandoc_page.contains("<figure"));
    assert!(pandoc_page.contains("footnote"));
    let cmark_html = String::from_utf8(cmark(&peer_md)).unwrap();
    assert!(cmark_html.contains("<table") && cmark_html.contains("footnote"));
    byline_export(article.id, "html", &html_dir);
    // The command writes the very page measured in-process.
    assert_eq!(
        std::fs::read_to_string(html_dir.join("index.html")).unwrap(),
        page
    );

    let (mut t_page, mut t_render, mut t_bare, mut t_ours) =
        (Vec::new(), Vec::new(), Vec::new(), Vec::new());
    // black_box on the way in and out: the call is made, inside the timing.
    let body = || black_box(article.body.as_str());
    for i in 0..EXPORT_WARMUP + EXPORT_RUNS {
        let a = time(|| {
            black_box(export::html::folder_page(
                black_box(&article),
                EXPORT_BASE_URL,
            ))
        });
        let b = time(|| black_box(render::markdown(body())));
        let c = time(|| black_box(comrak::markdown_to_html(body(), &bare_options)));
        let d = time(|| black_box(comrak::markdown_to_html(body(), &ours_options)));
        black_box((a.0, b.0, c.0, d.0));
        if i >= EXPORT_WARMUP {
            t_page.push(a.1);
            t_render.push(b.1);
            t_bare.push(c.1);
            t_ours.push(d.1);
        }
    }
    let mut t: [Vec<Duration>; 7] = Default::default();
    for i in 0..PROCESS_WARMUP + PROCESS_RUNS {
        let took = [
            time(|| byline_export(article.id, "html", &html_dir)).1,
            time(|| byline_export(article.id, "html-single", &single)).1,
            time(|| byline_export(empty.id, "html", &empty_dir)).1,
            time(|| pandoc(&peer_md)).1,
            time(|| pandoc(&empty_md)).1,
            time(|| cmark(&peer_md)).1,
            time(|| cmark(&empty_md)).1,
        ];
        if i >= PROCESS_WARMUP {
            for (v, took) in t.iter_mut().zip(took) {
                v.push(took);
            }
        }
    }
    drop(store);
    let [b_html, b_single, b_empty, p_doc, p_empty, c_doc, c_empty] = t.map(Spread::new);
    let (page_s, render_s, bare_s, ours_s) = (
        Spread::new(t_page),
        Spread::new(t_render),
        Spread::new(t_bare),
        Spread::new(t_ours),
    );
    let m = |s: &Spread| s.q(0.5);

    let mut out = String::new();
    writeln!(
        out,
        "\n## Peers: Markdown to a publish-ready page\n\n\
         One article: the sample of An Thịnh (two photos with caption and credit, one in the \
         body, a subheading, a list, a table, a footnote), its body lengthened with the \
         paragraphs and subheadings of synthetic articles to {words} words ({} bytes of \
         Markdown). Byline's export is `export::html::folder_page(article, base_url)`, \
         in-process: the body rendered (comrak) and sanitised (ammonia), its photos made \
         figures, inside the page template with the meta, Open Graph and JSON-LD. The same \
         run times the `byline` command (release build) on the same library: \
         `byline export ID --format html` writes that very page (checked byte for byte) and \
         copies the two photos to `media/`, each file written to a temporary name, fsynced \
         and renamed; `--format html-single` decodes the photos, scales them to at most \
         1600 px and inlines them. The peers get the article's body as a `.md` file: \
         `pandoc -s -f markdown -t html5 --metadata title=… --metadata lang=vi article.md` \
         ({}), a standalone page from pandoc's template; `cmark-gfm -e table -e strikethrough \
         -e autolink -e footnotes article.md` ({}), the body's HTML alone, with the extensions \
         Byline's Markdown uses so that both render the same table and footnote. Each process \
         is also run on an empty input (an empty file; for `byline`, an article with an empty \
         body): that time is its start-up (for pandoc and Byline, with the page template), \
         which an in-process figure does not pay. In-process calls: {EXPORT_RUNS} each after \
         {EXPORT_WARMUP} unmeasured; processes: {PROCESS_RUNS} each after {PROCESS_WARMUP} \
         unmeasured, output to a pipe; all interleaved. Times in milliseconds.\n",
        article.body.len(),
        version("pandoc"),
        version("cmark-gfm"),
    )
    .unwrap();
    writeln!(
        out,
        "| what | runs | min | median | p95 | p99 | max |\n|---|---|---|---|---|---|---|"
    )
    .unwrap();
    for (name, s) in [
        (
            "Byline export, in-process (`export::html::folder_page`)",
            &page_s,
        ),
        (
            "Byline render step, in-process (`render::markdown`)",
            &render_s,
        ),
        (
            "comrak `markdown_to_html`, default options, in-process",
            &bare_s,
        ),
        (
            "comrak `markdown_to_html`, Byline's extensions, no sanitiser, in-process",
            &ours_s,
        ),
        ("`byline export --format html`, process", &b_html),
        ("`byline export --format html-single`, process", &b_single),
        (
            "`byline export --format html`, empty body, process",
            &b_empty,
        ),
        ("`pandoc -s`, process", &p_doc),
        ("`pandoc -s`, empty file, process", &p_empty),
        ("`cmark-gfm`, process", &c_doc),
        ("`cmark-gfm`, empty file, process", &c_empty),
    ] {
        let row = s.row_to(name, "", 3);
        out.push_str(row.trim_end().strip_suffix("  |").unwrap_or(&row));
        out.push('\n');
    }

    // The ratios, of medians. A net figure is a process's median on the
    // article less its median on the empty input.
    let pandoc_net = m(&p_doc) - m(&p_empty);
    let cmark_net = m(&c_doc) - m(&c_empty);
    let ms = |v: f64| {
        if v.abs() < 1.0 {
            format!("{v:.3}")
        } else {
            format!("{v:.2}")
        }
    };
    let verdict = |met: bool| if met { "met" } else { "**missed**" };
    // pandoc / Byline: "faster by ≥ 20×".
    let faster = |byline: f64, peer: f64| -> (String, String) {
        if peer <= 0.0 {
            return ("—".into(), "below resolution".into());
        }
        let r = peer / byline;
        (format!("{r:.1}×"), verdict(r >= 20.0).into())
    };
    // Byline / cmark-gfm: "within 3×".
    let within = |byline: f64, peer: f64| -> (String, String) {
        if peer <= 0.0 {
            return ("—".into(), "below resolution".into());
        }
        let r = byline / peer;
        (format!("{r:.1}×"), verdict(r <= 3.0).into())
    };
    writeln!(
        out,
        "\nAgainst the goals (ratios of medians; a *net* time is a process's median on the \
         article less its median on the empty input):\n\n\
         | goal | comparison | Byline | peer | ratio | |\n|---|---|---|---|---|---|"
    )
    .unwrap();
    // goal, comparison, Byline's median, the peer's, (ratio, verdict)
    let rows = [
        (
            "export ≥ 20× faster than pandoc",
            "both as processes: `byline export --format html` vs `pandoc -s`",
            m(&b_html),
            m(&p_doc),
            faster(m(&b_html), m(&p_doc)),
        ),
        (
            "",
            "the conversion alone: Byline in-process vs pandoc's net time",
            m(&page_s),
            pandoc_net,
            faster(m(&page_s), pandoc_net),
        ),
        (
            "",
            "not like for like (pandoc's start-up counted, Byline's not): Byline in-process vs `pandoc -s`",
            m(&page_s),
            m(&p_doc),
            faster(m(&page_s), m(&p_doc)),
        ),
        (
            "export within 3× of cmark-gfm's bare conversion",
            "the conversion alone: Byline in-process vs cmark-gfm's net time",
            m(&page_s),
            cmark_net,
            within(m(&page_s), cmark_net),
        ),
        (
            "",
            "both as processes: `byline export --format html` vs `cmark-gfm`",
            m(&b_html),
            m(&c_doc),
            within(m(&b_html), m(&c_doc)),
        ),
        (
            "(no goal)",
            "render step: `render::markdown` vs comrak's `markdown_to_html` with default options",
            m(&render_s),
            m(&bare_s),
            (format!("{:.1}×", m(&render_s) / m(&bare_s)), String::new()),
        ),
    ];
    for (goal, what, ours, peer, (ratio, met)) in rows {
        writeln!(
            out,
            "| {goal} | {what} | {} | {} | {ratio} | {met} |",
            ms(ours),
            ms(peer)
        )
        .unwrap();
    }
    let sanitise = m(&render_s) - m(&ours_s);
    let around = m(&page_s) - m(&render_s);
    writeln!(
        out,
        "\nWhich comparison is fair. The goals are judged on the like-for-like rows: both \
         sides as processes (each pays its start-up: pandoc's Haskell runtime and template, \
         {} ms on an empty file; Byline's opening of the library and a page for an empty \
         article, {} ms), or the conversion alone on both sides (Byline in-process, a peer \
         net of its empty input). Timing pandoc from a shell against Byline in-process, the \
         third row, counts pandoc's start-up and not Byline's: it is the figure such a \
         comparison gives, shown for that reason, not used as a verdict. A net time still \
         holds a little more than the conversion (reading the file, writing the HTML to the \
         pipe), and it is the difference of two medians of processes that take milliseconds \
         each: pandoc's is {} ± {} ms and cmark-gfm's {} ± {} ms (one standard error of the \
         difference, from the interquartile ranges), so a ratio on a net time is that rough.\n",
        ms(m(&p_empty)),
        ms(m(&b_empty)),
        ms(pandoc_net),
        ms(median_error(&p_doc).hypot(median_error(&p_empty))),
        ms(cmark_net),
        ms(median_error(&c_doc).hypot(median_error(&c_empty))),
    )
    .unwrap();
    write!(
        out,
        "Where Byline's {} ms go (medians): comrak's parse and HTML with Byline's extensions \
         {} ms (with its default options, no extensions: {} ms); ammonia's sanitising of \
         that HTML {} ms; the figures, template, meta and JSON-LD around it {} ms.",
        ms(m(&page_s)),
        ms(m(&ours_s)),
        ms(m(&bare_s)),
        ms(sanitise),
        ms(around),
    )
    .unwrap();
    if cmark_net > 0.0 {
        write!(
            out,
            " cmark-gfm's net time on the same body is {} ms; comrak's part of Byline's \
             export is {:.2}× that.",
            ms(cmark_net),
            m(&ours_s) / cmark_net,
        )
        .unwrap();
    }
    out.push('\n');
    let said = |(ratio, met): (String, String)| format!("{met} ({ratio})");
    writeln!(
        out,
        "\nIn short: the pandoc goal is {} on the conversion alone and {} as processes; the \
         cmark-gfm goal is {} on the conversion alone and {} as processes.",
        said(faster(m(&page_s), pandoc_net)),
        said(faster(m(&b_html), m(&p_doc))),
        said(within(m(&page_s), cmark_net)),
        said(within(m(&b_html), m(&c_doc))),
    )
    .unwrap();
    // Each goal missed, and why, from the figures of this run.
    if m(&p_doc) / m(&b_html) < 20.0 {
        write!(
            out,
            "\nThe pandoc goal is missed as processes: `byline export --format html` takes {} \
             ms, of which {} ms it takes for an article with an empty body too (the process \
             starting, opening and checking the library file, reading the article and the \
             settings, writing a page). The remaining {} ms are this page ({} ms of it in-process) \
             and writing it and the two photos, each file fsynced and renamed, so that an \
             export that returned is on disk. pandoc's {} ms are {:.1}× that; it is on the \
             conversion alone that Byline is {:.0}× faster.\n",
            ms(m(&b_html)),
            ms(m(&b_empty)),
            ms(m(&b_html) - m(&b_empty)),
            ms(m(&page_s)),
            ms(m(&p_doc)),
            m(&p_doc) / m(&b_html),
            pandoc_net / m(&page_s),
        )
        .unwrap();
    }
    if pandoc_net > 0.0 && pandoc_net / m(&page_s) < 20.0 {
        writeln!(
            out,
            "\nThe pandoc goal is missed on the conversion alone: Byline's page takes {} ms \
             in-process, more than a twentieth of pandoc's net {} ms.",
            ms(m(&page_s)),
            ms(pandoc_net),
        )
        .unwrap();
    }
    if m(&b_html) / m(&c_doc) > 3.0 {
        writeln!(
            out,
            "\nThe cmark-gfm goal is missed as processes: cmark-gfm, a small C program with no \
             file to open but its input, starts and ends in {} ms on an empty file; Byline's \
             command needs {} ms for an empty article, {:.1}× cmark-gfm's whole run on the \
             article, before any conversion. As processes, the start-up decides.",
            ms(m(&c_empty)),
            ms(m(&b_empty)),
            m(&b_empty) / m(&c_doc),
        )
        .unwrap();
    }
    if cmark_net > 0.0 && m(&page_s) / cmark_net > 3.0 {
        writeln!(
            out,
            "\nThe cmark-gfm goal is missed on the conversion alone: cmark-gfm only parses \
             Markdown and prints HTML; Byline's page is the Markdown parsed and printed by \
             comrak, that HTML parsed again and rebuilt by the sanitiser, then set in the \
             page template. The sanitiser is the export's safety rule (invariant 6), so it \
             stays in the measured path."
        )
        .unwrap();
    }
    out
}

/// The sections other benches wrote, `target/bench/extra-*.md` in name
/// order (`make bench` removes old ones before it starts).
fn extras(dir: &Path) -> String {
    let mut files: Vec<PathBuf> = std::fs::read_dir(dir)
        .unwrap()
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| {
            p.file_name()
                .and_then(|n| n.to_str())
                .is_some_and(|n| n.starts_with("extra-") && n.ends_with(".md"))
        })
        .collect();
    files.sort();
    let mut out = String::new();
    for file in files {
        eprintln!("appending {}", file.display());
        let text = std::fs::read_to_string(&file).unwrap();
        out.push('\n');
        out.push_str(text.trim());
        out.push('\n');
    }
    out
}
