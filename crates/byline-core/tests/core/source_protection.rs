//! Source protection: an exported photo carries no location, no device serial
//! numbers and no edit history, and keeps its caption, creator, credit,
//! copyright and orientation; the keep-metadata setting exports the
//! originals. Checked with the real `exiftool` on the files each export
//! format writes, for a JPEG, a PNG and a WebP made here and tagged by
//! exiftool the way a camera and an editing program tag them.

use std::{
    collections::BTreeMap,
    path::{Path, PathBuf},
    process::Command,
    sync::atomic::AtomicBool,
};

use base64::{Engine, engine::general_purpose::STANDARD};
use byline_core::{
    Article, Settings, Store,
    export::{
        self,
        batch::{self, Format},
    },
    import, photo,
    store::Outcome,
    workflow::{Actor, Role},
};
use image::{ImageFormat, RgbImage, RgbaImage};
use serde_json::Value;

use crate::empty_library;

const CAPTION: &str = "Người dân xếp hàng nộp hồ sơ tại bộ phận một cửa xã An Thịnh.";
const CREATOR: &str = "Minh Anh";
const CREDIT: &str = "Báo An Thịnh";
const COPYRIGHT: &str = "© 2026 Báo An Thịnh";

/// What could lead back to a source, as exiftool names the tags (group:tag):
/// any tag whose name holds one of these is a failure.
const REVEALING: [&str; 11] = [
    "GPS",
    "Serial",
    "OwnerName",
    "History",
    "DerivedFrom",
    "DocumentID",
    "InstanceID",
    "MakerNote",
    "Comment",
    "Model",
    "Make",
];

fn reporter() -> Actor {
    Actor::new("Duy Huy", Role::Reporter).unwrap()
}

/// The three test photos: (file name, EXIF orientation written, displayed
/// width and height).
const PHOTOS: [(&str, u8, u32, u32); 3] = [
    ("nguon.jpg", 6, 48, 64),
    ("nguon.png", 1, 40, 30),
    ("nguon.webp", 8, 30, 40),
];

fn exiftool(args: &[&str], file: &Path) -> std::process::Output {
    let out = Command::new("exiftool")
        .args(args)
        .arg(file)
        .output()
        .expect("exiftool runs (Debian package libimage-exiftool-perl; make deps installs it)");
    assert!(
        out.status.success(),
        "exiftool {args:?} {}: {}",
        file.display(),
        String::from_utf8_lossy(&out.stderr)
    );
    out
}

/// Every tag exiftool reads in `file`, as `group:tag` → value (numbers as
/// numbers: orientation 6, not "Rotate 90 CW").
fn tags(file: &Path) -> BTreeMap<String, Value> {
    let out = exiftool(&["-j", "-a", "-G1", "-n"], file);
    let list: Vec<BTreeMap<String, Value>> = serde_json::from_slice(&out.stdout).unwrap();
    list.into_iter().next().unwrap()
}

/// exiftool's verdict on the structure of `file`'s metadata, with the
/// warnings when there are any.
fn validation(file: &Path) -> String {
    let out = exiftool(&["-validate", "-warning", "-a", "-s3"], file);
    String::from_utf8(out.stdout).unwrap().trim().to_owned()
}

fn revealing(tags: &BTreeMap<String, Value>) -> Vec<String> {
    tags.keys()
        .filter(|key| {
            let tag = key.split_once(':').map_or(key.as_str(), |(_, t)| t);
            REVEALING.iter().any(|word| tag.contains(word))
        })
        .cloned()
        .collect()
}

/// A photo the way a reporter's camera and editing program leave it.
fn tagged_photo(dir: &Path, name: &str, orientation: u8) -> PathBuf {
    let path = dir.join(name);
    let pixels = RgbImage::from_fn(64, 48, |x, y| {
        image::Rgb([(x * 4) as u8, (y * 5) as u8, 90])
    });
    let (width, height) = if name.ends_with(".jpg") {
        (64, 48)
    } else {
        (40, 30)
    };
    let bytes = {
        let mut out = std::io::Cursor::new(Vec::new());
        if name.ends_with(".jpg") {
            pixels.write_to(&mut out, ImageFormat::Jpeg).unwrap();
        } else {
            let rgba = RgbaImage::from_fn(width, height, |x, y| {
                image::Rgba([(x * 6) as u8, (y * 8) as u8, 200, 255])
            });
            let format = if name.ends_with(".png") {
                ImageFormat::Png
            } else {
                ImageFormat::WebP
            };
            rgba.write_to(&mut out, format).unwrap();
        }
        out.into_inner()
    };
    std::fs::write(&path, bytes).unwrap();
    let orientation = format!("-IFD0:Orientation#={orientation}");
    let caption = format!("-XMP-dc:Description={CAPTION}");
    let creator = format!("-XMP-dc:Creator={CREATOR}");
    let credit = format!("-XMP-photoshop:Credit={CREDIT}");
    let rights = format!("-XMP-dc:Rights={COPYRIGHT}");
    let mut args = vec![
        "-q",
        "-overwrite_original",
        // Where it was taken.
        "-GPSLatitude=21.0285",
        "-GPSLatitudeRef=N",
        "-GPSLongitude=105.8542",
        "-GPSLongitudeRef=E",
        "-XMP-exif:GPSLatitude=21.0285 N",
        "-XMP-exif:GPSLongitude=105.8542 E",
        // With what, whose.
        "-IFD0:Make=Canon",
        "-IFD0:Model=EOS R5",
        "-ExifIFD:SerialNumber=CAM-044713",
        "-ExifIFD:LensSerialNumber=LENS-99310",
        "-ExifIFD:OwnerName=Trần Nguồn Tin",
        "-XMP-aux:SerialNumber=CAM-044713",
        "-XMP-aux:LensSerialNumber=LENS-99310",
        // How it was edited, and from what.
        "-XMP-xmpMM:DocumentID=xmp.did:5f1c",
        "-XMP-xmpMM:InstanceID=xmp.iid:77ab",
        "-XMP-xmpMM:OriginalDocumentID=xmp.did:0001",
        "-XMP-xmpMM:DerivedFromDocumentID=xmp.did:0001",
        "-XMP-xmpMM:DerivedFromInstanceID=xmp.iid:0001",
        "-XMP-xmpMM:HistoryAction=saved",
        "-XMP-xmpMM:HistoryWhen=2026:03:14 09:30:00",
        "-XMP-xmpMM:HistorySoftwareAgent=Adobe Photoshop 25.0",
        "-XMP-photoshop:History=Cropped; faces blurred",
        &orientation,
        // What stays.
        &caption,
        &creator,
        &credit,
        &rights,
    ];
    let iptc = [
        format!("-IPTC:Caption-Abstract={CAPTION}"),
        format!("-IPTC:By-line={CREATOR}"),
        format!("-IPTC:Credit={CREDIT}"),
        format!("-IPTC:CopyrightNotice={COPYRIGHT}"),
    ];
    if name.ends_with(".jpg") {
        args.extend(["-charset", "iptc=UTF8", "-IPTC:CodedCharacterSet=UTF8"]);
        args.extend(iptc.iter().map(String::as_str));
        args.push("-Comment=Chụp tại nhà nguồn tin");
    }
    exiftool(&args, &path);
    path
}

/// A library holding one article with the three photos; their files.
fn library_with_tagged_photos() -> (tempfile::TempDir, Store, Article, Vec<PathBuf>) {
    let (dir, _, store) = empty_library();
    let folder = dir.path().join("bai");
    std::fs::create_dir_all(&folder).unwrap();
    let files: Vec<PathBuf> = PHOTOS
        .iter()
        .map(|(name, orientation, ..)| tagged_photo(&folder, name, *orientation))
        .collect();
    let mut text = String::from("---\nheadline: Hàng chờ ở bộ phận một cửa\nphotos:\n");
    for (name, ..) in PHOTOS {
        text.push_str(&format!("  - file: {name}\n    alt: Hàng người chờ\n"));
    }
    text.push_str("---\n\nBài viết.\n");
    for (name, ..) in PHOTOS {
        text.push_str(&format!("\n![Hàng người chờ]({name})\n"));
    }
    let md = folder.join("bai.md");
    std::fs::write(&md, text).unwrap();
    let imported = import::import_paths(&store, &[md], None).unwrap();
    let article = store.article(&imported[0].id.to_string()).unwrap();
    (dir, store, article, files)
}

fn export(store: &Store, article: &Article, format: Format, out: &Path) {
    batch::export(
        store,
        &[article.id],
        format,
        out,
        &reporter(),
        &AtomicBool::new(false),
        |_| {},
    )
    .unwrap();
}

/// Each exported photo (file name in the export, bytes) of `format`.
fn exported_photos(store: &Store, article: &Article, format: Format, dir: &Path) -> Vec<Vec<u8>> {
    let out = dir.join(format.as_str());
    std::fs::create_dir_all(&out).unwrap();
    let media_of = |folder: &Path| -> Vec<Vec<u8>> {
        let mut files: Vec<PathBuf> = std::fs::read_dir(folder.join("media"))
            .unwrap()
            .map(|e| e.unwrap().path())
            .collect();
        files.sort();
        files.iter().map(|f| std::fs::read(f).unwrap()).collect()
    };
    match format {
        Format::Html => {
            export(store, article, format, &out);
            media_of(&out)
        }
        Format::Md | Format::Ninjs => {
            let ext = if format == Format::Md { "md" } else { "json" };
            export(store, article, format, &out.join(format!("bai.{ext}")));
            media_of(&out)
        }
        Format::Package | Format::Handoff => {
            let zip = out.join("bai.zip");
            export(store, article, format, &zip);
            // Read as an importing library reads it: every media file must
            // match the manifest's SHA-256 and be a photo `inspect` takes.
            let mut contents = import::package::read(&zip).unwrap();
            let listed: Vec<(String, String)> = contents
                .manifest
                .files
                .iter()
                .filter(|f| f.path.starts_with("media/"))
                .map(|f| (f.path.clone(), f.sha256.clone()))
                .collect();
            listed
                .into_iter()
                .map(|(path, listed)| {
                    let bytes = contents.media_bytes(&path).unwrap();
                    assert_eq!(photo::sha256_hex(&bytes), listed);
                    assert_eq!(
                        path.trim_start_matches("media/").split('.').next(),
                        Some(listed.as_str()),
                        "named by its own SHA-256"
                    );
                    bytes
                })
                .collect()
        }
        Format::HtmlSingle => {
            let file = out.join("bai.html");
            export(store, article, format, &file);
            let page = std::fs::read_to_string(file).unwrap();
            page.split("src=\"data:")
                .skip(1)
                .map(|rest| {
                    let b64 = rest.split_once(";base64,").unwrap().1;
                    STANDARD.decode(b64.split('"').next().unwrap()).unwrap()
                })
                .collect()
        }
    }
}

#[test]
fn exported_photos_keep_their_credits_and_lose_location_serials_and_history() {
    let (dir, store, article, files) = library_with_tagged_photos();
    // The fixtures carry what the export must remove, else this proves nothing.
    for file in &files {
        let before = tags(file);
        for word in ["GPS", "Serial", "OwnerName", "History", "DocumentID"] {
            assert!(
                revealing(&before).iter().any(|k| k.contains(word)),
                "{} has no {word} tag to remove: {before:?}",
                file.display()
            );
        }
    }
    let originals: Vec<Vec<u8>> = files.iter().map(|f| std::fs::read(f).unwrap()).collect();

    for format in Format::ALL {
        let photos = exported_photos(&store, &article, format, dir.path());
        assert_eq!(photos.len(), 3, "{format:?}");
        for (i, bytes) in photos.iter().enumerate() {
            let what = format!("{format:?} photo {i}");
            assert!(
                !originals.contains(bytes),
                "{what}: the original file went out"
            );
            let info = photo::inspect("exported", bytes).unwrap_or_else(|e| panic!("{what}: {e}"));
            // The one it is a copy of: the same displayed size and kind.
            let (name, orientation, ..) = PHOTOS
                .iter()
                .copied()
                .find(|(name, _, w, h)| {
                    let mime = mime_of(name);
                    let same_kind = format == Format::HtmlSingle || info.mime == mime;
                    same_kind && (info.width, info.height) == (*w, *h)
                })
                .unwrap_or_else(|| panic!("{what}: {info:?} is none of the photos"));
            assert_eq!(info.caption.as_deref(), Some(CAPTION), "{what}");
            assert_eq!(info.creator.as_deref(), Some(CREATOR), "{what}");

            let ext = byline_core::package::extension(info.mime);
            let file = dir.path().join(format!("check-{i}-{name}.{ext}"));
            std::fs::write(&file, bytes).unwrap();
            let after = tags(&file);
            assert_eq!(revealing(&after), Vec::<String>::new(), "{what}: {after:?}");
            assert_eq!(validation(&file), "OK", "{what}");
            assert_eq!(after["XMP-dc:Description"], CAPTION, "{what}");
            assert_eq!(after["XMP-dc:Creator"], CREATOR, "{what}");
            assert_eq!(after["XMP-photoshop:Credit"], CREDIT, "{what}");
            assert_eq!(after["XMP-dc:Rights"], COPYRIGHT, "{what}");
            if info.mime == "image/jpeg" {
                assert_eq!(after["IPTC:Caption-Abstract"], CAPTION, "{what}");
                assert_eq!(after["IPTC:By-line"], CREATOR, "{what}");
                assert_eq!(after["IPTC:Credit"], CREDIT, "{what}");
                assert_eq!(after["IPTC:CopyrightNotice"], COPYRIGHT, "{what}");
            }
            // Upright as before: the orientation stays, or (html-single)
            // the pixels were turned and no orientation is left to apply.
            let expected = (format != Format::HtmlSingle && orientation != 1)
                .then(|| Value::from(orientation));
            assert_eq!(after.get("IFD0:Orientation").cloned(), expected, "{what}");
        }
    }
}

fn mime_of(name: &str) -> &'static str {
    match name.rsplit('.').next() {
        Some("png") => "image/png",
        Some("webp") => "image/webp",
        _ => "image/jpeg",
    }
}

#[test]
fn the_copy_has_the_same_pixels_and_is_made_the_same_every_time() {
    let (_dir, _store, _article, files) = library_with_tagged_photos();
    for file in &files {
        let original = std::fs::read(file).unwrap();
        let copy = photo::protect(&original).unwrap();
        assert_eq!(
            photo::protect(&original).unwrap(),
            copy,
            "{}",
            file.display()
        );
        assert_eq!(
            photo::protect(&copy).unwrap(),
            copy,
            "protecting a copy changes nothing: {}",
            file.display()
        );
        // Not re-encoded: the image data decodes to the very same pixels.
        let pixels = |bytes: &[u8]| image::load_from_memory(bytes).unwrap().to_rgba8();
        assert!(pixels(&copy) == pixels(&original), "{}", file.display());
        let (before, after) = (
            photo::inspect("a", &original).unwrap(),
            photo::inspect("b", &copy).unwrap(),
        );
        assert_eq!(
            (before.mime, before.width, before.height),
            (after.mime, after.width, after.height)
        );
        assert!(copy.len() < original.len());
    }
}

#[test]
fn the_keep_setting_exports_the_original_files() {
    let (dir, store, article, files) = library_with_tagged_photos();
    let settings = store
        .update_settings(Settings {
            keep_photo_metadata: true,
            ..store.settings().unwrap()
        })
        .unwrap();
    assert!(settings.keep_photo_metadata);
    let mut originals: Vec<Vec<u8>> = files.iter().map(|f| std::fs::read(f).unwrap()).collect();
    originals.sort();
    for format in [
        Format::Html,
        Format::Package,
        Format::Handoff,
        Format::Ninjs,
        Format::Md,
    ] {
        let mut photos = exported_photos(&store, &article, format, dir.path());
        photos.sort();
        assert!(photos == originals, "{format:?}: not the original bytes");
    }
    // Off again, the default.
    store
        .update_settings(Settings {
            keep_photo_metadata: false,
            ..settings
        })
        .unwrap();
    let photos = exported_photos(&store, &article, Format::Html, &dir.path().join("lai"));
    assert!(photos.iter().all(|p| !originals.contains(p)));
}

#[test]
fn a_handoff_round_trip_keeps_the_originals_in_the_library_that_sent_them() {
    let (dir, a, article, _files) = library_with_tagged_photos();
    let originals: Vec<String> = article.photos.iter().map(|p| p.sha256.clone()).collect();
    let sent = dir.path().join("di.zip");
    export::package::write(
        &a,
        article.id,
        &reporter(),
        export::package::PackageKind::Handoff,
        &sent,
    )
    .unwrap();

    // The editor's library holds the copies, under their own SHA-256.
    let (_bdir, _, b) = empty_library();
    let editor = Actor::new("Thu Hà", Role::Editor).unwrap();
    import::import_package(&b, &sent, &editor).unwrap();
    let there = b.article(&article.id.to_string()).unwrap();
    for (p, original) in there.photos.iter().zip(&originals) {
        let bytes = b.photo_bytes(&p.sha256).unwrap().unwrap();
        assert_eq!(photo::sha256_hex(&bytes), p.sha256);
        assert_ne!(&p.sha256, original);
        assert!(revealing(&tags(&write_temp(dir.path(), &p.file, &bytes))).is_empty());
    }
    let mut fields = there.to_fields();
    fields.headline.push_str(" (đã biên tập)");
    b.save_fields(
        there.id,
        fields,
        Some(&editor),
        byline_core::store::SaveKind::Explicit,
    )
    .unwrap();
    let back = dir.path().join("ve.zip");
    export::package::write(
        &b,
        article.id,
        &editor,
        export::package::PackageKind::Handoff,
        &back,
    )
    .unwrap();
    // A copy is protected already: the editor's export sends the same bytes.
    let sent_media = import::package::read(&sent).unwrap().media;
    let back_media = import::package::read(&back).unwrap().media;
    assert_eq!(sent_media, back_media);

    // The reporter's library takes the editor's headline and keeps its own
    // originals: the photos did not change.
    let (_, outcome) = import::import_package(&a, &back, &reporter()).unwrap();
    assert_eq!(outcome, Outcome::FastForward);
    let here = a.article(&article.id.to_string()).unwrap();
    assert!(here.headline.ends_with("(đã biên tập)"));
    let now: Vec<String> = here.photos.iter().map(|p| p.sha256.clone()).collect();
    assert_eq!(now, originals);
    for copy in &there.photos {
        assert_eq!(
            a.photo_bytes(&copy.sha256).unwrap(),
            None,
            "the copy is not stored beside its original"
        );
    }
}

fn write_temp(dir: &Path, name: &str, bytes: &[u8]) -> PathBuf {
    let path = dir.join(format!("tmp-{}", name.replace('/', "-")));
    std::fs::write(&path, bytes).unwrap();
    path
}
