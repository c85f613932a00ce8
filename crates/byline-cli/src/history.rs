//! `byline history`: an article's revisions, moves and comments as lines of
//! text or as JSON (the shape is part of the CLI contract, see the README).

use byline_core::{
    ArticleId, CoreError, Store,
    store::{CommentTarget, HistoryEvent},
};
use serde::Serialize;

/// One event of `history --json`.
#[derive(Serialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Event {
    Revision {
        at: String,
        actor: String,
        role: &'static str,
        number: u32,
        reason: &'static str,
    },
    Transition {
        at: String,
        actor: String,
        role: &'static str,
        from: &'static str,
        to: &'static str,
        note: String,
        #[serde(rename = "override")]
        overridden: Option<String>,
        /// The revision the article was at once moved.
        revision: Option<u32>,
    },
    Comment {
        at: String,
        actor: String,
        role: &'static str,
        id: String,
        body: String,
        /// "body" or "caption:FILE"; absent for a comment on the whole article.
        target: Option<String>,
        quote: Option<String>,
        /// True when the quoted text is no longer in the article.
        outdated: bool,
        resolved_by: Option<String>,
    },
}

pub fn events(store: &Store, id: ArticleId) -> Result<Vec<Event>, CoreError> {
    Ok(store.history(id)?.into_iter().map(Event::from).collect())
}

fn time(t: chrono::DateTime<chrono::Utc>) -> String {
    t.to_rfc3339_opts(chrono::SecondsFormat::Secs, true)
}

impl From<HistoryEvent> for Event {
    fn from(e: HistoryEvent) -> Event {
        match e {
            HistoryEvent::Revision(r) => Event::Revision {
                at: time(r.at),
                actor: r.actor.name,
                role: r.actor.role.as_str(),
                number: r.number,
                reason: r.reason.as_str(),
            },
            HistoryEvent::Transition(t) => Event::Transition {
                at: time(t.at),
                actor: t.actor.name,
                role: t.actor.role.as_str(),
                from: t.from.as_str(),
                to: t.to.as_str(),
                note: t.note,
                overridden: t.overridden,
                revision: t.revision,
            },
            HistoryEvent::Comment(c) => {
                let (target, quote, outdated) = match c.anchor {
                    None => (None, None, false),
                    Some(a) => (
                        Some(match a.target {
                            CommentTarget::Body => "body".to_owned(),
                            CommentTarget::Caption(file) => format!("caption:{file}"),
                        }),
                        Some(a.quote),
                        a.range.is_none(),
                    ),
                };
                Event::Comment {
                    at: time(c.at),
                    actor: c.actor.name,
                    role: c.actor.role.as_str(),
                    id: c.id,
                    body: c.body,
                    target,
                    quote,
                    outdated,
                    resolved_by: c.resolved.map(|(_, by)| by),
                }
            }
        }
    }
}

impl Event {
    /// One line: time, who, what.
    pub fn line(&self) -> String {
        match self {
            Event::Revision {
                at,
                actor,
                role,
                number,
                reason,
            } => format!("{at}  {actor} ({role})  revision {number}  {reason}"),
            Event::Transition {
                at,
                actor,
                role,
                from,
                to,
                note,
                overridden,
                ..
            } => {
                let mut line = format!("{at}  {actor} ({role})  {from} -> {to}");
                if !note.is_empty() {
                    line.push_str(&format!("  \"{note}\""));
                }
                if let Some(reason) = overridden {
                    line.push_str(&format!("  [checklist overridden: {reason}]"));
                }
                line
            }
            Event::Comment {
                at,
                actor,
                role,
                body,
                quote,
                outdated,
                resolved_by,
                ..
            } => {
                let mut line = format!("{at}  {actor} ({role})  comment");
                if let Some(quote) = quote {
                    line.push_str(&format!(" on \"{quote}\""));
                    if *outdated {
                        line.push_str(" (outdated)");
                    }
                }
                line.push_str(&format!(": {body}"));
                if let Some(by) = resolved_by {
                    line.push_str(&format!("  [resolved by {by}]"));
                }
                line
            }
        }
    }
}
