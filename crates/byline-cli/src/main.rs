//! `byline`: the library from a terminal. The contract (commands, output, exit
//! codes) is documented in this crate's README and is stable: scripts and the
//! tests depend on it.

use std::{path::PathBuf, process::ExitCode};

use byline_core::{
    ArticleDraft, CoreError, OpenOptions, Store, default_library_path,
    export::{self, article_file},
    import,
};
use clap::{Parser, Subcommand, ValueEnum};
use serde::Serialize;

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
    /// Imports article files (.md), or folders of them, and prints one id per article
    Import {
        #[arg(required = true, value_name = "PATH")]
        paths: Vec<PathBuf>,
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
    /// Writes an article out in a publishable format
    Export {
        #[arg(value_name = "ID|SLUG")]
        article: String,
        #[arg(long, value_enum)]
        format: ExportFormat,
        #[arg(long, value_name = "FILE")]
        out: PathBuf,
    },
}

#[derive(Clone, Copy, ValueEnum)]
enum ExportFormat {
    Html,
}

fn main() -> ExitCode {
    tracing_subscriber::fmt()
        .with_env_filter(tracing_subscriber::EnvFilter::from_env("BYLINE_LOG"))
        .with_writer(std::io::stderr)
        .init();
    // clap exits with 2 on a usage error, and 0 for --help and --version.
    let cli = Cli::parse();
    match run(cli) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("{e}");
            ExitCode::FAILURE
        }
    }
}

fn run(cli: Cli) -> Result<(), CoreError> {
    let path = match cli.library {
        Some(path) => path,
        None => default_library_path().ok_or_else(|| {
            CoreError::invalid(
                "library",
                "no data directory on this system; pass --library PATH",
            )
        })?,
    };
    let store = Store::open(&path, &OpenOptions::default())?;
    match cli.command {
        Command::New {
            headline,
            sapo,
            byline,
            keywords,
            category,
        } => {
            if headline.trim().is_empty() {
                return Err(CoreError::invalid("headline", "must not be empty"));
            }
            let article = store.create_article(ArticleDraft {
                headline,
                sapo: sapo.unwrap_or_default(),
                byline: byline.unwrap_or_default(),
                keywords,
                category: category.unwrap_or_default(),
                ..ArticleDraft::default()
            })?;
            println!("{}", article.id);
        }
        Command::Import { paths } => {
            for imported in import::import_paths(&store, &paths)? {
                println!("{}", imported.id);
            }
        }
        Command::List { json } => {
            let list = store.list_articles()?;
            if json {
                let rows: Vec<ListRow> = list.iter().map(ListRow::from).collect();
                print_json(&rows);
            } else {
                for a in &list {
                    println!(
                        "{}  {:<5}  {}  {}",
                        a.id,
                        a.status.as_str(),
                        a.updated_at.format("%Y-%m-%d %H:%M"),
                        a.headline
                    );
                }
            }
        }
        Command::Show { article, json } => {
            let article = store.article(&article)?;
            if json {
                print_json(&article_file::to_json(&article));
            } else {
                print!("{}", article_file::to_markdown(&article));
            }
        }
        Command::Export {
            article,
            format: ExportFormat::Html,
            out,
        } => {
            let article = store.article(&article)?;
            for warning in export::html::write(&store, &article, &out)?.warnings {
                eprintln!("warning: {warning}");
            }
        }
    }
    Ok(())
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

fn print_json<T: Serialize>(value: &T) {
    println!(
        "{}",
        serde_json::to_string_pretty(value).expect("plain data always serialises")
    );
}
