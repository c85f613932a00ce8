//! The newsroom's settings: what a library's people choose once for everyone
//! writing in it (limits the checklist applies, categories, the website's
//! address, what exported photos carry). The store keeps them
//! (`store/settings.rs`); the checklist and the export read them.

use crate::{
    error::{CoreError, Result},
    msg, text,
};

/// What a newsroom sets once for everyone writing in this library.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Settings {
    /// Headlines longer than this get a warning (characters).
    pub headline_max: u32,
    /// The recommended length of a sapo (characters).
    pub sapo_min: u32,
    pub sapo_max: u32,
    /// The categories an article can be filed under, in the order shown.
    pub categories: Vec<String>,
    /// Where the newsroom's website publishes articles (`https://toasoan.example.vn/tin/`),
    /// always ending in `/`; empty when the library has none. An exported
    /// page names itself and its photos under it (`{base_url}{slug}/`).
    pub base_url: String,
    /// Exports write photos with all their metadata (GPS position, camera
    /// serial numbers, edit history), for the newsroom's own archive. Off by
    /// default: exported photos keep only caption, creator, credit and
    /// copyright (`export::media`).
    pub keep_photo_metadata: bool,
}

impl Settings {
    pub(crate) fn normalized(self) -> Result<Self> {
        if !(1..=1000).contains(&self.headline_max) {
            return Err(CoreError::invalid(
                "headline_max",
                msg!("settingsHeadlineMaxRange"),
            ));
        }
        if self.sapo_min > self.sapo_max || self.sapo_max > 5000 {
            return Err(CoreError::invalid(
                "sapo_min",
                msg!("settingsSapoRangeInvalid"),
            ));
        }
        let mut categories: Vec<String> = Vec::new();
        for c in self.categories {
            let c = text::line_text(&c);
            if c.is_empty() {
                continue;
            }
            if categories
                .iter()
                .any(|k| text::keyword_key(k) == text::keyword_key(&c))
            {
                return Err(CoreError::invalid(
                    "categories",
                    msg!("settingsCategoryTwice", category = c),
                ));
            }
            categories.push(c);
        }
        Ok(Settings {
            categories,
            base_url: normalized_base_url(&self.base_url)?,
            ..self
        })
    }
}

/// Empty, or an absolute `http`/`https` address ending in `/`, so a slug can
/// be appended to it as it is. Query and fragment are refused: a page's
/// address would land inside them.
fn normalized_base_url(url: &str) -> Result<String> {
    let url = url.trim();
    if url.is_empty() {
        return Ok(String::new());
    }
    let refuse = || CoreError::invalid("base_url", msg!("settingsBaseUrlInvalid", url));
    let (scheme, rest) = url.split_once("://").ok_or_else(refuse)?;
    let scheme = scheme.to_ascii_lowercase();
    if scheme != "http" && scheme != "https" {
        return Err(refuse());
    }
    let (host, path) = rest.split_at(rest.find('/').unwrap_or(rest.len()));
    let host_ok = !host.is_empty()
        && !host.starts_with([':', '.', '-'])
        && host
            .chars()
            .all(|c| c.is_alphanumeric() || matches!(c, '.' | '-' | ':' | '[' | ']'));
    let path_ok = path.chars().all(|c| {
        !c.is_whitespace()
            && !c.is_control()
            && !matches!(c, '?' | '#' | '"' | '<' | '>' | '\\' | '`')
    });
    if !host_ok || !path_ok {
        return Err(refuse());
    }
    let slash = if path.ends_with('/') { "" } else { "/" };
    Ok(format!("{scheme}://{}{path}{slash}", host.to_lowercase()))
}
