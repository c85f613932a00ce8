//! Photo checking on any bytes: `photo::inspect` (format, completeness,
//! dimensions, EXIF orientation, and the XMP and IPTC readers behind the
//! caption and creator), then, for a small photo it accepts,
//! `photo::render` (the decode, orientation, scaling and encoding the
//! preview and the html-single export use).
//!
//! Asserted: no panic; what `inspect` accepts is the format its first bytes
//! say, of the input's length and SHA-256, with caption and creator trimmed,
//! NFC and never empty; what `render` makes of it is itself a photo
//! `inspect` accepts, as wide as asked (never wider than the source); what
//! `protect` makes of it (the copy an export writes; refused only when its
//! pixels cannot be decoded) is a photo `inspect` accepts, of the same
//! size and with the same caption and creator, which `protect` leaves as
//! it is.
#![no_main]

use byline_core::photo;
use libfuzzer_sys::fuzz_target;
use unicode_normalization::is_nfc;

/// Photos up to this many pixels are also rendered: enough for the seeds and
/// what the fuzzer makes of them, small enough to stay fast.
const RENDER_PIXELS: u64 = 128 * 128;
const RENDER_WIDTH: u32 = 32;

fuzz_target!(|data: &[u8]| {
    let Ok(info) = photo::inspect("fuzz.jpg", data) else {
        return;
    };
    let expected = if data.starts_with(&[0xFF, 0xD8]) {
        "image/jpeg"
    } else if data.starts_with(b"\x89PNG") {
        "image/png"
    } else {
        "image/webp"
    };
    assert_eq!(info.mime, expected);
    assert_eq!(info.byte_len, data.len());
    assert_eq!(info.sha256, photo::sha256_hex(data));
    for text in [&info.caption, &info.creator].into_iter().flatten() {
        assert!(!text.is_empty(), "empty metadata is None");
        assert_eq!(text.trim(), text, "metadata is trimmed");
        assert!(is_nfc(text), "metadata is NFC: {text:?}");
    }

    // What an export writes in place of the photo (source protection): a
    // photo inspect takes, of the same size, with the caption and creator
    // kept, and protecting it again changes nothing.
    // `inspect` reads the headers, not the pixels: a photo whose pixels are
    // damaged is refused by protect only when they cannot be decoded.
    let protected = match photo::protect(data) {
        Ok(protected) => protected,
        Err(e) => {
            assert!(
                photo::render(data, None).is_err(),
                "protect refused a photo whose pixels decode: {e}"
            );
            return;
        }
    };
    let kept = match photo::inspect("protected", &protected) {
        Ok(kept) => kept,
        Err(e) => panic!("protect made a photo inspect refuses: {e}"),
    };
    // The same kind, unless the photo had to be encoded again from its
    // pixels (a WebP then comes out a JPEG or a PNG): the export names the
    // file for what it holds.
    assert_eq!((kept.width, kept.height), (info.width, info.height));
    assert_eq!((&kept.caption, &kept.creator), (&info.caption, &info.creator));
    assert_eq!(
        photo::protect(&protected).ok().as_ref(),
        Some(&protected),
        "protecting a protected photo changes nothing"
    );

    if u64::from(info.width) * u64::from(info.height) > RENDER_PIXELS {
        return;
    }
    let Ok((bytes, mime)) = photo::render(data, Some(RENDER_WIDTH)) else {
        return;
    };
    let shown = match photo::inspect("rendered", &bytes) {
        Ok(shown) => shown,
        Err(e) => panic!("render made a photo inspect refuses: {e}"),
    };
    assert_eq!(shown.mime, mime);
    assert_eq!(
        shown.width,
        info.width.clamp(1, RENDER_WIDTH),
        "rendered width from {}x{}",
        info.width,
        info.height
    );
});
