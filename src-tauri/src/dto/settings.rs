//! The newsroom's settings (`commands/settings.rs`), read and written whole.

use serde::{Deserialize, Serialize};
use ts_rs::TS;

#[derive(Debug, Clone, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct Settings {
    pub headline_max: u32,
    pub sapo_min: u32,
    pub sapo_max: u32,
    pub categories: Vec<String>,
    /// The website's address for links in exported pages; empty when none.
    pub base_url: String,
    /// Exported photos keep all their metadata (location, serial numbers,
    /// edit history): for the newsroom's own archive. Off by default.
    pub keep_photo_metadata: bool,
}

impl From<byline_core::Settings> for Settings {
    fn from(s: byline_core::Settings) -> Self {
        let byline_core::Settings {
            headline_max,
            sapo_min,
            sapo_max,
            categories,
            base_url,
            keep_photo_metadata,
        } = s;
        Settings {
            headline_max,
            sapo_min,
            sapo_max,
            categories,
            base_url,
            keep_photo_metadata,
        }
    }
}

impl From<Settings> for byline_core::Settings {
    fn from(s: Settings) -> Self {
        let Settings {
            headline_max,
            sapo_min,
            sapo_max,
            categories,
            base_url,
            keep_photo_metadata,
        } = s;
        byline_core::Settings {
            headline_max,
            sapo_min,
            sapo_max,
            categories,
            base_url,
            keep_photo_metadata,
        }
    }
}
