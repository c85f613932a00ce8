//! Merging two versions of one article, field by field, against the version
//! both started from: what a hand-off does when the reporter and the editor
//! both changed the story (see `store::handoff`).
//!
//! The unit is a [`MergeField`]: a field a person would pick one side of. A
//! field changed on one side only takes that side; a field changed the same
//! way on both sides is no conflict; a field changed differently on both
//! sides is a conflict for a person to settle. Photos are one field (the
//! list with captions, credits and alt text), since a caption only makes
//! sense with its photo; so are the authors, keywords and related lists.

use std::{fmt, str::FromStr};

use serde::{Deserialize, Serialize};

use crate::{
    error::{CoreError, Result},
    msg,
    revision::Snapshot,
};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum MergeField {
    Headline,
    Sapo,
    Body,
    Byline,
    Authors,
    Keywords,
    Category,
    Slug,
    PublishedAt,
    Photos,
    Related,
    EditorNote,
}

impl MergeField {
    /// In the article's order.
    pub const ALL: [MergeField; 12] = [
        MergeField::Headline,
        MergeField::Sapo,
        MergeField::Body,
        MergeField::Byline,
        MergeField::Authors,
        MergeField::Keywords,
        MergeField::Category,
        MergeField::Slug,
        MergeField::PublishedAt,
        MergeField::Photos,
        MergeField::Related,
        MergeField::EditorNote,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            MergeField::Headline => "headline",
            MergeField::Sapo => "sapo",
            MergeField::Body => "body",
            MergeField::Byline => "byline",
            MergeField::Authors => "authors",
            MergeField::Keywords => "keywords",
            MergeField::Category => "category",
            MergeField::Slug => "slug",
            MergeField::PublishedAt => "published_at",
            MergeField::Photos => "photos",
            MergeField::Related => "related",
            MergeField::EditorNote => "editor_note",
        }
    }

    /// Whether `a` and `b` hold the same value of this field. Two slugs
    /// that follow their headlines are the same (a change is the headline's);
    /// otherwise a slug counts by its text: whether a person chose it is no
    /// difference a reader sees.
    pub fn same(self, a: &Snapshot, b: &Snapshot) -> bool {
        match self {
            MergeField::Headline => a.headline == b.headline,
            MergeField::Sapo => a.sapo == b.sapo,
            MergeField::Body => a.body == b.body,
            MergeField::Byline => a.byline == b.byline,
            MergeField::Authors => a.authors == b.authors,
            MergeField::Keywords => a.keywords == b.keywords,
            MergeField::Category => a.category == b.category,
            MergeField::Slug => (!a.slug_manual && !b.slug_manual) || a.slug == b.slug,
            MergeField::PublishedAt => a.published_at == b.published_at,
            MergeField::Photos => a.photos == b.photos,
            MergeField::Related => a.related == b.related,
            MergeField::EditorNote => a.editor_note == b.editor_note,
        }
    }

    /// Sets this field of `into` to its value in `from`.
    pub fn take(self, into: &mut Snapshot, from: &Snapshot) {
        match self {
            MergeField::Headline => into.headline.clone_from(&from.headline),
            MergeField::Sapo => into.sapo.clone_from(&from.sapo),
            MergeField::Body => into.body.clone_from(&from.body),
            MergeField::Byline => into.byline.clone_from(&from.byline),
            MergeField::Authors => into.authors.clone_from(&from.authors),
            MergeField::Keywords => into.keywords.clone_from(&from.keywords),
            MergeField::Category => into.category.clone_from(&from.category),
            MergeField::Slug => {
                into.slug.clone_from(&from.slug);
                into.slug_manual = from.slug_manual;
            }
            MergeField::PublishedAt => into.published_at = from.published_at,
            MergeField::Photos => into.photos.clone_from(&from.photos),
            MergeField::Related => into.related.clone_from(&from.related),
            MergeField::EditorNote => into.editor_note.clone_from(&from.editor_note),
        }
    }
}

impl fmt::Display for MergeField {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl FromStr for MergeField {
    type Err = CoreError;
    fn from_str(s: &str) -> Result<Self> {
        MergeField::ALL
            .into_iter()
            .find(|f| f.as_str() == s.trim())
            .ok_or_else(|| {
                let all: Vec<&str> = MergeField::ALL.iter().map(|f| f.as_str()).collect();
                CoreError::invalid(
                    "field",
                    msg!("mergeFieldInvalid", field = s, all = all.join(", ")),
                )
            })
    }
}

/// What a merge of `incoming` into `local` does, field by field.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Plan {
    /// Fields that take the incoming value without asking.
    pub take_incoming: Vec<MergeField>,
    /// Fields both sides changed, differently: a person picks.
    pub conflicts: Vec<MergeField>,
}

/// The three-way merge of `incoming` into `local`, both descended from
/// `base`. Without a base (the two libraries share no revision of the
/// article), every field in which they differ is a conflict: nothing says
/// which side changed it.
pub fn plan(base: Option<&Snapshot>, local: &Snapshot, incoming: &Snapshot) -> Plan {
    let mut plan = Plan::default();
    for field in MergeField::ALL {
        if field.same(local, incoming) {
            continue;
        }
        match base {
            Some(base) if field.same(base, local) => plan.take_incoming.push(field),
            // Only the local side changed it: keep it.
            Some(base) if field.same(base, incoming) => {}
            _ => plan.conflicts.push(field),
        }
    }
    plan
}

/// `local` with `fields` taken from `incoming`.
pub fn apply(local: &Snapshot, incoming: &Snapshot, fields: &[MergeField]) -> Snapshot {
    let mut merged = local.clone();
    for field in fields {
        field.take(&mut merged, incoming);
    }
    merged
}

#[cfg(test)]
mod tests {
    use super::*;

    fn snapshot(headline: &str, sapo: &str, body: &str) -> Snapshot {
        Snapshot {
            headline: headline.into(),
            sapo: sapo.into(),
            body: body.into(),
            ..Snapshot::default()
        }
    }

    #[test]
    fn a_field_changed_on_one_side_only_takes_that_side() {
        let base = snapshot("Tiêu đề", "Sapo", "Thân bài");
        let local = snapshot("Tiêu đề mới", "Sapo", "Thân bài");
        let incoming = snapshot("Tiêu đề", "Sapo", "Thân bài đã sửa");
        let plan = plan(Some(&base), &local, &incoming);
        assert_eq!(plan.take_incoming, [MergeField::Body]);
        assert!(plan.conflicts.is_empty());
        let merged = apply(&local, &incoming, &plan.take_incoming);
        assert_eq!(merged.headline, "Tiêu đề mới");
        assert_eq!(merged.body, "Thân bài đã sửa");
    }

    #[test]
    fn a_field_changed_differently_on_both_sides_is_a_conflict() {
        let base = snapshot("Tiêu đề", "Sapo", "Thân bài");
        let local = snapshot("Tiêu đề A", "Sapo", "Thân bài");
        let incoming = snapshot("Tiêu đề B", "Sapo mới", "Thân bài");
        let plan = plan(Some(&base), &local, &incoming);
        assert_eq!(plan.conflicts, [MergeField::Headline]);
        assert_eq!(plan.take_incoming, [MergeField::Sapo]);
    }

    #[test]
    fn the_same_change_on_both_sides_is_no_conflict() {
        let base = snapshot("Tiêu đề", "Sapo", "Thân bài");
        let both = snapshot("Tiêu đề mới", "Sapo", "Thân bài");
        assert_eq!(plan(Some(&base), &both, &both), Plan::default());
    }

    #[test]
    fn without_a_base_every_difference_is_a_conflict() {
        let local = snapshot("A", "Sapo", "Thân bài");
        let incoming = snapshot("B", "Sapo", "Thân bài khác");
        let plan = plan(None, &local, &incoming);
        assert_eq!(plan.conflicts, [MergeField::Headline, MergeField::Body]);
        assert!(plan.take_incoming.is_empty());
    }

    #[test]
    fn a_slug_counts_by_its_text_and_is_taken_with_its_origin() {
        let mut local = snapshot("A", "", "");
        local.slug = "a".into();
        let mut incoming = local.clone();
        incoming.slug = "b".into();
        assert!(
            MergeField::Slug.same(&local, &incoming),
            "both follow their headlines"
        );
        incoming.slug = "a".into();
        incoming.slug_manual = true;
        assert!(MergeField::Slug.same(&local, &incoming));
        incoming.slug = "bai-a".into();
        let merged = apply(&local, &incoming, &[MergeField::Slug]);
        assert_eq!((merged.slug.as_str(), merged.slug_manual), ("bai-a", true));
    }

    #[test]
    fn field_names_read_back() {
        for field in MergeField::ALL {
            assert_eq!(field.as_str().parse::<MergeField>().unwrap(), field);
        }
        let err = "headlin".parse::<MergeField>().unwrap_err().to_string();
        assert!(err.contains("'headlin' is not a field"), "{err}");
    }
}
