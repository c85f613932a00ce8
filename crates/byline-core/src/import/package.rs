//! Reads and checks an export package before anything of it reaches the library.
//!
//! A package comes from outside (another newsroom, a reporter's laptop, an
//! e-mail attachment), so everything about it is checked, and all of it is
//! checked before [`read`] returns: nothing is written anywhere, and a refusal
//! names the package, the entry inside it and the reason. What is refused:
//!
//! - a file that is not a readable zip;
//! - more than [`package::MAX_ENTRIES`] entries (counted in the central
//!   directory, before anything is inflated);
//! - an entry name that could point anywhere but at a file of the package:
//!   absolute (`/x`), a `..`, `.` or empty component, a drive letter or any
//!   `:`, a backslash, a NUL or other control character; and two names that
//!   are the same, also when case and Unicode form are ignored (`Article.md`
//!   and `article.md` would be one file on Windows and macOS);
//! - symbolic links and other special files, encrypted entries, compression
//!   other than stored or deflated;
//! - folder entries other than a plain `media/` (which zip tools add and
//!   which is then ignored), and files that are not part of the format
//!   (`manifest.json`, `article.md`, `article.ninjs.json`, `index.html`,
//!   `comments.json` and `media/<file>`);
//! - more than [`package::MAX_UNCOMPRESSED`] bytes inflated in all, or a
//!   file that inflates to more than its kind may be
//!   ([`package::max_file_bytes`]: article.md, the ninjs, comments.json, a
//!   photo…): refused at once when the sizes the zip declares already say
//!   so, and otherwise counted while inflating, so a zip bomb whose headers
//!   lie is stopped after at most the limit, never extracted, and nothing is
//!   built from a file before its size is known to be within its limit;
//! - a missing or malformed `manifest.json`, another format, a newer format
//!   version; a listed file missing, of another size or SHA-256; a file the
//!   manifest does not list;
//! - `article.md` that is not UTF-8 or not a valid article file, or whose
//!   photos (`path`, else `file`) and body images are not among the media
//!   files; `article.ninjs.json` that is not JSON; `comments.json` that is
//!   not a hand-off log.
//!
//! Memory stays small whatever a package claims: the zip is read from its
//! file, not loaded; index.html and the photos are hashed while they
//! inflate and not kept; one parsed file is in memory at a time. A photo is
//! read again, and checked again, when it is saved
//! ([`PackageContents::media_bytes`]), one at a time.

use std::{
    collections::{BTreeMap, btree_map::Entry as MapEntry},
    fs::File,
    io::{BufReader, Cursor, Read, Seek, SeekFrom, Write},
    path::Path,
};

use sha2::{Digest, Sha256};
use unicode_normalization::UnicodeNormalization;
use zip::{CompressionMethod, ZipArchive};

use crate::{
    bounded_file::{self, Refusal},
    error::{CoreError, Message, Result},
    import::front_matter,
    msg,
    package::{
        self, ARTICLE_MD, COMMENTS_JSON, FORMAT, FORMAT_VERSION, HandoffLog, INDEX_HTML, MANIFEST,
        MEDIA_DIR, Manifest, NINJS_JSON,
    },
};

/// A package, read and checked. Its photos are not in memory: each is read
/// from the package when it is needed ([`PackageContents::media_bytes`]).
pub struct PackageContents<R> {
    /// The package file, for messages.
    pub source: String,
    pub manifest: Manifest,
    /// article.md, parsed (front_matter::parse) — its photos refer to media/ paths.
    pub article: front_matter::ParsedArticle,
    /// Every media/ file by its path in the package ("media/<sha>.jpg"),
    /// checked against the manifest (inflated and hashed, then let go).
    pub media: BTreeMap<String, MediaFile>,
    /// comments.json when present (hand-off packages), parsed and checked.
    pub handoff: Option<HandoffLog>,
    /// The zip, to read the photos from.
    reader: Reader<R>,
}

/// A media/ file of a package: where it is, and what it was checked to be.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MediaFile {
    /// Its size in bytes, as the manifest lists it and as it inflated.
    pub size: u64,
    /// Its SHA-256 (lowercase hex), as the manifest lists it and as it inflated.
    pub sha256: String,
    /// Its entry in the zip.
    entry: FileEntry,
}

impl<R> std::fmt::Debug for PackageContents<R> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("PackageContents")
            .field("source", &self.source)
            .field("manifest", &self.manifest)
            .field("article", &self.article)
            .field("media", &self.media)
            .field("handoff", &self.handoff)
            .finish_non_exhaustive()
    }
}

impl<R: Read + Seek> PackageContents<R> {
    /// The bytes of media file `path` (a key of `media`), inflated again and
    /// checked again against the manifest: the file may have changed on disk
    /// since [`read`] checked it.
    pub fn media_bytes(&mut self, path: &str) -> Result<Vec<u8>> {
        let Some(file) = self.media.get(path) else {
            return Err(self.reader.refuse(path, msg!("packagePhotoMissing")));
        };
        let bytes = self.reader.inflate_capped(&file.entry, file.size)?;
        match bytes {
            Some(bytes) if bytes.len() as u64 == file.size && sha256_hex(&bytes) == file.sha256 => {
                Ok(bytes)
            }
            _ => Err(self.reader.refuse(path, msg!("packageEntryChanged"))),
        }
    }
}

/// How much a package may hold. [`read`] and [`read_bytes`] use the format's
/// limits ([`Limits::default`]); smaller ones exist for tests, which can then
/// show a zip bomb being stopped without inflating a gigabyte.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Limits {
    /// Entries in the zip, folder entries included.
    pub max_entries: usize,
    /// Bytes inflated, all entries together.
    pub max_uncompressed: u64,
}

impl Default for Limits {
    fn default() -> Self {
        Limits {
            max_entries: package::MAX_ENTRIES,
            max_uncompressed: package::MAX_UNCOMPRESSED,
        }
    }
}

/// Reads and checks a package from its file (never loaded whole into
/// memory); nothing is written anywhere.
pub fn read(path: &Path) -> Result<PackageContents<BufReader<File>>> {
    let source = path.display().to_string();
    // A package inflates to at most MAX_UNCOMPRESSED bytes, so its file is
    // hardly larger (headers, and deflate's worst case on incompressible
    // data, stay far under the 1/16 allowed here). Anything bigger is
    // refused before it is read: the zip reader keeps a record for each
    // entry its directory lists, so the file's size bounds that memory.
    let allowed = package::MAX_UNCOMPRESSED + package::MAX_UNCOMPRESSED / 16;
    let refuse = |message: Message| CoreError::Package {
        file: source.clone(),
        entry: None,
        message,
    };
    let file = bounded_file::open(path, allowed).map_err(|e| match e {
        Refusal::NotRegular => refuse(msg!("fileNotRegular")),
        Refusal::TooLarge(len) => refuse(msg!("packageTooLarge", size = len, max = allowed)),
        Refusal::Io(e) => CoreError::io(path, e),
    })?;
    read_with_limits(&source, BufReader::new(file), Limits::default())
}

/// [`read`] for a package already in memory; `source` names it in messages.
pub fn read_bytes<'a>(source: &str, bytes: &'a [u8]) -> Result<PackageContents<Cursor<&'a [u8]>>> {
    read_with_limits(source, Cursor::new(bytes), Limits::default())
}

/// The most a central-directory record of a package may take: 46 bytes and
/// its name and extra field. A package's names are short (`media/` and a
/// SHA-256), and zip tools add some dozens of bytes of extra fields.
const MAX_DIRECTORY_RECORD: u64 = 4096;

/// Reads the end-of-central-directory record (and its zip64 form) from the
/// last bytes of the zip, before the zip crate parses the directory, which
/// it does whole and in memory: 300,000 empty entries in a 32 MB zip took
/// 83 MB before the entry count could be refused. A directory that claims
/// more entries, or more bytes, than a package can have is refused here,
/// having read at most 64 KiB. A zip with no such record is left to the zip
/// crate's own refusal.
fn directory_fits<R: Read + Seek>(source: &str, reader: &mut R, limits: Limits) -> Result<()> {
    const EOCD: &[u8] = b"PK\x05\x06";
    const ZIP64_LOCATOR: &[u8] = b"PK\x06\x07";
    const ZIP64_EOCD: &[u8] = b"PK\x06\x06";
    let refuse = |message: Message| CoreError::Package {
        file: source.to_owned(),
        entry: None,
        message,
    };
    let io = |e: std::io::Error| refuse(msg!("cannotBeRead", error = e.to_string()));
    let len = reader.seek(SeekFrom::End(0)).map_err(io)?;
    // The record is 22 bytes and a comment of at most 65,535: the last 22
    // bytes when there is no comment (as in every package Byline writes),
    // else somewhere in the last 64 KiB.
    let mut tail = Vec::new();
    let mut found = None;
    for tail_len in [len.min(22), len.min(22 + 0xFFFF)] {
        tail = vec![0; usize::try_from(tail_len).unwrap_or(0)];
        reader.seek(SeekFrom::Start(len - tail_len)).map_err(io)?;
        reader.read_exact(&mut tail).map_err(io)?;
        found = (0..tail.len().saturating_sub(21))
            .rev()
            .find(|&i| &tail[i..i + 4] == EOCD);
        if found.is_some() {
            break;
        }
    }
    let Some(at) = found else {
        return Ok(());
    };
    let u16_at = |b: &[u8], i: usize| u64::from(u16::from_le_bytes([b[i], b[i + 1]]));
    let u32_at =
        |b: &[u8], i: usize| u64::from(u32::from_le_bytes([b[i], b[i + 1], b[i + 2], b[i + 3]]));
    let u64_at =
        |b: &[u8], i: usize| u64::from_le_bytes(b[i..i + 8].try_into().unwrap_or([0xFF; 8]));
    let (mut entries, mut size) = (u16_at(&tail, at + 10), u32_at(&tail, at + 12));
    // zip64: the counts are in a record that the locator, the 20 bytes
    // just before, points to.
    let eocd_at = len - tail.len() as u64 + at as u64;
    if (entries == 0xFFFF || size == 0xFFFF_FFFF) && eocd_at >= 20 {
        let mut locator = [0u8; 20];
        reader.seek(SeekFrom::Start(eocd_at - 20)).map_err(io)?;
        reader.read_exact(&mut locator).map_err(io)?;
        let record_at = u64_at(&locator, 8);
        let mut record = [0u8; 56];
        if &locator[..4] == ZIP64_LOCATOR && record_at.checked_add(56).is_some_and(|end| end <= len)
        {
            reader.seek(SeekFrom::Start(record_at)).map_err(io)?;
            reader.read_exact(&mut record).map_err(io)?;
            if &record[..4] == ZIP64_EOCD {
                (entries, size) = (u64_at(&record, 32), u64_at(&record, 40));
            }
        }
    }
    let max_entries = limits.max_entries as u64;
    if entries > max_entries {
        return Err(refuse(msg!(
            "packageTooManyEntries",
            count = entries,
            max = max_entries
        )));
    }
    let max_size = max_entries * MAX_DIRECTORY_RECORD;
    if size > max_size {
        return Err(refuse(msg!(
            "packageDirectoryTooLarge",
            size,
            max = max_size
        )));
    }
    reader.seek(SeekFrom::Start(0)).map_err(io)?;
    Ok(())
}

/// [`read_bytes`] with other limits, from any reader. For tests: a small
/// `max_uncompressed` lets a test show a zip bomb refused, and a reader that
/// counts what is read from it shows how little of the bomb was inflated.
pub fn read_with_limits<R: Read + Seek>(
    source: &str,
    reader: R,
    limits: Limits,
) -> Result<PackageContents<R>> {
    let mut reader = reader;
    directory_fits(source, &mut reader, limits)?;
    let archive = ZipArchive::new(reader).map_err(|e| CoreError::Package {
        file: source.to_owned(),
        entry: None,
        message: msg!("packageNotZip", error = e.to_string()),
    })?;
    let mut package = Reader {
        source: source.to_owned(),
        archive,
        limits,
        inflated: 0,
    };
    let files = package.entries()?;
    package.declared_sizes(&files)?;
    let manifest = package.manifest(&files)?;
    package.listing(&manifest, &files)?;

    // One file at a time: the ones parsed are in memory only while they
    // are parsed; index.html and the photos are hashed as they inflate.
    let mut article = None;
    let mut media = BTreeMap::new();
    let mut handoff = None;
    for listed in &manifest.files {
        let entry = &files[&listed.path];
        let path = listed.path.as_str();
        let check_size = |package: &Reader<R>, size: u64| {
            if size == listed.size {
                Ok(())
            } else {
                Err(package.refuse(
                    path,
                    msg!("packageSizeMismatch", size, listed = listed.size),
                ))
            }
        };
        let check_hash = |package: &Reader<R>, sha256: &str| {
            if sha256 == listed.sha256 {
                Ok(())
            } else {
                Err(package.refuse(path, msg!("packageHashMismatch")))
            }
        };
        if path == INDEX_HTML || is_media(path) {
            let (size, sha256) = package.inflate_hashing(entry)?;
            check_size(&package, size)?;
            check_hash(&package, &sha256)?;
            if is_media(path) {
                let file = MediaFile {
                    size,
                    sha256,
                    entry: entry.clone(),
                };
                media.insert(listed.path.clone(), file);
            }
            continue;
        }
        let bytes = package.inflate(entry)?;
        check_size(&package, bytes.len() as u64)?;
        check_hash(&package, &sha256_hex(&bytes))?;
        match path {
            ARTICLE_MD => article = Some(package.article(bytes)?),
            // Checked to be JSON, nothing kept: serde's IgnoredAny reads it
            // without building anything.
            NINJS_JSON => {
                serde_json::from_slice::<serde::de::IgnoredAny>(&bytes).map_err(|e| {
                    package.refuse(NINJS_JSON, msg!("packageNotJson", error = e.to_string()))
                })?;
            }
            COMMENTS_JSON => {
                let log = serde_json::from_slice::<HandoffLog>(&bytes).map_err(|e| {
                    package.refuse(
                        COMMENTS_JSON,
                        msg!("packageLogInvalid", error = e.to_string()),
                    )
                })?;
                handoff = Some(log);
            }
            _ => {}
        }
    }
    // `listing` made sure article.md is listed.
    let article = article.ok_or_else(|| package.refuse(ARTICLE_MD, msg!("packageFileMissing")))?;
    package.photos_present(&article, &media)?;
    Ok(PackageContents {
        source: source.to_owned(),
        manifest,
        article,
        media,
        handoff,
        reader: package,
    })
}

/// A file entry of the zip, as its central directory describes it.
#[derive(Debug, Clone, PartialEq, Eq)]
struct FileEntry {
    index: usize,
    name: String,
    /// The size the zip says it inflates to: used only to refuse early,
    /// never trusted.
    declared: u64,
}

struct Reader<R> {
    source: String,
    archive: ZipArchive<R>,
    limits: Limits,
    /// Bytes inflated so far, all entries together.
    inflated: u64,
}

impl<R: Read + Seek> Reader<R> {
    fn refuse(&self, entry: &str, message: Message) -> CoreError {
        CoreError::Package {
            file: self.source.clone(),
            entry: Some(shown(entry)),
            message,
        }
    }

    fn refuse_package(&self, message: Message) -> CoreError {
        CoreError::Package {
            file: self.source.clone(),
            entry: None,
            message,
        }
    }

    /// Checks every entry of the central directory (nothing is inflated)
    /// and returns the files by name; the plain `media/` folder entry is
    /// checked and left out.
    fn entries(&self) -> Result<BTreeMap<String, FileEntry>> {
        let count = self.archive.len();
        if count > self.limits.max_entries {
            return Err(self.refuse_package(msg!(
                "packageTooManyEntries",
                count,
                max = self.limits.max_entries
            )));
        }
        // The zip crate keeps one entry per exact name; this says it dropped some.
        if self.archive.has_duplicate_names() {
            return Err(self.refuse_package(msg!("packageDuplicateNames")));
        }
        let mut files = BTreeMap::new();
        // Every name by its folded form (case and Unicode form ignored), to
        // find two names that one file system would take for one file.
        let mut folded: BTreeMap<String, String> = BTreeMap::new();
        for index in 0..count {
            let entry = self.archive.by_index_data(index).map_err(|e| {
                self.refuse_package(msg!("packageEntryUnreadable", index, error = e.to_string()))
            })?;
            let raw = String::from_utf8_lossy(entry.name_raw()).into_owned();
            let name = entry
                .name()
                .map_err(|e| self.refuse(&raw, Message::verbatim(e.to_string())))?;
            let name = name.into_owned();
            let folder = name.ends_with('/');
            let path = if folder {
                &name[..name.len() - 1]
            } else {
                &name[..]
            };
            if let Some(problem) = name_problem(path) {
                return Err(self.refuse(&name, problem));
            }
            // The file type in the unix mode, when the zip records one.
            let kind = entry
                .unix_mode()
                .map(|mode| mode & 0o170_000)
                .filter(|&kind| kind != 0);
            match (kind, folder) {
                (Some(0o120_000), _) => {
                    return Err(self.refuse(&name, msg!("packageSymlink")));
                }
                (None | Some(0o100_000), false) | (None | Some(0o100_000 | 0o040_000), true) => {}
                (Some(0o040_000), false) => {
                    return Err(self.refuse(&name, msg!("packageFolderNoSlash")));
                }
                (Some(kind), _) => {
                    return Err(self.refuse(
                        &name,
                        msg!("packageNotPlainFile", kind = format!("{kind:o}")),
                    ));
                }
            }
            if entry.encrypted() {
                return Err(self.refuse(&name, msg!("packageEncrypted")));
            }
            let method = entry.compression();
            if !matches!(
                method,
                CompressionMethod::Stored | CompressionMethod::Deflated
            ) {
                return Err(self.refuse(
                    &name,
                    msg!("packageCompression", method = method.to_string()),
                ));
            }
            match folded.entry(fold_name(path)) {
                MapEntry::Occupied(first) => {
                    return Err(self.refuse(
                        &name,
                        msg!("packageSameNameFolded", first = shown(first.get())),
                    ));
                }
                MapEntry::Vacant(slot) => {
                    slot.insert(name.clone());
                }
            }
            if folder {
                // Zip tools add folder entries; the only folder a package has
                // is media/, and its entry says nothing we need.
                if path != MEDIA_DIR {
                    return Err(self.refuse(&name, not_in_format()));
                }
                // Never inflated, so never counted: it must hold nothing.
                if entry.size() != 0 {
                    return Err(self.refuse(&name, msg!("packageFolderWithContent")));
                }
                continue;
            }
            if layout_problem(&name) {
                return Err(self.refuse(&name, not_in_format()));
            }
            files.insert(
                name.clone(),
                FileEntry {
                    index,
                    name,
                    declared: entry.size(),
                },
            );
        }
        Ok(files)
    }

    /// Refuses a package whose headers already declare more than the limit
    /// of the package, or a file more than its kind may be, before
    /// inflating anything (honest zip bombs stop here; lying ones are
    /// stopped by `inflate`).
    fn declared_sizes(&self, files: &BTreeMap<String, FileEntry>) -> Result<()> {
        let mut total: u64 = 0;
        for entry in files.values() {
            total = total.saturating_add(entry.declared);
            if total > self.limits.max_uncompressed {
                return Err(self.refuse(
                    &entry.name,
                    msg!("packageDeclaresTooMuch", max = self.limits.max_uncompressed),
                ));
            }
            if entry.declared > package::max_file_bytes(&entry.name) {
                return Err(self.refuse(
                    &entry.name,
                    msg!(
                        "packageEntryDeclaresTooMuch",
                        declared = entry.declared,
                        limit = file_limit(&entry.name)
                    ),
                ));
            }
        }
        Ok(())
    }

    /// Inflates one entry into memory, counting against the package's
    /// limit and its kind's, whatever its header declares.
    fn inflate(&mut self, entry: &FileEntry) -> Result<Vec<u8>> {
        // A few MiB at most up front: a header is not trusted even for memory.
        let capacity = entry
            .declared
            .min(package::max_file_bytes(&entry.name))
            .min(8 << 20);
        let mut bytes = Vec::with_capacity(usize::try_from(capacity).unwrap_or(0));
        self.inflate_counted(entry, &mut bytes)?;
        Ok(bytes)
    }

    /// Inflates one entry into SHA-256 without keeping it, counted like
    /// `inflate`: its size and hash (lowercase hex).
    fn inflate_hashing(&mut self, entry: &FileEntry) -> Result<(u64, String)> {
        let mut hasher = Sha256::new();
        let size = self.inflate_counted(entry, &mut hasher)?;
        Ok((size, hex(&hasher.finalize())))
    }

    /// Inflates one entry into `sink`, stopping one byte past whichever
    /// is smaller: what the package may still inflate to, or what a file of
    /// its kind may be.
    fn inflate_counted(&mut self, entry: &FileEntry, sink: &mut impl Write) -> Result<u64> {
        let remaining = self.limits.max_uncompressed.saturating_sub(self.inflated);
        let of_kind = package::max_file_bytes(&entry.name);
        match self.inflate_to(entry, remaining.min(of_kind), sink)? {
            Some(size) => {
                self.inflated += size;
                Ok(size)
            }
            None if of_kind <= remaining => Err(self.refuse(
                &entry.name,
                msg!(
                    "packageEntryTooLarge",
                    max = of_kind,
                    limit = file_limit(&entry.name)
                ),
            )),
            None => Err(self.refuse(
                &entry.name,
                msg!("packageTooMuchInflated", max = self.limits.max_uncompressed),
            )),
        }
    }

    /// Inflates one entry into `sink` if it holds at most `cap` bytes: its
    /// size, or `None` as soon as it holds more.
    fn inflate_to(
        &mut self,
        entry: &FileEntry,
        cap: u64,
        sink: &mut impl Write,
    ) -> Result<Option<u64>> {
        let result = match self.archive.by_index(entry.index) {
            Ok(file) => match copy_capped(file, cap, sink) {
                Ok(size) => Ok(size),
                // The zip crate also stops an entry at the size its header
                // declares; said in our words when we recognise it.
                Err(e) if e.to_string().contains("declared uncompressed size") => {
                    Err(msg!("packageLiesAboutSize", declared = entry.declared))
                }
                Err(e) => Err(msg!("packageInflateFailed", error = e.to_string())),
            },
            Err(e) => Err(msg!("cannotBeRead", error = e.to_string())),
        };
        result.map_err(|message| self.refuse(&entry.name, message))
    }

    /// A media file again, when it is saved: at most `size` bytes (what
    /// the manifest lists), `None` if it holds more.
    fn inflate_capped(&mut self, entry: &FileEntry, size: u64) -> Result<Option<Vec<u8>>> {
        let mut bytes = Vec::with_capacity(usize::try_from(size.min(8 << 20)).unwrap_or(0));
        Ok(self.inflate_to(entry, size, &mut bytes)?.map(|_| bytes))
    }

    /// Reads manifest.json: JSON, then the format and its version (before
    /// the fields, so that a newer manifest with new fields is named as
    /// newer), then the fields.
    fn manifest(&mut self, files: &BTreeMap<String, FileEntry>) -> Result<Manifest> {
        let entry = files
            .get(MANIFEST)
            .ok_or_else(|| self.refuse_package(msg!("packageNoManifest")))?;
        let bytes = self.inflate(entry)?;
        let value: serde_json::Value = serde_json::from_slice(&bytes)
            .map_err(|e| self.refuse(MANIFEST, msg!("packageNotJson", error = e.to_string())))?;
        let format = value.get("format").and_then(serde_json::Value::as_str);
        if format != Some(FORMAT) {
            return Err(self.refuse(
                MANIFEST,
                match format {
                    Some(found) => {
                        msg!("packageWrongFormat", found = shown(found), format = FORMAT)
                    }
                    None => msg!("packageFormatMissing", format = FORMAT),
                },
            ));
        }
        let version = value.get("format_version");
        match version.and_then(serde_json::Value::as_u64) {
            Some(v) if v == u64::from(FORMAT_VERSION) => {}
            Some(v) if v > u64::from(FORMAT_VERSION) => {
                return Err(self.refuse(
                    MANIFEST,
                    msg!(
                        "packageNewerFormat",
                        version = v,
                        supported = FORMAT_VERSION
                    ),
                ));
            }
            _ => {
                let supported = FORMAT_VERSION;
                return Err(self.refuse(
                    MANIFEST,
                    match version {
                        Some(found) => {
                            msg!("packageBadVersion", found = found.to_string(), supported)
                        }
                        None => msg!("packageVersionMissing", supported),
                    },
                ));
            }
        }
        serde_json::from_slice(&bytes).map_err(|e| {
            self.refuse(
                MANIFEST,
                msg!("packageManifestInvalid", error = e.to_string()),
            )
        })
    }

    /// The manifest's list against the zip: paths that obey the name rules,
    /// each once; every listed file present, every file listed, article.md
    /// and article.ninjs.json among them. Nothing is inflated here.
    fn listing(&self, manifest: &Manifest, files: &BTreeMap<String, FileEntry>) -> Result<()> {
        let mut folded: BTreeMap<String, &str> = BTreeMap::new();
        for listed in &manifest.files {
            let path = listed.path.as_str();
            let problem = name_problem(path)
                .or_else(|| (path == MANIFEST).then(|| msg!("packageManifestListsItself")))
                .or_else(|| layout_problem(path).then(not_in_format))
                .or_else(|| {
                    (!is_sha256(&listed.sha256))
                        .then(|| msg!("packageBadSha256", sha256 = shown(&listed.sha256)))
                });
            if let Some(problem) = problem {
                return Err(self.refuse(
                    MANIFEST,
                    msg!("packageListsBad", path = shown(path), problem),
                ));
            }
            if let Some(first) = folded.insert(fold_name(path), path) {
                return Err(self.refuse(
                    MANIFEST,
                    msg!(
                        "packageListsTwice",
                        first = shown(first),
                        second = shown(path)
                    ),
                ));
            }
            if !files.contains_key(path) {
                return Err(self.refuse(path, msg!("packageListedNotPresent")));
            }
        }
        for name in files.keys() {
            if name != MANIFEST && !manifest.files.iter().any(|f| &f.path == name) {
                return Err(self.refuse(name, msg!("packageNotListed")));
            }
        }
        for required in [ARTICLE_MD, NINJS_JSON] {
            if !files.contains_key(required) {
                return Err(self.refuse(required, msg!("packageFileMissing")));
            }
        }
        Ok(())
    }

    /// article.md, parsed; its errors say which line of the front matter.
    fn article(&self, bytes: Vec<u8>) -> Result<front_matter::ParsedArticle> {
        let text = String::from_utf8(bytes).map_err(|e| {
            self.refuse(
                ARTICLE_MD,
                msg!(
                    "packageArticleNotUtf8",
                    offset = e.utf8_error().valid_up_to()
                ),
            )
        })?;
        front_matter::parse(ARTICLE_MD, &text).map_err(|e| match e {
            CoreError::ArticleFile {
                line: Some(line),
                message,
                ..
            } => self.refuse(ARTICLE_MD, msg!("frontMatterLine", line, message)),
            CoreError::ArticleFile { message, .. } => self.refuse(ARTICLE_MD, message),
            other => self.refuse(ARTICLE_MD, other.message()),
        })
    }

    /// Every photo article.md asks for (`path`, else `file`; body images
    /// too) is one of the package's media files.
    fn photos_present(
        &self,
        article: &front_matter::ParsedArticle,
        media: &BTreeMap<String, MediaFile>,
    ) -> Result<()> {
        for photo in &article.photos {
            let at = photo.path.as_deref().unwrap_or(&photo.file);
            if media.contains_key(at) {
                continue;
            }
            let (file, problem) = (shown(&photo.file), msg!("packageNotInMedia"));
            let message = match (photo.line, &photo.path) {
                (Some(line), Some(path)) => msg!(
                    "frontMatterLine",
                    line,
                    message = msg!("importPhotoPathProblem", file, path = shown(path), problem)
                ),
                (Some(line), None) => msg!(
                    "frontMatterLine",
                    line,
                    message = msg!("importPhotoProblem", file, problem)
                ),
                (None, _) => msg!("importBodyImageProblem", file, problem),
            };
            return Err(self.refuse(ARTICLE_MD, message));
        }
        Ok(())
    }
}

/// Copies all of `reader` into `sink` if it holds at most `cap` bytes: how
/// many; `None` as soon as it holds more. At most `cap + 1` bytes are ever
/// read from it, whatever the zip said.
fn copy_capped(reader: impl Read, cap: u64, sink: &mut impl Write) -> std::io::Result<Option<u64>> {
    let copied = std::io::copy(&mut reader.take(cap.saturating_add(1)), sink)?;
    Ok((copied <= cap).then_some(copied))
}

/// What a file of the package may inflate to, for a message: "article.md
/// may be at most 2097152 bytes (2 MiB)".
fn file_limit(name: &str) -> Message {
    let max = package::max_file_bytes(name);
    let mib = max >> 20;
    if is_media(name) {
        msg!("packagePhotoLimit", max, mib)
    } else {
        msg!("packageFileLimit", file = shown(name), max, mib)
    }
}

/// Why a name (of an entry, or a path in the manifest; a folder entry without
/// its trailing `/`) could point anywhere but at a file inside the package.
fn name_problem(name: &str) -> Option<Message> {
    Some(if name.is_empty() {
        msg!("nameEmpty")
    } else if name.contains('\0') {
        msg!("nameNul")
    } else if name.chars().any(char::is_control) {
        msg!("nameControl")
    } else if name.contains('\\') {
        msg!("nameBackslash")
    } else if name.starts_with('/') {
        msg!("nameAbsolute")
    } else if name.len() >= 2
        && name.as_bytes()[0].is_ascii_alphabetic()
        && name.as_bytes()[1] == b':'
    {
        msg!("nameDriveLetter")
    } else if name.contains(':') {
        msg!("nameColon")
    } else if name.split('/').any(|c| c == "..") {
        msg!("nameDotDot")
    } else if name.split('/').any(|c| c == ".") {
        msg!("nameDot")
    } else if name.split('/').any(str::is_empty) {
        msg!("nameEmptyFolder")
    } else {
        return None;
    })
}

/// Whether a (checked) name is not one of the format's files.
fn layout_problem(name: &str) -> bool {
    let top = [MANIFEST, ARTICLE_MD, NINJS_JSON, INDEX_HTML, COMMENTS_JSON];
    !(top.contains(&name) || is_media(name))
}

/// `media/<file>`, one level down.
fn is_media(name: &str) -> bool {
    name.strip_prefix(MEDIA_DIR)
        .and_then(|rest| rest.strip_prefix('/'))
        .is_some_and(|file| !file.is_empty() && !file.contains('/'))
}

fn not_in_format() -> Message {
    msg!(
        "packageNotInFormat",
        files = [MANIFEST, ARTICLE_MD, NINJS_JSON, INDEX_HTML, COMMENTS_JSON].join(", "),
        media = format!("{MEDIA_DIR}/<file>")
    )
}

/// A name as one file system that ignores case and Unicode form (Windows,
/// macOS) would see it.
fn fold_name(name: &str) -> String {
    name.nfc()
        .collect::<String>()
        .to_lowercase()
        .nfc()
        .collect()
}

/// A name for a message: control characters escaped, so that a hostile name
/// cannot break a line or hide itself.
fn shown(name: &str) -> String {
    name.chars()
        .map(|c| {
            if c.is_control() {
                c.escape_default().to_string()
            } else {
                c.to_string()
            }
        })
        .collect()
}

fn is_sha256(s: &str) -> bool {
    s.len() == 64 && s.bytes().all(|b| matches!(b, b'0'..=b'9' | b'a'..=b'f'))
}

fn sha256_hex(bytes: &[u8]) -> String {
    hex(&Sha256::digest(bytes))
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|byte| format!("{byte:02x}")).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The count while inflating is what stops a zip bomb whose headers lie
    /// (the zip crate's own check against the declared size is a second
    /// guard, not one we rely on). An endless reader stands for an entry
    /// that inflates forever: reading it must stop one byte past the cap.
    #[test]
    fn reading_stops_one_byte_past_the_cap() {
        struct Counting<R>(R, u64);
        impl<R: Read> Read for Counting<R> {
            fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
                let n = self.0.read(buf)?;
                self.1 += n as u64;
                Ok(n)
            }
        }
        let mut endless = Counting(std::io::repeat(0), 0);
        let mut sink = Vec::new();
        assert_eq!(copy_capped(&mut endless, 1000, &mut sink).unwrap(), None);
        assert_eq!(endless.1, 1001);

        let mut sink = Vec::new();
        let exact = copy_capped(&[7u8; 1000][..], 1000, &mut sink).unwrap();
        assert_eq!(exact, Some(1000));
        assert_eq!(sink, [7u8; 1000]);
    }

    #[test]
    fn names_that_leave_the_package_are_refused() {
        for bad in [
            "",
            "../evil.txt",
            "media/../../x",
            "/etc/passwd",
            "C:/Windows/x",
            "c:x",
            "a\\..\\b",
            "..\\x",
            "a\0b",
            "a\nb",
            "./article.md",
            "media//x.jpg",
            "media/",
            "article.md:stream",
        ] {
            assert!(name_problem(bad).is_some(), "{bad:?} passed");
        }
        for good in ["article.md", "media/3fa2.jpg", "media/ảnh hội nghị.jpg"] {
            assert_eq!(name_problem(good), None, "{good:?}");
        }
    }

    #[test]
    fn only_the_formats_files_are_in_a_package() {
        for good in [
            "manifest.json",
            "article.md",
            "media/x.jpg",
            "comments.json",
        ] {
            assert!(!layout_problem(good), "{good}");
        }
        for bad in [
            "notes.txt",
            "media/a/b.jpg",
            "Article.md",
            "media",
            "x/article.md",
        ] {
            assert!(layout_problem(bad), "{bad}");
        }
    }

    #[test]
    fn folded_names_ignore_case_and_unicode_form() {
        // "hòa" precomposed and decomposed, upper and lower case.
        assert_eq!(
            fold_name("media/Ho\u{300}a.jpg"),
            fold_name("media/hòa.jpg")
        );
        assert_ne!(fold_name("media/hoa.jpg"), fold_name("media/hòa.jpg"));
    }
}
