//! Inputs the fuzz targets (`fuzz/`, `make fuzz`) found a fault with, kept
//! once the fault was fixed, so that it stays fixed. Each input is the one
//! libFuzzer wrote, as a file under `fixtures/fuzz/`. docs/SECURITY.md, Fuzzing.

use byline_core::{
    CoreError,
    messages::{Lang, render},
    photo,
};

const WEBP_CHUNK_CLAIMS_4_GIB: &[u8] =
    include_bytes!("fixtures/fuzz/webp-xmp-chunk-claims-4gib.webp");

/// Offset of the 32-bit length of that file's `XMP ` chunk; its data follows.
const XMP_LENGTH_AT: usize = 0x8e;

/// `photo` target: a 370-byte WebP whose `XMP ` chunk claims 0xFFFF_F9E0
/// bytes. `inspect` passed it (the RIFF length was right) and asked the
/// decoder for the XMP, which allocated the 4 GiB the chunk claims before
/// reading it: an abort where memory is short, from a photo a package can
/// carry. A chunk that does not fit in the file is now damage, refused
/// before any decoder sees it.
#[test]
fn a_webp_chunk_longer_than_the_file_is_refused_before_it_is_read() {
    let bytes = WEBP_CHUNK_CLAIMS_4_GIB;
    assert_eq!(bytes.len(), 370);
    assert_eq!(&bytes[XMP_LENGTH_AT - 4..XMP_LENGTH_AT], b"XMP ");
    match photo::inspect("hostile.webp", bytes) {
        Err(CoreError::Photo { file, message }) => {
            assert_eq!(file, "hostile.webp");
            assert_eq!(
                render(&message, Lang::En),
                "is a damaged or incomplete WebP image; copy it again from its source"
            );
        }
        other => panic!("taken: {other:?}"),
    }
    assert!(photo::render(bytes, Some(32)).is_err());

    // The same file with the chunk's true length is a photo like any other:
    // 8×6 stored, shown 6×8 (EXIF orientation 6).
    let mut fixed = bytes.to_vec();
    let true_length = u32::try_from(bytes.len() - XMP_LENGTH_AT - 4).unwrap();
    fixed[XMP_LENGTH_AT..XMP_LENGTH_AT + 4].copy_from_slice(&true_length.to_le_bytes());
    let info = photo::inspect("fixed.webp", &fixed).unwrap();
    assert_eq!((info.mime, info.width, info.height), ("image/webp", 6, 8));
}

/// `photo` target: a PNG whose PLTE chunk's bytes no longer match its CRC.
/// `inspect` took it (the decoder forgives that in the headers it reads),
/// and then every export of it failed, since the metadata cleaning rewrites
/// each chunk and refuses a wrong CRC. A photo the library takes is one it
/// can export, so a wrong CRC is damage, refused when the photo comes in.
#[test]
fn a_png_chunk_with_a_wrong_crc_is_damage() {
    let bytes: &[u8] = include_bytes!("fixtures/fuzz/png-protect-damaged.png");
    assert_damaged(bytes, "PNG");
    // Every chunk of the original, of which one byte of the palette was
    // changed, carries its CRC: taken, and exported.
    let original = include_bytes!("fixtures/iptc-raw-profile.png");
    photo::inspect("original.png", original).unwrap();
    let protected = photo::protect(original).unwrap();
    photo::inspect("protected.png", &protected).unwrap();
}

/// `photo` target: a JPEG whose APP13 marker became 0x27, a reserved
/// marker. `inspect` took it (its walk gave the reserved marker a length,
/// and the decoder skipped it), and then every export of it failed, since
/// the metadata cleaning reads a reserved marker as carrying none and lost
/// its place. A reserved marker is damage, refused when the photo comes in.
#[test]
fn a_jpeg_with_a_reserved_marker_is_damage() {
    let bytes: &[u8] = include_bytes!("fixtures/fuzz/jpeg-reserved-marker.jpg");
    assert_eq!(&bytes[0x20c..0x20e], &[0xFF, 0x27]);
    assert_damaged(bytes, "JPEG");
    // With its APP13 marker back, it is a photo an export can write.
    let mut fixed = bytes.to_vec();
    fixed[0x20d] = 0xED;
    photo::inspect("fixed.jpg", &fixed).unwrap();
    let protected = photo::protect(&fixed).unwrap();
    photo::inspect("protected.jpg", &protected).unwrap();
}

/// `photo` target: a JPEG whose IPTC by-line holds a NUL. `inspect` kept it
/// in the creator it reported, a one-line field that never stores a control
/// character, and the copy an export writes (whose XMP cannot hold a NUL)
/// came out with another creator than the photo. Metadata text is now read
/// as a one-line field is stored.
#[test]
fn photo_metadata_keeps_no_control_character() {
    let bytes: &[u8] = include_bytes!("fixtures/fuzz/jpeg-iptc-creator-nul.jpg");
    let info = photo::inspect("hostile.jpg", bytes).unwrap();
    let creator = info.creator.clone().unwrap();
    assert!(!creator.chars().any(char::is_control), "{creator:?}");
    let kept = photo::inspect("protected.jpg", &photo::protect(bytes).unwrap()).unwrap();
    assert_eq!((kept.caption, kept.creator), (info.caption, info.creator));
}

/// `photo` target: a WebP whose chunks leave 4 bytes of its RIFF container
/// unused, too few to be a chunk. `inspect` took it (the decoder skips
/// them), and every export failed, since the metadata cleaning reads the
/// container as chunks. They are damage now. The same photo with its
/// container ending after the last chunk, and data after it (which the
/// copy an export writes leaves out), is taken and exported.
#[test]
fn a_webp_container_holds_nothing_but_chunks() {
    let bytes: &[u8] = include_bytes!("fixtures/fuzz/webp-trailing-data.webp");
    assert_damaged(bytes, "WebP");
    let mut fixed = bytes.to_vec();
    let size = u32::from_le_bytes(bytes[4..8].try_into().unwrap()) - 4;
    fixed[4..8].copy_from_slice(&size.to_le_bytes());
    let info = photo::inspect("fixed.webp", &fixed).unwrap();
    let protected = photo::protect(&fixed).unwrap();
    assert_eq!(
        &protected[4..8],
        &(u32::try_from(protected.len()).unwrap() - 8).to_le_bytes()
    );
    let kept = photo::inspect("protected.webp", &protected).unwrap();
    assert_eq!((kept.width, kept.height), (info.width, info.height));
    assert_eq!(photo::protect(&protected).unwrap(), protected);
}

/// `photo` target: a progressive JPEG with stray bytes and a TEM marker
/// between its segments, which decoders skip. `inspect` took it, and the
/// copy the metadata cleaning wrote, without them, was no JPEG `inspect`
/// takes. Such a photo is now encoded again from its pixels for export.
#[test]
fn a_jpeg_the_cleaning_cannot_rewrite_is_encoded_again() {
    let bytes: &[u8] = include_bytes!("fixtures/fuzz/jpeg-protect-damaged.jpg");
    let info = photo::inspect("stray.jpg", bytes).unwrap();
    let protected = photo::protect(bytes).unwrap();
    let kept = photo::inspect("protected.jpg", &protected).unwrap();
    assert_eq!(
        (kept.mime, kept.width, kept.height),
        (info.mime, info.width, info.height)
    );
    assert_eq!(photo::protect(&protected).unwrap(), protected);
}

/// `photo` target: a WebP (its bitstream chunk renamed) that the cleaning
/// cannot rewrite, so it is encoded again from its pixels, which makes a
/// JPEG. The export names and types the file for what it holds: a `.jpg`
/// of `image/jpeg`, not a `.webp` holding a JPEG.
#[test]
fn a_photo_encoded_again_is_named_for_what_it_holds() {
    use byline_core::{export::media, import, package};
    let bytes: &[u8] = include_bytes!("fixtures/fuzz/webp-encoded-again.webp");
    assert_eq!(
        photo::inspect("anh.webp", bytes).unwrap().mime,
        "image/webp"
    );
    let (dir, _, store) = super::empty_library();
    // The same photo twice, under two names: one file, one type.
    std::fs::write(dir.path().join("anh.webp"), bytes).unwrap();
    std::fs::write(dir.path().join("lai.webp"), bytes).unwrap();
    let md = dir.path().join("bai.md");
    std::fs::write(
        &md,
        "---\nheadline: Ảnh\nphotos:\n  - file: anh.webp\n  - file: lai.webp\n---\n\nThân bài.\n",
    )
    .unwrap();
    let id = import::import_paths(&store, &[md], None).unwrap()[0].id;
    let article = store.article(&id.to_string()).unwrap();
    let out = media::outgoing(&store, &article, media::PhotoMetadata::Protect).unwrap();
    let (path, written) = &out.files[0];
    let kind = photo::inspect("written", written).unwrap().mime;
    assert_ne!(kind, "image/webp", "encoded again");
    assert_eq!(out.files.len(), 1);
    for placement in &out.article.photos {
        assert_eq!(placement.mime, kind, "{}", placement.file);
        assert_eq!(package::media_path(placement), *path);
    }
    assert!(
        path.ends_with(&format!(".{}", package::extension(kind))),
        "{path}"
    );
}

/// `photo` target: a JPEG that `inspect` and `render` read as 64773 × 8,
/// whose cleaned copy (its segments read apart by the rewrite) came out
/// 6 × 8: another image. A rewrite holds only when the copy is the same
/// size; this one is encoded again from its pixels.
#[test]
fn a_cleaned_copy_is_the_same_size_as_the_photo() {
    let bytes: &[u8] = include_bytes!("fixtures/fuzz/jpeg-rewrite-changes-size.jpg");
    let info = photo::inspect("wide.jpg", bytes).unwrap();
    assert_eq!((info.width, info.height), (64773, 8));
    let kept = photo::inspect("protected.jpg", &photo::protect(bytes).unwrap()).unwrap();
    assert_eq!((kept.width, kept.height), (info.width, info.height));
}

/// `bytes` refused by `inspect` as a damaged photo of the kind `label` says.
fn assert_damaged(bytes: &[u8], label: &str) {
    match photo::inspect("hostile", bytes) {
        Err(CoreError::Photo { message, .. }) => assert_eq!(
            render(&message, Lang::En),
            format!("is a damaged or incomplete {label} image; copy it again from its source")
        ),
        other => panic!("taken: {other:?}"),
    }
}
