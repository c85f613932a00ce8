//! The one error shape that crosses IPC: `{code, message}`. `message` is for
//! people; `code` exists only where the UI branches on it.

use byline_core::CoreError;
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

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct IpcError {
    pub code: IpcErrorCode,
    pub message: String,
}

impl IpcError {
    pub fn invalid(message: impl Into<String>) -> Self {
        IpcError {
            code: IpcErrorCode::Invalid,
            message: message.into(),
        }
    }

    pub fn internal(message: impl Into<String>) -> Self {
        IpcError {
            code: IpcErrorCode::Internal,
            message: message.into(),
        }
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
        IpcError {
            code,
            message: e.to_string(),
        }
    }
}
