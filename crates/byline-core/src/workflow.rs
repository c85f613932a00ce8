//! The editorial workflow: who may move an article from one state to
//! another, as one table. The store applies it (and records each move);
//! nothing else decides a status.

use std::{fmt, str::FromStr};

use serde::{Deserialize, Serialize};

use crate::{
    article::Status,
    error::{CoreError, Message, Result},
    msg,
};

/// What the person at the keyboard does in the newsroom.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Role {
    Reporter,
    Editor,
}

impl Role {
    pub fn as_str(self) -> &'static str {
        match self {
            Role::Reporter => "reporter",
            Role::Editor => "editor",
        }
    }
}

impl FromStr for Role {
    type Err = CoreError;
    fn from_str(s: &str) -> Result<Self> {
        match s.trim() {
            "reporter" => Ok(Role::Reporter),
            "editor" => Ok(Role::Editor),
            other => Err(CoreError::invalid(
                "role",
                msg!("roleInvalid", role = other),
            )),
        }
    }
}

impl fmt::Display for Role {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// Who did something: recorded with every revision, move and comment.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Actor {
    pub name: String,
    pub role: Role,
}

impl Actor {
    /// The name NFC and trimmed; an empty name is refused.
    pub fn new(name: &str, role: Role) -> Result<Actor> {
        let name = crate::text::line_text(name);
        if name.is_empty() {
            return Err(CoreError::invalid("name", msg!("actorNameMissing")));
        }
        Ok(Actor { name, role })
    }
}

/// The moves of the workflow, by who may make them.
///
/// | from | to | who |
/// |---|---|---|
/// | draft, changes requested | submitted | reporter (submit) |
/// | submitted | draft | reporter (withdraw) |
/// | submitted | in review | editor (start review) |
/// | in review | changes requested | editor, with a note |
/// | in review | approved | editor |
/// | approved | published | editor |
/// | any but spiked | spiked | editor |
/// | spiked | draft | editor (restore) |
pub fn check_move(from: Status, to: Status, role: Role, note: &str) -> Result<()> {
    let refuse = |why: Message| Err(CoreError::invalid("status", why));
    let (from_name, to_name) = (from.as_str(), to.as_str());
    if from == to {
        return refuse(msg!("workflowAlready", status = from_name));
    }
    let Some(needed) = who_may(from, to) else {
        // Where it can go instead, to make the refusal useful (every state
        // has somewhere to go).
        let next: Vec<&str> = Status::ALL
            .iter()
            .filter(|to| who_may(from, **to).is_some())
            .map(|s| s.as_str())
            .collect();
        return refuse(msg!(
            "workflowCannotBecome",
            from = from_name,
            to = to_name,
            next = next.join(", ")
        ));
    };
    if role != needed {
        return refuse(match needed {
            Role::Reporter => msg!("workflowOnlyReporter", from = from_name, to = to_name),
            Role::Editor => msg!("workflowOnlyEditor", from = from_name, to = to_name),
        });
    }
    if to == Status::ChangesRequested && note.trim().is_empty() {
        return refuse(msg!("workflowNoteMissing"));
    }
    Ok(())
}

/// The table above: who may move an article from `from` to `to`, if anyone.
pub fn who_may(from: Status, to: Status) -> Option<Role> {
    use Status::*;
    match (from, to) {
        _ if from == to => None,
        (Draft | ChangesRequested, Submitted) | (Submitted, Draft) => Some(Role::Reporter),
        (Submitted, InReview)
        | (InReview, ChangesRequested | Approved)
        | (Approved, Published)
        | (Spiked, Draft) => Some(Role::Editor),
        (_, Spiked) => Some(Role::Editor),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use Status::*;

    /// The whole table: every pair of states for each role.
    #[test]
    fn the_transition_table() {
        let allowed: &[(Status, Status, Role)] = &[
            (Draft, Submitted, Role::Reporter),
            (ChangesRequested, Submitted, Role::Reporter),
            (Submitted, Draft, Role::Reporter),
            (Submitted, InReview, Role::Editor),
            (InReview, ChangesRequested, Role::Editor),
            (InReview, Approved, Role::Editor),
            (Approved, Published, Role::Editor),
            (Draft, Spiked, Role::Editor),
            (Submitted, Spiked, Role::Editor),
            (InReview, Spiked, Role::Editor),
            (ChangesRequested, Spiked, Role::Editor),
            (Approved, Spiked, Role::Editor),
            (Published, Spiked, Role::Editor),
            (Spiked, Draft, Role::Editor),
        ];
        for from in Status::ALL {
            for to in Status::ALL {
                for role in [Role::Reporter, Role::Editor] {
                    let expected = allowed.contains(&(from, to, role));
                    let got = check_move(from, to, role, "ghi chú");
                    assert_eq!(
                        got.is_ok(),
                        expected,
                        "{from:?} → {to:?} as {role:?}: {got:?}"
                    );
                }
            }
        }
    }

    #[test]
    fn refusals_say_why() {
        let msg = |r: Result<()>| r.unwrap_err().to_string();
        assert!(
            msg(check_move(Draft, Approved, Role::Editor, ""))
                .contains("cannot become approved (from draft it can become: submitted, spiked)")
        );
        assert!(
            msg(check_move(Submitted, InReview, Role::Reporter, ""))
                .contains("only an editor can move an article from submitted to in_review")
        );
        assert!(
            msg(check_move(InReview, ChangesRequested, Role::Editor, "  "))
                .contains("needs a note")
        );
        assert!(msg(check_move(Draft, Draft, Role::Reporter, "")).contains("already draft"));
    }
}
