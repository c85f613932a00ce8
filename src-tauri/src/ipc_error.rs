//! The one error shape that crosses IPC: `{code, message, key, args}`.
//! `key` and `args` are the words, for the UI to render in its own language
//! from the catalogue (`messages/*.json`) it shares with the core; `message`
//! is the same in English, for logs and for a key the UI does not know.
//! `code` exists only where the UI branches on it.

use std::collections::BTreeMap;

use byline_core::{
    CoreError,
    error::{Arg, Message},
    messages::{Lang, render},
};
use serde::Serialize;
use ts_rs::TS;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum IpcErrorCode {
    /// The article is gone (the UI reloads the list).
    NotFound,
    /// A field value was refused (the UI shows the message beside the editor).
    Invalid,
    /// The pre-publish checklist stopped a workflow move (an editor may
    /// override it with a reason).
    ChecklistBlocked,
    /// The disk is full: nothing was saved (the UI keeps the text, says
    /// "not saved: disk full" and tries again until a save goes through).
    DiskFull,
    /// The library is read-only (its file, folder or disk cannot be
    /// written): the change was not saved, and will not be.
    ReadOnly,
    /// Anything else; the message says what.
    Internal,
}

/// Words as they cross IPC: a key of the catalogue and the values of its
/// `{placeholders}`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct IpcMessage {
    pub key: String,
    pub args: BTreeMap<String, IpcArg>,
}

/// The value of a placeholder: text shown as it is, words of their own
/// (rendered in the same language), or several joined with "; ".
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(untagged)]
#[ts(export)]
pub enum IpcArg {
    Text(String),
    Message(IpcMessage),
    List(Vec<IpcMessage>),
}

impl From<&Message> for IpcMessage {
    fn from(m: &Message) -> Self {
        let args = m
            .args
            .iter()
            .map(|(name, value)| {
                let value = match value {
                    Arg::Text(text) => IpcArg::Text(text.clone()),
                    Arg::Message(inner) => IpcArg::Message(inner.into()),
                    Arg::List(list) => IpcArg::List(list.iter().map(Into::into).collect()),
                };
                ((*name).to_owned(), value)
            })
            .collect();
        IpcMessage {
            key: m.key.to_owned(),
            args,
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct IpcError {
    pub code: IpcErrorCode,
    /// The same words in English: for logs, and for the UI when it does not
    /// know `key`.
    pub message: String,
    #[serde(flatten)]
    #[ts(flatten)]
    pub words: IpcMessage,
}

impl IpcError {
    pub fn new(code: IpcErrorCode, words: &Message) -> Self {
        IpcError {
            code,
            message: render(words, Lang::En),
            words: words.into(),
        }
    }

    pub fn invalid(words: Message) -> Self {
        IpcError::new(IpcErrorCode::Invalid, &words)
    }

    pub fn internal(words: Message) -> Self {
        IpcError::new(IpcErrorCode::Internal, &words)
    }
}

impl From<CoreError> for IpcError {
    fn from(e: CoreError) -> Self {
        let code = match e {
            _ if e.is_disk_full() => IpcErrorCode::DiskFull,
            CoreError::ReadOnly { .. } | CoreError::ReadOnlyOutdated { .. } => {
                IpcErrorCode::ReadOnly
            }
            CoreError::NotFound(_) => IpcErrorCode::NotFound,
            CoreError::Blocked { .. } => IpcErrorCode::ChecklistBlocked,
            CoreError::Invalid { .. }
            | CoreError::ArticleFile { .. }
            | CoreError::Photo { .. }
            | CoreError::Package { .. } => IpcErrorCode::Invalid,
            _ => IpcErrorCode::Internal,
        };
        IpcError::new(code, &e.message())
    }
}
