//! Photos: what `inspect` finds in the sample photos and in hand-built files,
//! what it refuses and with which words, and what `render` makes.

use std::io::Cursor;

use byline_core::photo::{self, MAX_PHOTO_BYTES, PhotoInfo};
use byline_core::{
    CoreError,
    messages::{Lang, render},
};
use image::{GenericImageView, ImageFormat, Rgb, RgbImage, Rgba, RgbaImage};
use sha2::{Digest, Sha256};

use crate::{png_chunk, zero_png};

const CONFERENCE: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/../../samples/an-thinh/media/hoi-nghi-an-thinh.jpg"
);
const CLASS: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/../../samples/an-thinh/media/lop-huong-dan.jpg"
);
const RAW_PROFILE_PNG: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/tests/core/fixtures/iptc-raw-profile.png"
);

/// The caption both the XMP and the IPTC block of the conference photo carry.
const CONFERENCE_CAPTION: &str = "Đồng chí Trần Văn Đức, Bí thư Đảng ủy xã An Thịnh, phát biểu tại hội nghị ra mắt mô hình “Dân vận khéo”.";

fn read(path: &str) -> Vec<u8> {
    std::fs::read(path).unwrap()
}

fn sha256_hex(bytes: &[u8]) -> String {
    Sha256::digest(bytes)
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

fn is_nfc(s: &str) -> bool {
    byline_core::text::nfc(s) == s
}

/// The `(file, message)` of a photo refusal; anything else fails the test.
fn refusal(result: Result<impl std::fmt::Debug, CoreError>) -> (String, String) {
    match result {
        Err(CoreError::Photo { file, message }) => (file, render(&message, Lang::En)),
        other => panic!("expected a photo refusal, got {other:?}"),
    }
}

fn encode(image: impl Into<image::DynamicImage>, format: ImageFormat) -> Vec<u8> {
    let mut out = Cursor::new(Vec::new());
    image.into().write_to(&mut out, format).unwrap();
    out.into_inner()
}

/// A small JPEG with no metadata at all.
fn plain_jpeg() -> Vec<u8> {
    encode(
        RgbImage::from_pixel(24, 16, Rgb([200, 120, 40])),
        ImageFormat::Jpeg,
    )
}

/// `jpeg` with one more segment right after SOI.
fn with_segment(jpeg: &[u8], marker: u8, payload: &[u8]) -> Vec<u8> {
    assert_eq!(&jpeg[..2], &[0xFF, 0xD8]);
    let length = u16::try_from(payload.len() + 2).unwrap();
    let mut out = vec![0xFF, 0xD8, 0xFF, marker];
    out.extend_from_slice(&length.to_be_bytes());
    out.extend_from_slice(payload);
    out.extend_from_slice(&jpeg[2..]);
    out
}

/// An IPTC-IIM dataset.
fn dataset(record: u8, number: u8, data: &[u8]) -> Vec<u8> {
    let mut out = vec![0x1C, record, number];
    out.extend_from_slice(&u16::try_from(data.len()).unwrap().to_be_bytes());
    out.extend_from_slice(data);
    out
}

/// A JPEG whose APP13 holds `iim` the way Photoshop and ExifTool write it: an
/// "8BIM" image resource 0x0404, after another resource that must be skipped.
fn jpeg_with_iim(iim: &[u8]) -> Vec<u8> {
    let mut app13 = b"Photoshop 3.0\0".to_vec();
    // Resource 0x03ED (resolution info), a 3-letter name padded to even, odd size.
    app13.extend_from_slice(b"8BIM\x03\xED\x03abc\x00\x00\x00\x03xyz\x00");
    app13.extend_from_slice(b"8BIM\x04\x04\x00\x00");
    app13.extend_from_slice(&u32::try_from(iim.len()).unwrap().to_be_bytes());
    app13.extend_from_slice(iim);
    if iim.len() % 2 == 1 {
        app13.push(0);
    }
    with_segment(&plain_jpeg(), 0xED, &app13)
}

fn jpeg_with_xmp(xmp: &str) -> Vec<u8> {
    let mut app1 = b"http://ns.adobe.com/xap/1.0/\0".to_vec();
    app1.extend_from_slice(xmp.as_bytes());
    with_segment(&plain_jpeg(), 0xE1, &app1)
}

/// An XMP packet whose one `rdf:Description` holds `properties`.
fn xmp_packet(properties: &str) -> String {
    format!(
        "<?xpacket begin='\u{feff}' id='W5M0MpCehiHzreSzNTczkc9d'?>\n\
         <x:xmpmeta xmlns:x='adobe:ns:meta/'>\n\
         <rdf:RDF xmlns:rdf='http://www.w3.org/1999/02/22-rdf-syntax-ns#'>\n\
         <rdf:Description rdf:about='' xmlns:dc='http://purl.org/dc/elements/1.1/'>\n\
         {properties}\n\
         </rdf:Description>\n</rdf:RDF>\n</x:xmpmeta>\n<?xpacket end='w'?>"
    )
}

fn crc32(bytes: &[u8]) -> u32 {
    let mut crc = 0xFFFF_FFFFu32;
    for &b in bytes {
        crc ^= u32::from(b);
        for _ in 0..8 {
            crc = if crc & 1 == 1 {
                (crc >> 1) ^ 0xEDB8_8320
            } else {
                crc >> 1
            };
        }
    }
    !crc
}

/// `png` with a tEXt chunk right after IHDR (before IDAT, where decoders look).
fn png_with_text(png: &[u8], keyword: &str, text: &str) -> Vec<u8> {
    let ihdr_end = 8 + 12 + 13;
    assert_eq!(&png[12..16], b"IHDR");
    let mut body = b"tEXt".to_vec();
    body.extend_from_slice(keyword.as_bytes());
    body.push(0);
    body.extend_from_slice(text.as_bytes());
    let mut out = png[..ihdr_end].to_vec();
    out.extend_from_slice(&u32::try_from(body.len() - 4).unwrap().to_be_bytes());
    out.extend_from_slice(&body);
    out.extend_from_slice(&crc32(&body).to_be_bytes());
    out.extend_from_slice(&png[ihdr_end..]);
    out
}

// ---------------------------------------------------------------- samples

#[test]
fn conference_sample_carries_caption_and_creator() {
    let bytes = read(CONFERENCE);
    let info = photo::inspect("hoi-nghi-an-thinh.jpg", &bytes).unwrap();
    assert_eq!(
        info,
        PhotoInfo {
            sha256: "d8a216dacd8a9d3a8ab493dcb1c72abaeaa79298627583bb86e4463f31e76866".into(),
            mime: "image/jpeg",
            width: 1600,
            height: 1067,
            byte_len: 80_357,
            caption: Some(CONFERENCE_CAPTION.into()),
            creator: Some("Minh Anh".into()),
        }
    );
    assert_eq!(info.sha256, sha256_hex(&bytes));
    assert_eq!(info.byte_len, bytes.len());
    assert!(is_nfc(info.caption.as_deref().unwrap()));
}

#[test]
fn class_sample_is_stored_portrait_and_shown_landscape() {
    let bytes = read(CLASS);
    // The pixels are stored 800 × 1200 with EXIF orientation 6 (turn 90° clockwise).
    assert_eq!(
        image::load_from_memory(&bytes).unwrap().dimensions(),
        (800, 1200)
    );
    let info = photo::inspect("lop-huong-dan.jpg", &bytes).unwrap();
    assert_eq!(
        info,
        PhotoInfo {
            sha256: "c8ba5012b01dc56656ef41590a07cf104c55eb36d3e0167a0c5202e7642676bc".into(),
            mime: "image/jpeg",
            width: 1200,
            height: 800,
            byte_len: 15_960,
            caption: None,
            creator: None,
        }
    );
    assert_eq!(info.sha256, sha256_hex(&bytes));
}

// ---------------------------------------------------------------- formats

#[test]
fn png_and_webp_are_taken() {
    let png = encode(
        RgbImage::from_pixel(30, 20, Rgb([1, 2, 3])),
        ImageFormat::Png,
    );
    let info = photo::inspect("a.png", &png).unwrap();
    assert_eq!(
        (info.mime, info.width, info.height, info.byte_len),
        ("image/png", 30, 20, png.len())
    );
    assert_eq!((info.caption, info.creator), (None, None));
    assert_eq!(info.sha256, sha256_hex(&png));

    let webp = encode(
        RgbaImage::from_pixel(24, 10, Rgba([9, 8, 7, 128])),
        ImageFormat::WebP,
    );
    let info = photo::inspect("a.webp", &webp).unwrap();
    assert_eq!(
        (info.mime, info.width, info.height, info.byte_len),
        ("image/webp", 24, 10, webp.len())
    );
    assert_eq!(info.sha256, sha256_hex(&webp));
}

#[test]
fn what_is_not_a_photo_is_refused_by_name() {
    let err = photo::inspect(
        "ghi-chu.txt",
        "Đây là ghi chú, không phải ảnh.\n".as_bytes(),
    )
    .unwrap_err();
    assert_eq!(
        err.to_string(),
        "ghi-chu.txt: is not a JPEG, PNG or WebP image"
    );
    assert_eq!(
        refusal(photo::inspect("ghi-chu.txt", b"")),
        (
            "ghi-chu.txt".into(),
            "is not a JPEG, PNG or WebP image".into()
        )
    );
    // Image formats Byline does not take.
    let gif = b"GIF89a\x01\x00\x01\x00\x80\x00\x00\xff\xff\xff\x00\x00\x00,\x00\x00\x00\x00\x01\x00\x01\x00\x00\x02\x02D\x01\x00;";
    assert_eq!(
        refusal(photo::inspect("anh.gif", gif)).1,
        "is not a JPEG, PNG or WebP image"
    );
    assert_eq!(
        refusal(photo::render(b"<svg/>", None)),
        ("photo".into(), "is not a JPEG, PNG or WebP image".into())
    );
}

#[test]
fn a_photo_over_50_mb_is_refused_before_anything_is_decoded() {
    // Zeros are not an image: had anything been decoded first, the message would
    // say so instead of naming the size.
    let zeros = vec![0u8; MAX_PHOTO_BYTES + 1];
    assert_eq!(
        refusal(photo::inspect("lon.jpg", &zeros)),
        (
            "lon.jpg".into(),
            "is 50.1 MB; photos may be at most 50 MB".into()
        )
    );
    assert_eq!(
        photo::inspect("lon.jpg", &zeros).unwrap_err().to_string(),
        "lon.jpg: is 50.1 MB; photos may be at most 50 MB"
    );
    assert_eq!(
        refusal(photo::render(&zeros, None)).1,
        "is 50.1 MB; photos may be at most 50 MB"
    );
    let big = vec![0u8; 66_270_000];
    assert_eq!(
        refusal(photo::inspect("lon.jpg", &big)).1,
        "is 63.2 MB; photos may be at most 50 MB"
    );

    // A real photo padded past the limit is refused too, and at the limit it is taken.
    let mut padded = read(CLASS);
    padded.resize(MAX_PHOTO_BYTES, 0);
    assert_eq!(
        photo::inspect("lop-huong-dan.jpg", &padded)
            .unwrap()
            .byte_len,
        MAX_PHOTO_BYTES
    );
    padded.push(0);
    assert_eq!(
        refusal(photo::inspect("lop-huong-dan.jpg", &padded)).1,
        "is 50.1 MB; photos may be at most 50 MB"
    );
}

#[test]
fn a_cut_short_photo_is_refused() {
    let jpeg = read(CONFERENCE);
    let damaged_jpeg = (
        "cut.jpg".to_string(),
        "is a damaged or incomplete JPEG image; copy it again from its source".to_string(),
    );
    // Cut in the middle of the pixel data: the headers alone look fine.
    assert_eq!(
        refusal(photo::inspect("cut.jpg", &jpeg[..jpeg.len() / 2])),
        damaged_jpeg
    );
    // Only the end-of-image marker missing.
    assert_eq!(
        refusal(photo::inspect("cut.jpg", &jpeg[..jpeg.len() - 2])),
        damaged_jpeg
    );
    // Cut inside the metadata.
    assert_eq!(
        refusal(photo::inspect("cut.jpg", &jpeg[..300])),
        damaged_jpeg
    );
    // Nothing after the start-of-image marker but garbage.
    assert_eq!(
        refusal(photo::inspect("cut.jpg", b"\xFF\xD8\xFF\xC0\x00\x04ab")),
        damaged_jpeg
    );
    assert_eq!(
        refusal(photo::render(&jpeg[..jpeg.len() / 2], Some(320))),
        ("photo".into(), damaged_jpeg.1.clone())
    );

    let png = encode(
        RgbImage::from_pixel(40, 40, Rgb([5, 6, 7])),
        ImageFormat::Png,
    );
    assert_eq!(
        refusal(photo::inspect("cut.png", &png[..png.len() - 6])).1,
        "is a damaged or incomplete PNG image; copy it again from its source"
    );
    let webp = encode(RgbaImage::new(40, 40), ImageFormat::WebP);
    assert_eq!(
        refusal(photo::inspect("cut.webp", &webp[..webp.len() - 4])).1,
        "is a damaged or incomplete WebP image; copy it again from its source"
    );
}

// ---------------------------------------------------------------- IPTC

#[test]
fn iptc_declared_utf8_keeps_vietnamese_and_joins_bylines() {
    // Decomposed (NFD) on purpose, with stray spaces: Byline hands back NFC, trimmed.
    let caption_nfd = "  Lớp hướng dẫn dịch vụ công trực tuyến  ";
    let caption_nfd: String =
        unicode_normalization::UnicodeNormalization::nfd(caption_nfd).collect();
    assert!(!is_nfc(&caption_nfd));
    let iim = [
        dataset(1, 0, &[0, 4]),
        dataset(1, 90, b"\x1b%G"),
        dataset(2, 0, &[0, 4]),
        dataset(2, 80, "Minh Anh".as_bytes()),
        dataset(2, 80, "   ".as_bytes()),
        dataset(2, 80, "Trần Hùng".as_bytes()),
        dataset(2, 120, caption_nfd.as_bytes()),
        dataset(2, 120, "a second caption is ignored".as_bytes()),
    ]
    .concat();
    let info = photo::inspect("iptc.jpg", &jpeg_with_iim(&iim)).unwrap();
    assert_eq!(
        info.caption.as_deref(),
        Some("Lớp hướng dẫn dịch vụ công trực tuyến")
    );
    assert!(is_nfc(info.caption.as_deref().unwrap()));
    assert_eq!(info.creator.as_deref(), Some("Minh Anh, Trần Hùng"));
}

#[test]
fn iptc_without_utf8_declaration_reads_latin1_unless_valid_utf8() {
    let latin1 = [
        dataset(2, 80, b"Fran\xe7ois Lef\xe8vre"),
        dataset(2, 120, b"Caf\xe9 \xe0 Hu\xe9"),
    ]
    .concat();
    let info = photo::inspect("latin1.jpg", &jpeg_with_iim(&latin1)).unwrap();
    assert_eq!(info.caption.as_deref(), Some("Café à Hué"));
    assert_eq!(info.creator.as_deref(), Some("François Lefèvre"));

    // No declaration, but the bytes are UTF-8: taken as UTF-8, not as mojibake.
    let utf8 = dataset(2, 120, "Chợ Bến Thành".as_bytes());
    let info = photo::inspect("utf8.jpg", &jpeg_with_iim(&utf8)).unwrap();
    assert_eq!(info.caption.as_deref(), Some("Chợ Bến Thành"));
    assert_eq!(info.creator, None);
}

#[test]
fn iptc_stops_at_an_extended_length() {
    let mut iim = dataset(2, 80, b"Minh Anh");
    // An extended dataset: high bit of the length set, then a 4-byte length.
    iim.extend_from_slice(&[0x1C, 2, 120, 0x80, 0x04, 0, 0, 0, 3]);
    iim.extend_from_slice(b"abc");
    iim.extend_from_slice(&dataset(2, 120, b"never reached"));
    let info = photo::inspect("ext.jpg", &jpeg_with_iim(&iim)).unwrap();
    assert_eq!(info.creator.as_deref(), Some("Minh Anh"));
    assert_eq!(info.caption, None);
}

#[test]
fn iptc_in_png_raw_profiles() {
    // A bare IIM stream in ImageMagick's hex "Raw profile type iptc" text.
    let iim = [
        dataset(1, 90, b"\x1b%G"),
        dataset(2, 80, "Lê Vy".as_bytes()),
        dataset(2, 120, "Nông dân thu hoạch lúa".as_bytes()),
    ]
    .concat();
    let hex: String = iim.iter().map(|b| format!("{b:02x}")).collect();
    let text = format!("\niptc\n{:8}\n{}\n{}\n", iim.len(), &hex[..36], &hex[36..]);
    let png = encode(RgbImage::new(4, 4), ImageFormat::Png);
    let info = photo::inspect(
        "raw.png",
        &png_with_text(&png, "Raw profile type iptc", &text),
    )
    .unwrap();
    assert_eq!(info.caption.as_deref(), Some("Nông dân thu hoạch lúa"));
    assert_eq!(info.creator.as_deref(), Some("Lê Vy"));

    // The fixture was made by ImageMagick from the conference sample
    // (`convert hoi-nghi-an-thinh.jpg -resize 12x +profile xmp +profile exif …`):
    // its "Raw profile type 8bim" wraps the IIM in Photoshop resources.
    let info = photo::inspect("iptc-raw-profile.png", &read(RAW_PROFILE_PNG)).unwrap();
    assert_eq!((info.mime, info.width, info.height), ("image/png", 12, 8));
    assert_eq!(info.caption.as_deref(), Some(CONFERENCE_CAPTION));
    assert_eq!(info.creator.as_deref(), Some("Minh Anh"));
}

// ---------------------------------------------------------------- XMP

#[test]
fn xmp_caption_prefers_x_default_else_the_first_language() {
    let packet = xmp_packet(
        "<dc:description><rdf:Alt>\
           <rdf:li xml:lang='en'>The An Thinh conference</rdf:li>\
           <rdf:li xml:lang='x-default'>Hội nghị xã An Thịnh</rdf:li>\
           <rdf:li xml:lang='vi'>Không phải cái này</rdf:li>\
         </rdf:Alt></dc:description>",
    );
    let info = photo::inspect("xmp.jpg", &jpeg_with_xmp(&packet)).unwrap();
    assert_eq!(info.caption.as_deref(), Some("Hội nghị xã An Thịnh"));

    let packet = xmp_packet(
        "<dc:description><rdf:Alt>\
           <rdf:li xml:lang='en'>  The An Thinh conference </rdf:li>\
           <rdf:li xml:lang='vi'>Hội nghị xã An Thịnh</rdf:li>\
         </rdf:Alt></dc:description>",
    );
    let info = photo::inspect("xmp.jpg", &jpeg_with_xmp(&packet)).unwrap();
    assert_eq!(info.caption.as_deref(), Some("The An Thinh conference"));
}

#[test]
fn xmp_creators_are_joined_in_order() {
    let packet = xmp_packet(
        "<dc:creator><rdf:Seq>\
           <rdf:li>Minh Anh</rdf:li><rdf:li> </rdf:li><rdf:li>Trần Hùng</rdf:li>\
         </rdf:Seq></dc:creator>",
    );
    let info = photo::inspect("xmp.jpg", &jpeg_with_xmp(&packet)).unwrap();
    assert_eq!(info.creator.as_deref(), Some("Minh Anh, Trần Hùng"));
    assert_eq!(info.caption, None);
}

#[test]
fn xmp_is_matched_by_namespace_not_prefix() {
    let packet = "<x:xmpmeta xmlns:x='adobe:ns:meta/'>\
        <r:RDF xmlns:r='http://www.w3.org/1999/02/22-rdf-syntax-ns#'>\
        <r:Description xmlns:e='http://purl.org/dc/elements/1.1/' \
                       xmlns:dc='http://example.com/not-dublin-core/'>\
          <dc:description><r:Alt><r:li xml:lang='x-default'>Sai</r:li></r:Alt></dc:description>\
          <e:description><r:Alt><r:li xml:lang='x-default'>Đúng</r:li></r:Alt></e:description>\
          <e:creator><r:Seq><r:li>Lê Vy</r:li></r:Seq></e:creator>\
        </r:Description></r:RDF></x:xmpmeta>";
    let info = photo::inspect("xmp.jpg", &jpeg_with_xmp(packet)).unwrap();
    assert_eq!(info.caption.as_deref(), Some("Đúng"));
    assert_eq!(info.creator.as_deref(), Some("Lê Vy"));

    // The attribute form on rdf:Description.
    let packet = "<x:xmpmeta xmlns:x='adobe:ns:meta/'>\
        <rdf:RDF xmlns:rdf='http://www.w3.org/1999/02/22-rdf-syntax-ns#'>\
        <rdf:Description xmlns:dc='http://purl.org/dc/elements/1.1/' \
           dc:description='Ảnh tư liệu' dc:creator='Phòng Văn hóa'/>\
        </rdf:RDF></x:xmpmeta>";
    let info = photo::inspect("xmp.jpg", &jpeg_with_xmp(packet)).unwrap();
    assert_eq!(info.caption.as_deref(), Some("Ảnh tư liệu"));
    assert_eq!(info.creator.as_deref(), Some("Phòng Văn hóa"));
}

#[test]
fn xmp_comes_before_iptc_and_bad_xmp_is_ignored() {
    let iim = [
        dataset(1, 90, b"\x1b%G"),
        dataset(2, 80, "Theo IPTC".as_bytes()),
        dataset(2, 120, "Chú thích IPTC".as_bytes()),
    ]
    .concat();
    let with_iim = jpeg_with_iim(&iim);
    let app1 = |xmp: &str| {
        let mut app1 = b"http://ns.adobe.com/xap/1.0/\0".to_vec();
        app1.extend_from_slice(xmp.as_bytes());
        with_segment(&with_iim, 0xE1, &app1)
    };

    // XMP caption wins; with no XMP creator the IPTC one fills in.
    let packet = xmp_packet(
        "<dc:description><rdf:Alt><rdf:li xml:lang='x-default'>Chú thích XMP</rdf:li></rdf:Alt></dc:description>",
    );
    let info = photo::inspect("both.jpg", &app1(&packet)).unwrap();
    assert_eq!(info.caption.as_deref(), Some("Chú thích XMP"));
    assert_eq!(info.creator.as_deref(), Some("Theo IPTC"));

    // An empty XMP caption is no caption: IPTC fills in.
    let packet = xmp_packet(
        "<dc:description><rdf:Alt><rdf:li xml:lang='x-default'>  </rdf:li></rdf:Alt></dc:description>",
    );
    let info = photo::inspect("both.jpg", &app1(&packet)).unwrap();
    assert_eq!(info.caption.as_deref(), Some("Chú thích IPTC"));

    // Broken XML, and a DTD (entities are never expanded): ignored, never an error.
    for broken in [
        "<x:xmpmeta><rdf:RDF><dc:description>không đóng thẻ",
        "<!DOCTYPE x [<!ENTITY a 'Chú thích giả'>]><x>&a;</x>",
    ] {
        let info = photo::inspect("both.jpg", &app1(broken)).unwrap();
        assert_eq!(info.caption.as_deref(), Some("Chú thích IPTC"));
        assert_eq!(info.creator.as_deref(), Some("Theo IPTC"));
    }
}

// ---------------------------------------------------------------- render

#[test]
fn render_turns_the_rotated_sample_upright() {
    let bytes = read(CLASS);
    let info = photo::inspect("lop-huong-dan.jpg", &bytes).unwrap();
    let (out, mime) = photo::render(&bytes, None).unwrap();
    assert_eq!(mime, "image/jpeg");
    assert_eq!(image::guess_format(&out).unwrap(), ImageFormat::Jpeg);
    let shown = image::load_from_memory(&out).unwrap().to_rgb8();
    assert_eq!(shown.dimensions(), (info.width, info.height));
    assert_eq!(shown.dimensions(), (1200, 800));
    // Turned the right way: sky on top, grass below.
    let Rgb([r, g, b]) = *shown.get_pixel(600, 10);
    assert!(b > r && b > g, "sky at the top, got {r},{g},{b}");
    let Rgb([r, g, b]) = *shown.get_pixel(600, 790);
    assert!(g > r && g > b, "grass at the bottom, got {r},{g},{b}");
}

#[test]
fn render_scales_down_to_max_width_and_never_up() {
    for (path, height) in [(CLASS, 213), (CONFERENCE, 213)] {
        let (out, mime) = photo::render(&read(path), Some(320)).unwrap();
        assert_eq!(mime, "image/jpeg");
        assert_eq!(
            image::load_from_memory(&out).unwrap().dimensions(),
            (320, height),
            "{path}"
        );
    }
    let (out, _) = photo::render(&read(CLASS), Some(5000)).unwrap();
    assert_eq!(
        image::load_from_memory(&out).unwrap().dimensions(),
        (1200, 800)
    );
}

#[test]
fn render_keeps_transparency_as_png() {
    let transparent = RgbaImage::from_fn(40, 20, |x, _| {
        Rgba([255, 0, 0, if x < 20 { 0 } else { 255 }])
    });
    for format in [ImageFormat::Png, ImageFormat::WebP] {
        let (out, mime) = photo::render(&encode(transparent.clone(), format), Some(10)).unwrap();
        assert_eq!(mime, "image/png", "{format:?}");
        let shown = image::load_from_memory_with_format(&out, ImageFormat::Png)
            .unwrap()
            .to_rgba8();
        assert_eq!(shown.dimensions(), (10, 5));
        assert_eq!(shown.get_pixel(0, 0)[3], 0);
        assert_eq!(shown.get_pixel(9, 0)[3], 255);
    }
    // No alpha channel: JPEG, whatever the source.
    let opaque = encode(
        RgbImage::from_pixel(40, 20, Rgb([0, 0, 255])),
        ImageFormat::Png,
    );
    let (out, mime) = photo::render(&opaque, None).unwrap();
    assert_eq!(mime, "image/jpeg");
    assert_eq!(image::guess_format(&out).unwrap(), ImageFormat::Jpeg);
}

// ------------------------------------------------- Decompression bombs

/// The pixel data of a photo is bounded from its header: 30000 × 30000 grey
/// pixels of zeros are 110 KB of PNG here (1 bit a pixel; the 875 KB 8-bit
/// original is the same bomb), and 900 MB once decoded.
#[test]
fn a_decompression_bomb_is_refused_from_its_header() {
    let bomb = zero_png(30_000, 30_000, 1, 0, 30_000, &[]);
    assert!(bomb.len() < 200_000, "{} bytes", bomb.len());
    let why = "is 30000 × 30000 pixels (900.0 megapixels); photos may have at most 120 megapixels";
    assert_eq!(
        refusal(photo::inspect("bom.png", &bomb)),
        ("bom.png".to_owned(), why.to_owned())
    );
    // A library made before the limit may hold one: showing or exporting it
    // refuses it the same way, without decoding it.
    assert_eq!(
        refusal(photo::render(&bomb, Some(320))),
        ("photo".to_owned(), why.to_owned())
    );
}

/// The other two limits, from headers alone: a side longer than any JPEG's,
/// and a 16-bit RGBA photo whose pixels, fewer than the limit, would still
/// take more memory than a photo may.
#[test]
fn a_side_or_a_decoded_size_past_the_limit_is_refused() {
    let long = zero_png(70_000, 10, 8, 0, 1, &[]);
    assert_eq!(
        refusal(photo::inspect("dai.png", &long)).1,
        "is 70000 × 10 pixels; photos may be at most 65535 pixels on a side"
    );
    let deep = zero_png(11_000, 7_000, 16, 6, 1, &[]);
    assert_eq!(
        refusal(photo::inspect("sau.png", &deep)).1,
        "is 11000 × 7000 pixels, 587.5 MB once decoded; photos may take at most 512.0 MB"
    );
}

/// The limits leave room for real photos: a 60 MP camera's frame, even as a
/// 16-bit RGBA PNG (482 MB decoded), and a 100 MP medium-format one. Only
/// the headers are read, so the pixel data can be a single row here.
#[test]
fn a_60_mp_camera_photo_is_within_the_limits() {
    for (width, height, depth, color) in [
        (9504, 6336, 8, 2),
        (9504, 6336, 16, 6),
        (11_648, 8_736, 8, 2),
    ] {
        let png = zero_png(width, height, depth, color, 1, &[]);
        let info = photo::inspect("may-anh.png", &png).unwrap();
        assert_eq!((info.width, info.height), (width, height));
    }
}

/// A bomb named by an article file is refused with one line naming the
/// file, the line of the photo and why; the library is left as it was.
#[test]
fn an_article_with_a_bomb_photo_leaves_the_library_as_it_was() {
    // A library that holds the samples, with their photos.
    let (_dir, path, store) = crate::library_with_samples();
    let folder = tempfile::tempdir().unwrap();
    std::fs::write(
        folder.path().join("bom.png"),
        zero_png(30_000, 30_000, 8, 0, 2, &[]),
    )
    .unwrap();
    let article = folder.path().join("bai.md");
    std::fs::write(
        &article,
        "---\nheadline: Ảnh bom\nphotos:\n  - file: bom.png\n    alt: Bom\n---\n\nThân bài.\n",
    )
    .unwrap();
    let before = (crate::snapshot_files(&path), store.list_articles().unwrap());
    let err = byline_core::import::import_paths(&store, std::slice::from_ref(&article), None)
        .unwrap_err();
    assert_eq!(
        err.to_string(),
        format!(
            "{}: front matter line 3: photos: bom.png: is 30000 × 30000 pixels (900.0 megapixels); photos may have at most 120 megapixels",
            article.display()
        )
    );
    assert_eq!(
        (crate::snapshot_files(&path), store.list_articles().unwrap()),
        before
    );
}

// -------------------------------------------------- Hostile metadata

/// A zTXt chunk (the compressed text chunk ImageMagick writes profiles in).
fn ztxt(keyword: &str, text: &[u8]) -> Vec<u8> {
    use std::io::Write;
    let mut compressed = flate2::write::ZlibEncoder::new(Vec::new(), flate2::Compression::best());
    compressed.write_all(text).unwrap();
    let mut data = keyword.as_bytes().to_vec();
    data.extend_from_slice(&[0, 0]);
    data.extend(compressed.finish().unwrap());
    png_chunk(b"zTXt", &data)
}

/// The IPTC reader unwraps each wrapping once, without recursion: a text
/// chunk that repeats the Photoshop header 140,000 times (3 KB of PNG) once
/// recursed 140,000 deep and aborted the process on a stack overflow. Such
/// a block is no IPTC; the photo itself is fine and is taken.
#[test]
fn an_iptc_block_that_repeats_the_photoshop_header_is_no_metadata() {
    let caption = dataset(2, 120, b"Chu thich");
    let repeated = [b"Photoshop 3.0\0".repeat(140_000), caption.clone()].concat();
    let png = zero_png(16, 16, 8, 0, 16, &ztxt("Raw profile type iptc", &repeated));
    assert!(png.len() < 8_000, "{} bytes", png.len());
    let info = photo::inspect("sau.png", &png).unwrap();
    assert_eq!((info.width, info.height, info.caption), (16, 16, None));

    // The same in ImageMagick's hex form (the 2 MiB a zTXt chunk may
    // inflate to holds 70,000 copies once in hex).
    let repeated = [b"Photoshop 3.0\0".repeat(70_000), caption.clone()].concat();
    let hex: String = repeated.iter().map(|b| format!("{b:02x}")).collect();
    let text = format!("\niptc\n{}\n{hex}\n", repeated.len());
    let png = zero_png(
        16,
        16,
        8,
        0,
        16,
        &ztxt("Raw profile type iptc", text.as_bytes()),
    );
    assert_eq!(photo::inspect("sau.png", &png).unwrap().caption, None);

    // Once, as Photoshop writes it, the header is read through.
    let once = [b"Photoshop 3.0\0".to_vec(), caption].concat();
    let png = zero_png(16, 16, 8, 0, 16, &ztxt("Raw profile type iptc", &once));
    assert_eq!(
        photo::inspect("mot.png", &png).unwrap().caption.as_deref(),
        Some("Chu thich")
    );

    // And the library takes the photo, with no caption from it.
    let (_dir, _path, store) = crate::empty_library();
    let png = zero_png(
        16,
        16,
        8,
        0,
        16,
        &ztxt("Raw profile type iptc", &b"Photoshop 3.0\0".repeat(140_000)),
    );
    let added = store.add_photo("sau.png", &png).unwrap();
    assert_eq!(added.info.caption, None);
    assert!(store.photo_bytes(&added.info.sha256).unwrap().is_some());
}

/// IIM lets By-line repeat; a block of a thousand of them gives the first 64,
/// not a creator line as long as the block.
#[test]
fn iptc_reads_at_most_64_bylines() {
    let iim: Vec<u8> = (0..1_000)
        .flat_map(|i| dataset(2, 80, format!("Phóng viên {i}").as_bytes()))
        .collect();
    let info = photo::inspect("nhieu.jpg", &jpeg_with_iim(&iim)).unwrap();
    let creators: Vec<String> = info
        .creator
        .unwrap()
        .split(", ")
        .map(str::to_owned)
        .collect();
    assert_eq!(creators.len(), 64);
    assert_eq!(creators[63], "Phóng viên 63");
}
