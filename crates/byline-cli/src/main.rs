//! `byline`: the library from a terminal. The contract (commands, output, exit
//! codes) is documented in this crate's README and is stable: scripts and the
//! tests depend on it.

use std::{path::PathBuf, process::ExitCode, sync::atomic::AtomicBool};

use byline_core::{
    ArticleDraft, CoreError, Status, Store, checklist, default_library_path,
    export::batch::Format,
    export::{self, article_file, media::PhotoMetadata},
    import,
    merge::MergeField,
    messages::{self, Lang},
    msg,
    search_text::SnippetPart,
    store::{DateField, Filter, SearchHit, Side},
    synthetic,
    workflow::{Actor, Role},
};
use clap::{Parser, Subcommand, ValueEnum};

mod history;
mod terminal;
use serde::Serialize;

/// `println!` for the command's output. A reader that stops reading
/// (`byline list | head`) ends the command quietly with success, as in
/// ripgrep, instead of the panic `println!` gives on a closed pipe; every
/// line is printed after the write it reports has committed.
/// What it prints went through [`terminal::safe`]: a line is one line, and
/// an article cannot send control sequences to the reader's terminal.
macro_rules! out {
    ($($arg:tt)*) => {{
        use std::io::Write as _;
        let text = format!($($arg)*);
        if let Err(e) = writeln!(std::io::stdout(), "{}", terminal::safe(&text, true)) {
            output_failed(e)
        }
    }};
}

/// `eprintln!` for messages and progress, escaped as [`out!`] is.
macro_rules! note {
    ($($arg:tt)*) => {{
        let text = format!($($arg)*);
        eprintln!("{}", terminal::safe(&text, true));
    }};
}

fn output_failed(e: std::io::Error) -> ! {
    if e.kind() == std::io::ErrorKind::BrokenPipe {
        std::process::exit(0);
    }
    note!("cannot write the output: {e}");
    std::process::exit(1)
}

#[derive(Parser)]
#[command(
    name = "byline",
    version,
    about = "Byline, the newsroom editor, from the command line"
)]
struct Cli {
    /// The library file [default: the app's library in the user's data directory]
    #[arg(long, global = true, env = "BYLINE_LIBRARY", value_name = "PATH")]
    library: Option<PathBuf>,

    /// Who is acting, for the workflow and the history [default: the library's profile]
    #[arg(long = "as", global = true, value_name = "NAME", requires = "role")]
    actor: Option<String>,

    /// The role of --as
    #[arg(long, global = true, value_enum, requires = "actor")]
    role: Option<RoleArg>,

    /// The language of errors and checklist findings
    #[arg(
        long,
        global = true,
        value_enum,
        env = "BYLINE_LANG",
        default_value = "en"
    )]
    lang: LangArg,

    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Creates a draft and prints its id
    New {
        #[arg(long)]
        headline: String,
        /// The lead paragraph
        #[arg(long)]
        sapo: Option<String>,
        /// The byline, exactly as printed under the story
        #[arg(long)]
        byline: Option<String>,
        /// Comma-separated: --keywords "chuyển đổi số,An Thịnh"
        #[arg(long, value_delimiter = ',')]
        keywords: Vec<String>,
        #[arg(long)]
        category: Option<String>,
    },
    /// Imports article files (.md), or folders of them, and prints one id per
    /// article; or export packages (.zip), printing each article's id and
    /// the outcome (created, unchanged, fast-forward, merged, conflict: FIELD, …)
    Import {
        #[arg(required = true, value_name = "PATH")]
        paths: Vec<PathBuf>,
    },
    /// Lists the fields a package left in conflict, both sides of each
    Conflicts {
        #[arg(value_name = "ID|SLUG")]
        article: String,
    },
    /// Settles a field a package left in conflict; once the last is settled,
    /// the article takes the merge
    Resolve {
        #[arg(value_name = "ID|SLUG")]
        article: String,
        /// Which side wins
        #[arg(long, value_enum)]
        take: TakeArg,
        /// The field (headline, sapo, body, byline, authors, keywords,
        /// category, slug, published_at, photos, related, editor_note)
        #[arg(long, value_name = "NAME")]
        field: String,
    },
    /// Lists the articles, most recently changed first
    List {
        #[arg(long)]
        json: bool,
    },
    /// Prints one article as an article file, or as JSON with the same key names
    Show {
        #[arg(value_name = "ID|SLUG")]
        article: String,
        #[arg(long)]
        json: bool,
    },
    /// Searches the library: without tone marks, "phrases", prefix*
    Search {
        query: String,
        #[arg(long)]
        json: bool,
        /// The most results to print
        #[arg(long, default_value_t = 20, value_parser = clap::value_parser!(u16).range(1..=200))]
        limit: u16,
    },
    /// Adds the sample articles the app's first start gives a new library,
    /// and prints their ids
    Samples,
    /// Adds synthetic articles (made-up news for tests and benchmarks), the
    /// same ones for the same seed
    Synthetic {
        #[arg(long, value_parser = clap::value_parser!(u32).range(1..=1_000_000))]
        count: u32,
        #[arg(long, default_value_t = 1)]
        seed: u64,
    },
    /// Moves an article to another workflow state (draft, submitted, in_review,
    /// changes_requested, approved, published, spiked)
    Status {
        #[arg(value_name = "ID|SLUG")]
        article: String,
        #[arg(value_name = "STATE")]
        state: String,
        /// Why; required when requesting changes
        #[arg(long, default_value = "")]
        note: String,
        /// An editor's reason to move past blocking checklist findings
        #[arg(long = "override", value_name = "REASON")]
        overriding: Option<String>,
    },
    /// Lists an article's revisions, moves and comments, oldest first
    History {
        #[arg(value_name = "ID|SLUG")]
        article: String,
        #[arg(long)]
        json: bool,
    },
    /// Runs the pre-publish checklist; exits 1 when a blocking rule fails
    Check {
        #[arg(value_name = "ID|SLUG")]
        article: String,
        #[arg(long)]
        json: bool,
        /// Also the checks before marking it published (a publish time)
        #[arg(long)]
        publishing: bool,
    },
    /// Prints who is at the keyboard on this library; with --as and --role, sets it
    Profile,
    /// Writes an article out in a publishable format
    ///
    /// OUT is a folder where each article gets a name from its slug; one
    /// article goes to OUT itself when OUT ends in the format's extension
    /// (.html, .zip, .json, .md), and for html always. A line per article on
    /// stderr says how far it got; stdout lists what was written.
    Export {
        #[arg(value_name = "ID|SLUG")]
        articles: Vec<String>,
        /// Every article the library's filter lets through, instead of or
        /// besides those named: status=, category=, author=, keyword=,
        /// from=YYYY-MM-DD, to=YYYY-MM-DD, date=created|updated|published
        /// (which date from and to apply to). Repeat for several.
        #[arg(long, value_name = "KEY=VALUE")]
        filter: Vec<String>,
        #[arg(long, value_parser = format_parser())]
        format: Format,
        #[arg(long, value_name = "PATH")]
        out: PathBuf,
        /// What the exported photos carry: protect (no location, serial
        /// numbers or edit history; caption, credit and copyright kept) or
        /// keep (the original files, for the newsroom's own archive).
        /// Default: the library's setting, protect unless changed
        #[arg(long, value_enum, value_name = "WHAT")]
        photo_metadata: Option<PhotoMetadataArg>,
    },
}

/// `--format`'s values: the core's list of formats ([`Format::ALL`]), by
/// the core's names, so the command offers every format the core has.
fn format_parser() -> impl clap::builder::TypedValueParser<Value = Format> {
    use clap::builder::{PossibleValue, PossibleValuesParser, TypedValueParser};
    let values = Format::ALL.map(|f| PossibleValue::new(f.as_str()).help(format_help(f)));
    PossibleValuesParser::new(values).try_map(|name| name.parse::<Format>())
}

/// A format in `--help`; a format added to the core fails to build here
/// until it is described.
fn format_help(format: Format) -> &'static str {
    match format {
        Format::Html => "The published page in a folder, with its photos in media/",
        Format::HtmlSingle => "One self-contained page, photos inlined",
        Format::Package => "A package for a website's CMS (.zip)",
        Format::Handoff => {
            "A package for another Byline library, with comments, moves and revisions (.zip)"
        }
        Format::Ninjs => "IPTC ninjs 3.1 (.ninjs.json)",
        Format::Md => "The article file, its photos in media/ beside it",
    }
}

#[derive(Clone, Copy, ValueEnum)]
enum PhotoMetadataArg {
    Protect,
    Keep,
}

impl From<PhotoMetadataArg> for PhotoMetadata {
    fn from(m: PhotoMetadataArg) -> PhotoMetadata {
        match m {
            PhotoMetadataArg::Protect => PhotoMetadata::Protect,
            PhotoMetadataArg::Keep => PhotoMetadata::Keep,
        }
    }
}

#[derive(Clone, Copy, ValueEnum)]
enum TakeArg {
    Local,
    Incoming,
}

#[derive(Clone, Copy, ValueEnum)]
enum RoleArg {
    Reporter,
    Editor,
}

impl From<RoleArg> for Role {
    fn from(r: RoleArg) -> Role {
        match r {
            RoleArg::Reporter => Role::Reporter,
            RoleArg::Editor => Role::Editor,
        }
    }
}

#[derive(Clone, Copy, ValueEnum)]
enum LangArg {
    Vi,
    En,
}

impl From<LangArg> for Lang {
    fn from(l: LangArg) -> Lang {
        match l {
            LangArg::Vi => Lang::Vi,
            LangArg::En => Lang::En,
        }
    }
}

fn main() -> ExitCode {
    tracing_subscriber::fmt()
        .with_env_filter(tracing_subscriber::EnvFilter::from_env("BYLINE_LOG"))
        .with_writer(std::io::stderr)
        .init();
    // clap exits with 2 on a usage error, and 0 for --help and --version.
    let cli = Cli::parse();
    let lang = cli.lang.into();
    match run(cli) {
        Ok(code) => code,
        Err(e) => {
            note!("{}", e.render(lang));
            ExitCode::FAILURE
        }
    }
}

fn run(cli: Cli) -> Result<ExitCode, CoreError> {
    let lang = Lang::from(cli.lang);
    let path = match cli.library {
        Some(path) => path,
        None => default_library_path()
            .ok_or_else(|| CoreError::invalid("library", msg!("cliNoDataDirectory")))?,
    };
    // A new library stays empty: samples only on request (`samples`).
    let store = Store::open(&path)?;
    let given = match (&cli.actor, cli.role) {
        (Some(name), Some(role)) => Some(Actor::new(name, role.into())?),
        _ => None,
    };
    // Who acts: --as, else the library's profile.
    let actor = || -> Result<Option<Actor>, CoreError> {
        match &given {
            Some(actor) => Ok(Some(actor.clone())),
            None => store.profile(),
        }
    };
    match cli.command {
        Command::New {
            headline,
            sapo,
            byline,
            keywords,
            category,
        } => {
            if headline.trim().is_empty() {
                return Err(CoreError::invalid("headline", msg!("valueEmpty")));
            }
            let article = store.create_article(ArticleDraft {
                headline,
                sapo: sapo.unwrap_or_default(),
                byline: byline.unwrap_or_default(),
                keywords,
                category: category.unwrap_or_default(),
                ..ArticleDraft::default()
            })?;
            out!("{}", article.id);
        }
        Command::Import { paths } => {
            // The import revision names someone: --as, the profile, or else
            // the login name, as a reporter.
            let actor = match actor()? {
                Some(actor) => actor,
                None => Actor::new(&login_name(), Role::Reporter)?,
            };
            // Packages one at a time, each in its own transaction (its
            // outcome printed as it lands); article files all together.
            let (packages, files): (Vec<PathBuf>, Vec<PathBuf>) = paths
                .into_iter()
                .partition(|p| p.extension().is_some_and(|e| e.eq_ignore_ascii_case("zip")));
            for package in &packages {
                let (id, outcome) = import::import_package(&store, package, &actor)?;
                out!("{id}  {outcome}");
            }
            if !files.is_empty() {
                for imported in import::import_paths(&store, &files, Some(&actor))? {
                    out!("{}", imported.id);
                }
            }
        }
        Command::Conflicts { article } => {
            let id = store.article(&article)?.id;
            match store.pending_merge(id)? {
                None => out!("no conflicts"),
                Some(pending) => {
                    out!(
                        "from {} (revision {})",
                        pending.source,
                        pending.incoming_revision
                    );
                    for c in &pending.conflicts {
                        out!("{}", c.field);
                        out!("  local:    {}", c.local.replace('\n', "\n            "));
                        out!("  incoming: {}", c.incoming.replace('\n', "\n            "));
                    }
                }
            }
        }
        Command::Resolve {
            article,
            take,
            field,
        } => {
            let actor = match actor()? {
                Some(actor) => actor,
                None => Actor::new(&login_name(), Role::Reporter)?,
            };
            let id = store.article(&article)?.id;
            let side = match take {
                TakeArg::Local => Side::Local,
                TakeArg::Incoming => Side::Incoming,
            };
            let waiting = store.resolve_conflict(id, field.parse::<MergeField>()?, side, &actor)?;
            if waiting.is_empty() {
                out!("{id}  merged");
            } else {
                let names: Vec<&str> = waiting.iter().map(|f| f.as_str()).collect();
                out!("{id}  conflict: {}", names.join(", "));
            }
        }
        Command::List { json } => {
            let list = store.list_articles()?;
            if json {
                let rows: Vec<ListRow> = list.iter().map(ListRow::from).collect();
                print_json(&rows);
            } else {
                for a in &list {
                    out!(
                        "{}  {:<5}  {}  {}",
                        a.id,
                        a.status.as_str(),
                        a.updated_at.format("%Y-%m-%d %H:%M"),
                        a.headline
                    );
                }
            }
        }
        Command::Search { query, json, limit } => {
            let hits = store.search(&query, &Filter::default(), usize::from(limit))?;
            if json {
                let rows: Vec<SearchRow> = hits.iter().map(SearchRow::from).collect();
                print_json(&rows);
            } else {
                for h in &hits {
                    out!("{}  {}", h.article.id, h.article.headline);
                    out!("    {}", plain(&h.snippet));
                }
            }
        }
        Command::Samples => {
            for imported in byline_core::samples::add(&store)? {
                out!("{}", imported.id);
            }
        }
        Command::Synthetic { count, seed } => {
            let count = count as usize;
            let mut last = 0;
            synthetic::add_articles(&store, count, seed, |done| {
                // A line every 10 %, so a long run shows it is moving.
                if done * 10 / count > last {
                    last = done * 10 / count;
                    note!("added {done} of {count} synthetic articles");
                }
            })?;
        }
        Command::Show { article, json } => {
            let article = store.article(&article)?;
            if json {
                print_json(&article_file::to_json(&article));
            } else {
                // The article file as it is, for a file or a pipe; on a
                // terminal, what the body holds is shown, not obeyed.
                let text = article_file::to_markdown(&article);
                let text = if std::io::IsTerminal::is_terminal(&std::io::stdout()) {
                    terminal::safe(&text, true)
                } else {
                    std::borrow::Cow::Borrowed(text.as_str())
                };
                if let Err(e) = std::io::Write::write_all(&mut std::io::stdout(), text.as_bytes()) {
                    output_failed(e)
                }
            }
        }
        Command::Status {
            article,
            state,
            note,
            overriding,
        } => {
            let actor = actor()?.ok_or_else(|| CoreError::invalid("as", msg!("cliWhoMoves")))?;
            let to: Status = state.parse()?;
            let id = store.article(&article)?.id;
            let moved = store.move_article(id, to, &actor, &note, overriding.as_deref())?;
            out!("{}  {}", moved.id, moved.status.as_str());
        }
        Command::History { article, json } => {
            let id = store.article(&article)?.id;
            let events = history::events(&store, id)?;
            if json {
                print_json(&events);
            } else {
                for e in &events {
                    out!("{}", e.line());
                }
            }
        }
        Command::Check {
            article,
            json,
            publishing,
        } => {
            let article = store.article(&article)?;
            let findings = checklist::check(&article, &store.settings()?, publishing);
            let words = |f: &checklist::Finding| messages::render(&checklist::words(f), lang);
            if json {
                let rows: Vec<CheckRow> = findings
                    .iter()
                    .map(|f| CheckRow {
                        rule: f.rule,
                        severity: f.severity,
                        field: f.field.clone(),
                        message: words(f),
                    })
                    .collect();
                print_json(&rows);
            } else {
                if findings.is_empty() {
                    out!("nothing to fix");
                }
                for f in &findings {
                    let severity = match f.severity {
                        checklist::Severity::Blocking => "blocking",
                        checklist::Severity::Warning => "warning",
                    };
                    out!("{severity}  {}  {}", f.field, words(f));
                }
            }
            if checklist::has_blocking(&findings) {
                return Ok(ExitCode::FAILURE);
            }
        }
        Command::Profile => {
            if let Some(actor) = &given {
                store.set_profile(&actor.name, actor.role)?;
            }
            match store.profile()? {
                Some(actor) => out!("{}  {}", actor.name, actor.role.as_str()),
                None => {
                    return Err(CoreError::invalid("profile", msg!("cliNoProfile")));
                }
            }
        }
        Command::Export {
            articles,
            filter,
            format,
            out,
            photo_metadata,
        } => {
            let mut ids = Vec::new();
            for key in &articles {
                ids.push(store.article(key)?.id);
            }
            if !filter.is_empty() {
                for id in store.filtered_ids(&parse_filter(&filter)?)? {
                    if !ids.contains(&id) {
                        ids.push(id);
                    }
                }
            } else if ids.is_empty() {
                return Err(CoreError::invalid("export", msg!("cliExportWhat")));
            }
            // A package's revision names someone, as an import's does.
            let actor = match actor()? {
                Some(actor) => actor,
                None => Actor::new(&login_name(), Role::Reporter)?,
            };
            let photo_metadata = match photo_metadata {
                Some(chosen) => chosen.into(),
                None => PhotoMetadata::of_library(&store)?,
            };
            let report = export::batch::export_with(
                &store,
                &ids,
                format,
                &out,
                &actor,
                photo_metadata,
                &AtomicBool::new(false),
                |p| note!("exported {} of {}: {}", p.done, p.total, p.headline),
            )?;
            for warning in &report.warnings {
                note!("warning: {}", messages::render(warning, lang));
            }
            for path in &report.written {
                out!("{}", path.display());
            }
        }
    }
    Ok(ExitCode::SUCCESS)
}

/// `--filter KEY=VALUE`s as the library's filter.
fn parse_filter(pairs: &[String]) -> Result<Filter, CoreError> {
    let mut filter = Filter::default();
    for pair in pairs {
        let (key, value) = pair
            .split_once('=')
            .ok_or_else(|| CoreError::invalid("filter", msg!("cliFilterNotPair", pair)))?;
        let value = value.trim().to_owned();
        let date = |v: &str| {
            chrono::NaiveDate::parse_from_str(v, "%Y-%m-%d")
                .map_err(|_| CoreError::invalid("filter", msg!("filterNotDate", key, value = v)))
        };
        match key.trim() {
            "status" => filter.status = Some(value.parse()?),
            "category" => filter.category = Some(value),
            "author" => filter.author = Some(value),
            "keyword" => filter.keyword = Some(value),
            "from" => filter.from = Some(date(&value)?),
            "to" => filter.to = Some(date(&value)?),
            "date" => {
                filter.date_field = match value.as_str() {
                    "created" => DateField::Created,
                    "updated" => DateField::Updated,
                    "published" => DateField::Published,
                    other => {
                        return Err(CoreError::invalid(
                            "filter",
                            msg!("cliFilterDateField", value = other),
                        ));
                    }
                }
            }
            other => {
                return Err(CoreError::invalid(
                    "filter",
                    msg!("cliFilterUnknown", filter = other),
                ));
            }
        }
    }
    Ok(filter)
}

/// The person logged in, for an import nobody else is named for.
fn login_name() -> String {
    ["USER", "USERNAME", "LOGNAME"]
        .iter()
        .find_map(|k| std::env::var(k).ok().filter(|v| !v.trim().is_empty()))
        .unwrap_or_else(|| "byline".to_owned())
}

/// One finding in `check --json`.
#[derive(Serialize)]
struct CheckRow {
    rule: checklist::Rule,
    severity: checklist::Severity,
    field: String,
    message: String,
}

/// One article in `list --json`.
#[derive(Serialize)]
struct ListRow {
    id: String,
    headline: String,
    status: &'static str,
    slug: String,
    updated_at: String,
}

impl From<&byline_core::ArticleSummary> for ListRow {
    fn from(a: &byline_core::ArticleSummary) -> Self {
        ListRow {
            id: a.id.to_string(),
            headline: a.headline.clone(),
            status: a.status.as_str(),
            slug: a.slug.clone(),
            updated_at: a.updated_at.to_rfc3339(),
        }
    }
}

/// One article in `search --json`.
#[derive(Serialize)]
struct SearchRow {
    id: String,
    slug: String,
    headline: String,
    /// The passage around the first match, as plain text.
    snippet: String,
    /// The matched words of the snippet, as character ranges [start, end).
    highlights: Vec<[usize; 2]>,
    /// Higher is better; comparable within one search only.
    score: f64,
    /// Matched the words as typed, tone marks included.
    exact: bool,
}

impl From<&SearchHit> for SearchRow {
    fn from(h: &SearchHit) -> Self {
        let mut highlights = Vec::new();
        let mut at = 0;
        for part in &h.snippet {
            let len = part.text.chars().count();
            if part.hit {
                highlights.push([at, at + len]);
            }
            at += len;
        }
        SearchRow {
            id: h.article.id.to_string(),
            slug: h.article.slug.clone(),
            headline: h.article.headline.clone(),
            snippet: plain(&h.snippet),
            highlights,
            score: h.score,
            exact: h.exact,
        }
    }
}

fn plain(parts: &[SnippetPart]) -> String {
    parts.iter().map(|p| p.text.as_str()).collect()
}

fn print_json<T: Serialize>(value: &T) {
    out!(
        "{}",
        serde_json::to_string_pretty(value).expect("plain data always serialises")
    );
}
