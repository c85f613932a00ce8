//! Writing a synthetic library: the articles of [`super::articles`] with ids
//! made from the seed, and histories of [`super::edit`]s. Through the store's
//! bulk writes: a synthetic library can be made again, so its commits do not
//! wait for the disk.

use chrono::{Duration, Utc};
use rand::SeedableRng;
use rand_chacha::ChaCha8Rng;
use sha2::Digest;

use crate::{
    article::ArticleId,
    error::{CoreError, Result},
    msg,
    store::{self, DatedArticle, RevisionReason, Store},
    workflow::{Actor, Role},
};

/// Adds `count` synthetic articles made from `seed`, in transactions of a
/// thousand, calling `progress` with the number done after each. The
/// articles are made on a second thread while the first writes. Ids come
/// from the seed too, so the same seed makes the same library; adding the
/// same seed twice is refused (the ids are taken) and adds nothing more.
pub fn add_articles(
    store: &Store,
    count: usize,
    seed: u64,
    mut progress: impl FnMut(usize),
) -> Result<()> {
    const BATCH: usize = 1000;
    let (send, receive) = std::sync::mpsc::sync_channel::<Vec<DatedArticle>>(2);
    let maker = std::thread::spawn(move || {
        let mut batch = Vec::with_capacity(BATCH);
        for (i, a) in super::articles(count, seed).enumerate() {
            batch.push(DatedArticle {
                id: ArticleId::from_time_and_bytes(a.created_at, id_bytes(seed, i)),
                draft: a.draft,
                created_at: a.created_at,
                updated_at: a.updated_at,
            });
            if batch.len() == BATCH && send.send(std::mem::take(&mut batch)).is_err() {
                // The writer stopped on an error; it reports it.
                return;
            }
        }
        if !batch.is_empty() {
            let _ = send.send(batch);
        }
    });
    let mut done = 0;
    store::with_bulk_writes(store, || {
        for batch in receive {
            done += batch.len();
            store.add_dated(batch)?;
            progress(done);
        }
        Ok(())
    })?;
    maker
        .join()
        .map_err(|_| CoreError::invalid("synthetic", msg!("syntheticGeneratorFailed")))?;
    Ok(())
}

/// Gives every article of the library a synthetic history of `count`
/// revisions ([`super::edit`]s drawn from `seed`, seven minutes apart from
/// now), each stored as [`Store::save_fields`] would store it, and leaves
/// each article as its last revision. For benchmarks of the history's size;
/// `progress` gets the number of articles done. In transactions of a
/// hundred articles, taken in the order of their ids.
pub fn add_history(
    store: &Store,
    count: u32,
    seed: u64,
    mut progress: impl FnMut(usize),
) -> Result<()> {
    let actor = Actor::new("Biên tập viên", Role::Editor)?;
    let mut ids: Vec<ArticleId> = store.list_articles()?.iter().map(|a| a.id).collect();
    ids.sort_by_key(|id| id.to_string());
    let start = Utc::now();
    let mut done = 0;
    store::with_bulk_writes(store, || {
        for chunk in ids.chunks(100) {
            store.append_revisions(
                chunk,
                &actor,
                RevisionReason::Editing,
                |j, newest, has_one| {
                    let mut rng = ChaCha8Rng::seed_from_u64(seed);
                    rng.set_stream((done + j) as u64);
                    // An article without a revision gets its own text as the
                    // first; after that, as `save_fields` does, an edit that
                    // changed nothing makes no revision: edit until something
                    // changed.
                    let mut before = has_one.then(|| newest.clone());
                    let mut next = newest.clone();
                    let mut made = Vec::new();
                    for i in 0..count {
                        if let Some(before) = &before {
                            for _ in 0..16 {
                                super::edit(&mut next, &mut rng);
                                if next != *before {
                                    break;
                                }
                            }
                        }
                        made.push((next.clone(), start + Duration::minutes(i64::from(i) * 7)));
                        before = Some(next.clone());
                    }
                    made
                },
            )?;
            done += chunk.len();
            progress(done);
        }
        Ok(())
    })
}

/// The random bits of synthetic article `index`'s id: the first bytes of
/// SHA-256(seed, index), the same everywhere.
fn id_bytes(seed: u64, index: usize) -> [u8; 10] {
    let hash = sha2::Sha256::new()
        .chain_update(seed.to_le_bytes())
        .chain_update((index as u64).to_le_bytes())
        .finalize();
    let mut bytes = [0; 10];
    bytes.copy_from_slice(&hash[..10]);
    bytes
}
