//! Files the person chose, in a desktop dialog or by dropping them on the
//! window, kept on the Rust side under a number. The web view never sends a
//! path: it names a choice by its number and a file by its place in it, so
//! whatever runs in the page can only reach files a person picked or
//! dropped (docs/SECURITY.md, "Paths from the web view").

use std::{
    collections::VecDeque,
    path::{Path, PathBuf},
    sync::Mutex,
};

use byline_core::msg;

use crate::{dto::chosen::ChosenFiles, ipc_error::IpcError};

/// How many choices are kept: the UI acts on a choice at once, so only a
/// few may wait; older ones are forgotten.
const KEPT: usize = 16;

/// The recent choices, newest last.
#[derive(Default)]
pub struct Choices {
    kept: Mutex<Kept>,
}

#[derive(Default)]
struct Kept {
    /// The number given last; the next choice gets the one after.
    last: u32,
    choices: VecDeque<(u32, Vec<PathBuf>)>,
}

impl Choices {
    /// Keeps `paths` (from a dialog or a drop) under a new number, and
    /// returns that number with the files' names, for the UI to show.
    pub fn record(&self, paths: Vec<PathBuf>) -> ChosenFiles {
        let names = paths.iter().map(|p| file_name(p)).collect();
        let mut kept = self.kept.lock().unwrap_or_else(|e| e.into_inner());
        kept.last = kept.last.wrapping_add(1);
        let id = kept.last;
        kept.choices.push_back((id, paths));
        while kept.choices.len() > KEPT {
            kept.choices.pop_front();
        }
        ChosenFiles { id, names }
    }

    /// The file at `index` of choice `id`, refused by name when there is no
    /// such choice (never made, or forgotten) or no such file in it.
    pub fn path(&self, id: u32, index: u32) -> Result<PathBuf, IpcError> {
        let kept = self.kept.lock().unwrap_or_else(|e| e.into_inner());
        let (_, paths) = kept
            .choices
            .iter()
            .find(|(chosen, _)| *chosen == id)
            .ok_or_else(|| {
                IpcError::invalid(msg!(
                    "errorInvalid",
                    field = "chosen",
                    message = msg!("appNoChoice", id)
                ))
            })?;
        usize::try_from(index)
            .ok()
            .and_then(|i| paths.get(i))
            .cloned()
            .ok_or_else(|| {
                IpcError::invalid(msg!(
                    "errorInvalid",
                    field = "index",
                    message = msg!("appNoChosenFile", id, index)
                ))
            })
    }
}

/// The last part of `path`, as the UI names the file.
fn file_name(path: &Path) -> String {
    path.file_name()
        .unwrap_or(path.as_os_str())
        .to_string_lossy()
        .into_owned()
}

#[cfg(test)]
mod tests {
    use super::{Choices, KEPT};

    #[test]
    fn only_recorded_files_are_reached() {
        let choices = Choices::default();
        let a = choices.record(vec!["/home/pv/Ảnh/a.jpg".into(), "/tmp/b.zip".into()]);
        assert_eq!(a.names, ["a.jpg", "b.zip"]);
        assert_eq!(
            choices.path(a.id, 1).expect("recorded"),
            std::path::PathBuf::from("/tmp/b.zip")
        );
        let missing = choices.path(a.id, 2).expect_err("no third file");
        assert_eq!(
            missing.message,
            format!("index: choice {} has no file 2", a.id)
        );
        assert!(choices.path(a.id + 1, 0).is_err(), "a choice never made");
    }

    #[test]
    fn old_choices_are_forgotten() {
        let choices = Choices::default();
        let first = choices.record(vec!["/a.jpg".into()]);
        let mut last = first.clone();
        for _ in 0..KEPT {
            last = choices.record(vec!["/b.jpg".into()]);
        }
        assert_ne!(first.id, last.id);
        assert!(choices.path(first.id, 0).is_err());
        assert!(choices.path(last.id, 0).is_ok());
    }
}
