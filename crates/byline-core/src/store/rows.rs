//! How values sit in columns, for every table's file: times as fixed-width
//! UTC text (so that sorting the text sorts by time), parsed enums, JSON, and
//! the excerpt a summary shows.

use chrono::{DateTime, FixedOffset, SecondsFormat, Utc};
use rusqlite::Row;

use crate::{error::CoreError, text};

/// Timestamps are stored in UTC with a fixed width (microseconds, `Z`), so that
/// sorting the text sorts by time.
pub(super) fn format_utc(t: DateTime<Utc>) -> String {
    t.to_rfc3339_opts(SecondsFormat::Micros, true)
}

pub(super) fn now() -> String {
    format_utc(Utc::now())
}

/// The start of a sapo, cut at a word boundary, with an ellipsis when cut.
pub(super) fn excerpt(text: &str) -> String {
    text::excerpt(text, text::EXCERPT_MAX_CHARS)
}

fn conversion_error(
    col: usize,
    e: impl std::error::Error + Send + Sync + 'static,
) -> rusqlite::Error {
    rusqlite::Error::FromSqlConversionFailure(col, rusqlite::types::Type::Text, Box::new(e))
}

pub(super) fn parse_col<T>(r: &Row<'_>, col: usize) -> rusqlite::Result<T>
where
    T: std::str::FromStr<Err = CoreError>,
{
    let s: String = r.get(col)?;
    s.parse().map_err(|e| conversion_error(col, e))
}

pub(super) fn utc_col(r: &Row<'_>, col: usize) -> rusqlite::Result<DateTime<Utc>> {
    let s: String = r.get(col)?;
    DateTime::parse_from_rfc3339(&s)
        .map(|t| t.with_timezone(&Utc))
        .map_err(|e| conversion_error(col, e))
}

pub(super) fn opt_utc_col(r: &Row<'_>, col: usize) -> rusqlite::Result<Option<DateTime<Utc>>> {
    match r.get::<_, Option<String>>(col)? {
        Some(_) => utc_col(r, col).map(Some),
        None => Ok(None),
    }
}

/// The publication time as the writer gave it: stored UTC plus their offset.
pub(super) fn published_col(
    utc: Option<DateTime<Utc>>,
    offset: Option<i32>,
) -> rusqlite::Result<Option<DateTime<FixedOffset>>> {
    Ok(match (utc, offset.and_then(FixedOffset::east_opt)) {
        (Some(t), Some(offset)) => Some(t.with_timezone(&offset)),
        _ => None,
    })
}

pub(super) fn json_col<T: serde::de::DeserializeOwned>(
    r: &Row<'_>,
    col: usize,
) -> rusqlite::Result<T> {
    let s: String = r.get(col)?;
    serde_json::from_str(&s).map_err(|e| conversion_error(col, e))
}
