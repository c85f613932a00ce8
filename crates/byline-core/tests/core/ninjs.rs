//! ninjs export: the fields and types IPTC ninjs 3.1 defines for what Byline emits.
//!
//! The schema itself is not in the repository; the tables below are what it
//! says, written out by hand for the places Byline writes to.

use byline_core::{
    Article, ArticleDraft, Status, Store,
    export::ninjs::{self, RevisionStamp},
    import::import_paths,
    package, render,
    workflow::Role,
};
use chrono::{DateTime, Utc};
use serde_json::Value;

use crate::empty_library;

/// A JSON type as the schema states it; `Object` and `Array` list the
/// properties the schema defines for that object or for each array item.
#[derive(Clone, Copy)]
enum Kind {
    String,
    /// `"type": "string", "format": "date-time"`.
    DateTime,
    /// `"type": "string", "format": "uri"`.
    Uri,
    Integer,
    Number,
    Object(&'static [Prop]),
    Array(&'static [Prop]),
    /// The `associations` array: each item is a whole ninjs object plus
    /// `name` and `rel`, with `name` and `uri` required.
    Associations,
    /// A property Byline does not write: only its JSON type is checked.
    AnyObject,
    AnyArray,
}

/// A property's name, its kind, and whether the schema requires it.
type Prop = (&'static str, Kind, bool);

// From ninjs 3.1 (`$defs/ninjsType/properties`): every property a ninjs
// object may have. The root requires `uri`.
const NINJS: &[Prop] = &[
    ("uri", Kind::Uri, true),
    ("type", Kind::String, false),
    ("representationType", Kind::String, false),
    ("profile", Kind::String, false),
    ("version", Kind::String, false),
    ("firstCreated", Kind::DateTime, false),
    ("versionCreated", Kind::DateTime, false),
    ("contentCreated", Kind::DateTime, false),
    ("embargoedUntil", Kind::DateTime, false),
    ("pubStatus", Kind::String, false),
    ("urgency", Kind::Integer, false),
    ("copyrightHolder", Kind::String, false),
    ("copyrightNotice", Kind::String, false),
    ("usageTerms", Kind::String, false),
    ("edNote", Kind::String, false),
    ("language", Kind::String, false),
    ("descriptions", Kind::Array(TEXT), false),
    ("bodies", Kind::Array(BODY), false),
    ("headlines", Kind::Array(TEXT), false),
    ("people", Kind::AnyArray, false),
    ("organisations", Kind::AnyArray, false),
    ("places", Kind::AnyArray, false),
    ("subjects", Kind::Array(SUBJECT), false),
    ("events", Kind::AnyArray, false),
    ("eventDetails", Kind::AnyObject, false),
    ("plannedCoverage", Kind::AnyArray, false),
    ("objects", Kind::AnyArray, false),
    ("infoSources", Kind::Array(INFO_SOURCE), false),
    ("title", Kind::String, false),
    ("by", Kind::String, false),
    ("slugline", Kind::String, false),
    ("located", Kind::String, false),
    ("renditions", Kind::Array(RENDITION), false),
    ("associations", Kind::Associations, false),
    ("altIds", Kind::Array(ALT_ID), false),
    ("trustIndicators", Kind::AnyArray, false),
    ("standard", Kind::Object(STANDARD), false),
    ("genres", Kind::AnyArray, false),
    ("expires", Kind::DateTime, false),
    ("rightsInfo", Kind::AnyObject, false),
    ("digitalSourceType", Kind::AnyObject, false),
];

// From ninjs 3.1: the items of `headlines` and `descriptions`.
const TEXT: &[Prop] = &[
    ("role", Kind::String, false),
    ("contentType", Kind::String, false),
    ("value", Kind::String, true),
];

// From ninjs 3.1: the items of `bodies`.
const BODY: &[Prop] = &[
    ("role", Kind::String, false),
    ("contentType", Kind::String, false),
    ("charCount", Kind::Integer, false),
    ("wordCount", Kind::Integer, false),
    ("value", Kind::String, true),
];

// From ninjs 3.1: the items of `subjects`.
const SUBJECT: &[Prop] = &[
    ("name", Kind::String, false),
    ("rel", Kind::String, false),
    ("uri", Kind::Uri, false),
    ("literal", Kind::String, false),
    ("creator", Kind::String, false),
    ("relevance", Kind::Integer, false),
    ("confidence", Kind::Integer, false),
];

// From ninjs 3.1: the items of `infoSources`.
const INFO_SOURCE: &[Prop] = &[
    ("name", Kind::String, false),
    ("role", Kind::String, false),
    ("uri", Kind::Uri, false),
    ("literal", Kind::String, false),
    ("contactInfo", Kind::AnyArray, false),
];

// From ninjs 3.1: the items of `altIds`.
const ALT_ID: &[Prop] = &[
    ("role", Kind::String, false),
    ("value", Kind::String, false),
];

// From ninjs 3.1: `standard`.
const STANDARD: &[Prop] = &[
    ("name", Kind::String, false),
    ("version", Kind::String, false),
    ("schema", Kind::Uri, false),
];

// From ninjs 3.1 (`$defs/renditionType`), which requires `name`.
const RENDITION: &[Prop] = &[
    ("name", Kind::String, true),
    // `"format": "uri"`, an annotation in JSON Schema 2020-12: Byline writes
    // the caller's reference, relative (`media/…`) inside a package.
    ("href", Kind::String, false),
    ("contentType", Kind::String, false),
    ("title", Kind::String, false),
    ("width", Kind::Integer, false),
    ("height", Kind::Integer, false),
    ("sizeInBytes", Kind::Integer, false),
    ("duration", Kind::Number, false),
    ("format", Kind::String, false),
    ("aspectRatio", Kind::String, false),
    ("videoCodec", Kind::String, false),
    ("frameRate", Kind::Number, false),
    ("poi", Kind::AnyObject, false),
    ("transportProtocol", Kind::String, false),
    ("scanType", Kind::String, false),
    ("bitrate", Kind::String, false),
];

// From ninjs 3.1: the values `pubStatus` allows.
const PUB_STATUSES: &[&str] = &["usable", "withheld", "canceled"];
// From ninjs 3.1 (`$defs/newsObjectType`): the values `type` allows.
const NEWS_TYPES: &[&str] = &[
    "text",
    "audio",
    "video",
    "picture",
    "graphic",
    "composite",
    "component",
    "event",
    "planning",
];
// From ninjs 3.1: the values `representationType` allows.
const REPRESENTATION_TYPES: &[&str] = &["full", "partial"];

/// Every problem with `object` against `props`, each with its JSON path.
fn check_object(path: &str, object: &Value, props: &[Prop], problems: &mut Vec<String>) {
    let Some(map) = object.as_object() else {
        problems.push(format!("{path}: not an object"));
        return;
    };
    for (name, _, required) in props {
        if *required && !map.contains_key(*name) {
            problems.push(format!("{path}: required `{name}` is missing"));
        }
    }
    for (name, value) in map {
        let here = format!("{path}.{name}");
        match props.iter().find(|(n, _, _)| n == name) {
            None => problems.push(format!("{here}: ninjs 3.1 defines no such property here")),
            Some((_, kind, _)) => check_value(&here, value, *kind, problems),
        }
    }
}

fn check_value(path: &str, value: &Value, kind: Kind, problems: &mut Vec<String>) {
    let ok = match kind {
        Kind::String => value.is_string(),
        Kind::DateTime => value
            .as_str()
            .is_some_and(|s| DateTime::parse_from_rfc3339(s).is_ok()),
        // An absolute URI: a scheme, then `:`.
        Kind::Uri => value.as_str().is_some_and(|s| {
            s.split_once(':').is_some_and(|(scheme, rest)| {
                !rest.is_empty()
                    && scheme.starts_with(|c: char| c.is_ascii_alphabetic())
                    && scheme
                        .chars()
                        .all(|c| c.is_ascii_alphanumeric() || "+-.".contains(c))
            })
        }),
        Kind::Integer => value.is_i64() || value.is_u64(),
        Kind::Number => value.is_number(),
        Kind::Object(props) => {
            check_object(path, value, props, problems);
            true
        }
        Kind::Array(props) => match value.as_array() {
            Some(items) => {
                for (i, item) in items.iter().enumerate() {
                    check_object(&format!("{path}[{i}]"), item, props, problems);
                }
                true
            }
            None => false,
        },
        Kind::Associations => match value.as_array() {
            Some(items) => {
                let mut props = NINJS.to_vec();
                props.retain(|(n, _, _)| *n != "uri");
                props.extend([
                    ("uri", Kind::Uri, true),
                    ("name", Kind::String, true),
                    ("rel", Kind::String, false),
                ]);
                for (i, item) in items.iter().enumerate() {
                    check_object(&format!("{path}[{i}]"), item, &props, problems);
                }
                true
            }
            None => false,
        },
        Kind::AnyObject => value.is_object(),
        Kind::AnyArray => value.is_array(),
    };
    if !ok {
        problems.push(format!("{path}: wrong type or format: {value}"));
    }
}

/// What the schema says of `document`, as a list of problems (empty: valid
/// as far as the tables above go), enums included.
fn problems(document: &Value) -> Vec<String> {
    let mut problems = Vec::new();
    check_object("$", document, NINJS, &mut problems);
    let mut enum_check = |path: &str, value: Option<&Value>, allowed: &[&str]| {
        if let Some(v) = value
            && !v.as_str().is_some_and(|s| allowed.contains(&s))
        {
            problems.push(format!("{path}: {v} is not one of {allowed:?}"));
        }
    };
    enum_check("$.pubStatus", document.get("pubStatus"), PUB_STATUSES);
    enum_check("$.type", document.get("type"), NEWS_TYPES);
    enum_check(
        "$.representationType",
        document.get("representationType"),
        REPRESENTATION_TYPES,
    );
    for (i, a) in associations(document).iter().enumerate() {
        enum_check(
            &format!("$.associations[{i}].type"),
            a.get("type"),
            NEWS_TYPES,
        );
    }
    problems
}

fn associations(document: &Value) -> Vec<Value> {
    document["associations"]
        .as_array()
        .cloned()
        .unwrap_or_default()
}

const SAMPLE_SLUG: &str = "xa-an-thinh-ra-mat-mo-hinh-dan-van-kheo-trong-chuyen-doi-so";

/// The Vietnamese sample with its two photos (captions from the front
/// matter and from the photo's XMP), imported by a reporter so that the
/// import makes a revision.
fn sample() -> (tempfile::TempDir, Store, Article) {
    let (dir, _path, store) = empty_library();
    let actor = store.set_profile("Minh Anh", Role::Reporter).unwrap();
    let samples = std::path::PathBuf::from(concat!(env!("CARGO_MANIFEST_DIR"), "/../../samples"));
    import_paths(&store, &[samples], Some(&actor)).unwrap();
    let article = store.article(SAMPLE_SLUG).unwrap();
    (dir, store, article)
}

struct Export {
    uid: String,
    number: u32,
    at: DateTime<Utc>,
}

fn latest_revision(store: &Store, article: &Article) -> Export {
    let r = store.revisions(article.id).unwrap().pop().unwrap();
    Export {
        uid: r.uid,
        number: r.number,
        at: r.at,
    }
}

/// The document as a package writes it: photos at `media/<sha>.<ext>`, in
/// the body and in the renditions alike.
fn export(article: &Article, revision: &Export, base_url: &str) -> Value {
    let body = render::body_fragment(article, &|p| Some(package::media_path(p)));
    ninjs::ninjs(
        article,
        &RevisionStamp {
            uid: &revision.uid,
            number: revision.number,
            at: revision.at,
        },
        &body,
        base_url,
        &package::media_path,
    )
}

#[test]
fn every_property_written_is_one_ninjs_3_1_defines_there_with_its_type() {
    let (_dir, store, article) = sample();
    let revision = latest_revision(&store, &article);
    let mut published = article.clone();
    published.status = Status::Published;
    // A revision made before the publish time: the document has an embargo.
    let mut early = latest_revision(&store, &article);
    early.at = DateTime::parse_from_rfc3339("2023-03-13T08:00:00Z")
        .unwrap()
        .with_timezone(&Utc);
    // With and without a base URL, published or not, embargoed or not: all
    // the shapes Byline writes for the sample.
    for (a, r, base) in [
        (&article, &revision, ""),
        (&published, &revision, "https://bao.example.vn/tin/"),
        (&published, &early, ""),
    ] {
        let document = export(a, r, base);
        assert_eq!(problems(&document), Vec::<String>::new(), "{document:#}");
    }
    // The checker itself catches a stray property, a wrong type and a
    // missing required one, so a pass above means something.
    let mut bad = export(&article, &revision, "");
    bad["headline"] = Value::from("x");
    bad["version"] = Value::from(3);
    bad["associations"][0]
        .as_object_mut()
        .unwrap()
        .remove("name");
    let mut found = problems(&bad);
    found.sort();
    assert_eq!(
        found,
        vec![
            "$.associations[0]: required `name` is missing".to_owned(),
            "$.headline: ninjs 3.1 defines no such property here".to_owned(),
            "$.version: wrong type or format: 3".to_owned(),
        ]
    );
}

#[test]
fn the_vietnamese_sample_carries_its_text_subjects_and_photos() {
    let (_dir, store, article) = sample();
    let revision = latest_revision(&store, &article);
    let d = export(&article, &revision, "");

    assert_eq!(d["type"], "text");
    assert_eq!(d["language"], "vi");
    assert_eq!(d["slugline"], SAMPLE_SLUG);
    assert_eq!(d["version"], revision.number.to_string());
    assert_eq!(
        DateTime::parse_from_rfc3339(d["versionCreated"].as_str().unwrap()).unwrap(),
        revision.at
    );
    assert_eq!(
        DateTime::parse_from_rfc3339(d["firstCreated"].as_str().unwrap()).unwrap(),
        article.created_at
    );
    assert_eq!(
        d["standard"],
        serde_json::json!({"name": "ninjs", "version": "3.1", "schema": ninjs::SCHEMA})
    );
    assert_eq!(
        d["altIds"],
        serde_json::json!([
            {"role": "byline-article", "value": article.id.to_string()},
            {"role": "byline-revision", "value": revision.uid},
        ])
    );

    assert_eq!(
        d["headlines"],
        serde_json::json!([{
            "role": "main",
            "contentType": "text/plain",
            "value": "Xã An Thịnh ra mắt mô hình “Dân vận khéo” trong chuyển đổi số",
        }])
    );
    assert_eq!(d["descriptions"][0]["role"], "summary");
    assert!(
        d["descriptions"][0]["value"]
            .as_str()
            .unwrap()
            .starts_with("Sáng 14/3, Đảng ủy xã An Thịnh tổ chức hội nghị")
    );
    assert_eq!(d["bodies"].as_array().unwrap().len(), 1);
    assert_eq!(d["bodies"][0]["role"], "main");
    assert_eq!(d["bodies"][0]["contentType"], "text/html");
    let body = d["bodies"][0]["value"].as_str().unwrap();
    assert!(body.contains("<h2>Những việc làm cụ thể</h2>"), "{body}");
    assert!(body.contains("<table>"), "{body}");
    // The body's photo points where the rendition does.
    let second = &article.photos[1];
    assert!(
        body.contains(&format!("<img src=\"media/{}.jpg\"", second.sha256)),
        "{body}"
    );

    assert_eq!(d["by"], "Minh Anh");
    assert_eq!(
        d["infoSources"],
        serde_json::json!([{"name": "Minh Anh", "role": "reporter"}])
    );
    assert!(d.get("people").is_none());
    assert_eq!(
        d["subjects"],
        serde_json::json!([
            {"name": "Thời sự", "rel": "category"},
            {"name": "dân vận khéo", "rel": "keyword"},
            {"name": "chuyển đổi số", "rel": "keyword"},
            {"name": "dịch vụ công trực tuyến", "rel": "keyword"},
            {"name": "An Thịnh", "rel": "keyword"},
        ])
    );

    let first = &article.photos[0];
    assert_eq!(
        associations(&d),
        vec![
            serde_json::json!({
                "name": "featureimage",
                "uri": format!("nih:sha-256;{}", first.sha256),
                "type": "picture",
                // The caption comes from the photo's XMP.
                "descriptions": [
                    {"role": "caption", "contentType": "text/plain", "value": "Đồng chí Trần Văn Đức, Bí thư Đảng ủy xã An Thịnh, phát biểu tại hội nghị ra mắt mô hình “Dân vận khéo”."},
                    {"role": "alt", "contentType": "text/plain", "value": "Hội trường hội nghị với các hàng ghế đại biểu"},
                ],
                "by": "Minh Anh",
                "renditions": [{
                    "name": "original",
                    "href": format!("media/{}.jpg", first.sha256),
                    "contentType": "image/jpeg",
                    "width": first.width,
                    "height": first.height,
                }],
            }),
            serde_json::json!({
                "name": "photo-2",
                "uri": format!("nih:sha-256;{}", second.sha256),
                "type": "picture",
                "descriptions": [
                    {"role": "caption", "contentType": "text/plain", "value": "Đoàn viên thanh niên hướng dẫn người cao tuổi cài đặt ứng dụng định danh điện tử."},
                    {"role": "alt", "contentType": "text/plain", "value": "Màn hình máy tính bảng trên bàn hướng dẫn"},
                ],
                "by": "Thu Hà",
                // As displayed: the file is rotated by EXIF orientation 6.
                "renditions": [{
                    "name": "original",
                    "href": format!("media/{}.jpg", second.sha256),
                    "contentType": "image/jpeg",
                    "width": 1200,
                    "height": 800,
                }],
            }),
        ]
    );
    assert_eq!(d["profile"], "text-photo");
}

#[test]
fn the_editor_note_never_appears() {
    let (_dir, store, article) = sample();
    assert_eq!(
        article.editor_note,
        "Xin số liệu năm 2022 từ Văn phòng UBND xã để đối chiếu."
    );
    let revision = latest_revision(&store, &article);
    let text = ninjs::to_string(&export(&article, &revision, ""));
    assert!(!text.contains("Xin số liệu"), "{text}");
    assert!(!text.contains("edNote"), "{text}");
}

#[test]
fn pub_status_is_usable_only_once_published() {
    let (_dir, store, article) = sample();
    let revision = latest_revision(&store, &article);
    let expected = [
        (Status::Draft, "withheld"),
        (Status::Submitted, "withheld"),
        (Status::InReview, "withheld"),
        (Status::ChangesRequested, "withheld"),
        (Status::Approved, "withheld"),
        (Status::Published, "usable"),
        // Spiked is killed: a receiver should drop it, not wait for it.
        (Status::Spiked, "canceled"),
    ];
    assert_eq!(expected.len(), Status::ALL.len());
    for (status, pub_status) in expected {
        let mut a = article.clone();
        a.status = status;
        assert_eq!(
            export(&a, &revision, "")["pubStatus"],
            pub_status,
            "{status:?}"
        );
    }
}

#[test]
fn the_uri_is_the_page_under_a_base_url_and_the_id_otherwise() {
    let (_dir, store, article) = sample();
    let revision = latest_revision(&store, &article);
    assert_eq!(
        export(&article, &revision, "")["uri"],
        format!("urn:uuid:{}", article.id)
    );
    for base in ["https://bao.example.vn/tin/", "https://bao.example.vn/tin"] {
        let d = export(&article, &revision, base);
        assert_eq!(
            d["uri"],
            format!("https://bao.example.vn/tin/{SAMPLE_SLUG}/")
        );
        // The id is still there for a receiver to match on.
        assert_eq!(d["altIds"][0]["value"], article.id.to_string());
    }
}

#[test]
fn a_later_publish_time_is_an_embargo_and_a_past_one_is_not() {
    let (_dir, store, article) = sample();
    let mut revision = latest_revision(&store, &article);
    // The sample is published at 2023-03-14T09:30:00+07:00; it was imported
    // (and its revision made) today.
    assert!(
        export(&article, &revision, "")
            .get("embargoedUntil")
            .is_none()
    );
    revision.at = DateTime::parse_from_rfc3339("2023-03-14T01:00:00Z")
        .unwrap()
        .with_timezone(&Utc);
    assert_eq!(
        export(&article, &revision, "")["embargoedUntil"],
        "2023-03-14T09:30:00+07:00"
    );
}

#[test]
fn the_same_article_and_revision_give_the_same_bytes() {
    let (_dir, store, article) = sample();
    let revision = latest_revision(&store, &article);
    let once = ninjs::to_string(&export(&article, &revision, "https://bao.example.vn/"));
    let again = ninjs::to_string(&export(
        &store.article(SAMPLE_SLUG).unwrap(),
        &revision,
        "https://bao.example.vn/",
    ));
    assert_eq!(once, again);
    // What is read back and written again is the same text: keys in one
    // order at every level, pretty, one trailing newline, UTF-8 unescaped.
    let read_back: Value = serde_json::from_str(&once).unwrap();
    assert_eq!(ninjs::to_string(&read_back), once);
    assert!(once.starts_with("{\n  \"altIds\": ["), "{once}");
    assert!(once.ends_with("}\n") && !once.ends_with("\n\n"));
    assert!(once.contains("Xã An Thịnh"));
}

#[test]
fn a_bare_article_leaves_empty_properties_out_and_stays_valid() {
    let (_dir, store) = {
        let (dir, _path, store) = empty_library();
        (dir, store)
    };
    let article = store
        .create_article(ArticleDraft {
            headline: "Tin ngắn".into(),
            ..ArticleDraft::default()
        })
        .unwrap();
    let revision = Export {
        uid: "0190a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a5b".into(),
        number: 1,
        at: article.created_at,
    };
    let d = export(&article, &revision, "");
    assert_eq!(problems(&d), Vec::<String>::new(), "{d:#}");
    let keys: Vec<&str> = d.as_object().unwrap().keys().map(String::as_str).collect();
    for absent in [
        "descriptions",
        "bodies",
        "by",
        "infoSources",
        "subjects",
        "associations",
        "embargoedUntil",
    ] {
        assert!(!keys.contains(&absent), "{absent} in {keys:?}");
    }
    assert_eq!(d["profile"], "text-only");
    assert_eq!(d["pubStatus"], "withheld");
    assert_eq!(d["headlines"][0]["value"], "Tin ngắn");
}
