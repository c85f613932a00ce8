//! All SQL for `settings`: the newsroom's choices ([`Settings`]), one JSON
//! value per key.

use rusqlite::{Connection, OptionalExtension, params};
use serde::{Serialize, de::DeserializeOwned};

use super::Store;
use crate::{
    error::{CoreError, Message, Result},
    settings::Settings,
};

impl Store {
    pub fn settings(&self) -> Result<Settings> {
        self.read(read_settings)
    }
    pub fn update_settings(&self, settings: Settings) -> Result<Settings> {
        let s = settings.normalized()?;
        self.write(|tx| {
            let put = |key: &str, value: String| -> Result<()> {
                tx.execute(
                    "INSERT INTO settings (key, value) VALUES (?1, ?2)
                     ON CONFLICT (key) DO UPDATE SET value = excluded.value",
                    params![key, value],
                )?;
                Ok(())
            };
            put("headline_max", to_json(&s.headline_max))?;
            put("sapo_min", to_json(&s.sapo_min))?;
            put("sapo_max", to_json(&s.sapo_max))?;
            put("categories", to_json(&s.categories))?;
            put("base_url", to_json(&s.base_url))?;
            put("keep_photo_metadata", to_json(&s.keep_photo_metadata))?;
            Ok(())
        })?;
        self.settings()
    }
}

pub(super) fn read_settings(c: &Connection) -> Result<Settings> {
    let find = |key: &str| -> Result<Option<String>> {
        Ok(
            c.query_row("SELECT value FROM settings WHERE key = ?1", [key], |r| {
                r.get(0)
            })
            .optional()?,
        )
    };
    let get = |key: &str| -> Result<String> {
        Ok(
            c.query_row("SELECT value FROM settings WHERE key = ?1", [key], |r| {
                r.get(0)
            })?,
        )
    };
    Ok(Settings {
        headline_max: json(&get("headline_max")?)?,
        sapo_min: json(&get("sapo_min")?)?,
        sapo_max: json(&get("sapo_max")?)?,
        categories: json(&get("categories")?)?,
        // Settings added after the first schema have no row until someone
        // saves them: a missing one is its default.
        base_url: find("base_url")?
            .map(|v| json(&v))
            .transpose()?
            .unwrap_or_default(),
        keep_photo_metadata: find("keep_photo_metadata")?
            .map(|v| json(&v))
            .transpose()?
            .unwrap_or_default(),
    })
}

fn json<T: DeserializeOwned>(s: &str) -> Result<T> {
    serde_json::from_str(s)
        .map_err(|e| CoreError::invalid("settings", Message::verbatim(e.to_string())))
}

fn to_json<T: Serialize>(value: &T) -> String {
    serde_json::to_string(value).expect("numbers and strings always serialise")
}
