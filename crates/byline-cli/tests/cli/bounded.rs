//! The memory-bounded tier: every hostile input of docs/SECURITY.md goes
//! through the real `byline` in a child whose address space is limited to
//! 512 MiB (`prlimit --as`), and must end in a clear refusal: exit 1 and one
//! line saying why. Never an abort on a failed allocation, never a kill by
//! a signal, never a hang (each child is given a deadline). GNU time reports
//! the child's peak resident memory; `BYLINE_MEMORY_REPORT=FILE` writes the
//! table docs/SECURITY.md quotes.

use std::{
    ffi::OsString,
    path::{Path, PathBuf},
    process::{Command, Stdio},
    time::{Duration, Instant},
};

use super::{Library, hostile};

const ADDRESS_SPACE: u64 = 512 * 1024 * 1024;
/// Far more than any refusal takes, even in a debug build on a loaded
/// machine; only a hang reaches it.
const DEADLINE: Duration = Duration::from_secs(120);

struct Case {
    /// What the input is, as the report names it.
    what: &'static str,
    args: Vec<OsString>,
    /// A part of the one line that must say why it was refused; `None`
    /// for an input that is taken, once its hostile part is let go.
    reason: Option<&'static str>,
}

struct Outcome {
    code: Option<i32>,
    stderr: String,
    peak_kib: u64,
}

fn run_bounded(lib: &Library, args: &[OsString]) -> Outcome {
    let rss = lib.dir.path().join("peak-rss");
    let mut child = Command::new("prlimit")
        .arg(format!("--as={ADDRESS_SPACE}"))
        .arg("--")
        .arg("/usr/bin/time")
        .arg("--format=%M")
        .arg("--output")
        .arg(&rss)
        .arg(assert_cmd::cargo::cargo_bin("byline"))
        .arg("--library")
        .arg(&lib.path)
        .args(args)
        .env_remove("BYLINE_LIBRARY")
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .expect(
            "prlimit (util-linux) and /usr/bin/time (Debian's time) are installed by make test",
        );
    let started = Instant::now();
    let status = loop {
        if let Some(status) = child.try_wait().unwrap() {
            break status;
        }
        if started.elapsed() > DEADLINE {
            child.kill().unwrap();
            panic!("{args:?} still ran after {DEADLINE:?}: a hang");
        }
        std::thread::sleep(Duration::from_millis(20));
    };
    let mut stderr = String::new();
    std::io::Read::read_to_string(&mut child.stderr.take().unwrap(), &mut stderr).unwrap();
    let time_says = std::fs::read_to_string(&rss).unwrap_or_default();
    // GNU time writes "Command exited with non-zero status 1" (or "terminated
    // by signal N") before the figure.
    let peak_kib = time_says
        .lines()
        .last()
        .and_then(|l| l.trim().parse().ok())
        .unwrap_or_else(|| panic!("no peak RSS from time: {time_says:?}"));
    Outcome {
        code: status.code(),
        stderr,
        peak_kib,
    }
}

fn os(args: &[&dyn AsRef<std::ffi::OsStr>]) -> Vec<OsString> {
    args.iter().map(|a| a.as_ref().to_owned()).collect()
}

/// The hostile inputs, each in a folder of its own inside `dir`.
fn cases(lib: &Library) -> Vec<Case> {
    let dir = lib.dir.path();
    let write = |name: &str, text: &str| -> PathBuf {
        let path = dir.join(name);
        std::fs::write(&path, text).unwrap();
        path
    };
    let with_photo = |name: &str, photo: &str| -> PathBuf {
        write(
            name,
            &format!("---\nheadline: Ảnh\nphotos:\n  - file: {photo}\n---\n\nThân bài.\n"),
        )
    };
    let fifo = dir.join("pipe.jpg");
    let fifo_md = dir.join("pipe.md");
    let fifo_zip = dir.join("pipe.zip");
    for fifo in [&fifo, &fifo_md, &fifo_zip] {
        assert!(Command::new("mkfifo").arg(fifo).status().unwrap().success());
    }
    let big = dir.join("big.md");
    std::fs::File::create(&big)
        .unwrap()
        .set_len(200 * 1024 * 1024)
        .unwrap();
    let seed = |name: &str| {
        Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("../../fuzz/seeds")
            .join(name)
    };
    let with_seed_photo = |name: &str, seed_name: &str| -> PathBuf {
        let folder = dir.join(name);
        std::fs::create_dir(&folder).unwrap();
        std::fs::copy(seed(seed_name), folder.join("anh.png")).unwrap();
        let article = folder.join("article.md");
        std::fs::write(
            &article,
            "---\nheadline: Ảnh\nphotos:\n  - file: anh.png\n---\n\nThân bài.\n",
        )
        .unwrap();
        article
    };
    vec![
        Case {
            what: "package: article.md of 4 MiB of newlines, deflated (5 KB)",
            args: os(&[&"import", &seed("package/article-newlines.zip")]),
            reason: Some("article.md may be at most"),
        },
        Case {
            what: "package: a 30000 × 30000 PNG in media/",
            args: os(&[&"import", &seed("package/photo-bomb.zip")]),
            reason: Some("photos may have at most 120 megapixels"),
        },
        Case {
            what: "photo: a 30000 × 30000 PNG of 138 bytes named by an article",
            args: os(&[&"import", &with_seed_photo("bomb", "photo/bomb-30000.png")]),
            reason: Some("photos may have at most 120 megapixels"),
        },
        Case {
            what: "photo: a PNG whose IPTC repeats the Photoshop 3.0 header",
            args: os(&[&"import", &with_seed_photo("iptc", "photo/iptc-deep.png")]),
            reason: None,
        },
        Case {
            what: "front matter: one 40 KB string aliased 20,000 times (0.8 GB expanded)",
            args: os(&[
                &"import",
                &write("aliases.md", &hostile::alias_bomb(40_000, 20_000)),
            ]),
            reason: Some("YAML aliases"),
        },
        Case {
            what: "front matter: 400 KB string aliased 100,000 times (40 GB expanded)",
            args: os(&[
                &"import",
                &write("aliases-big.md", &hostile::alias_bomb(400_000, 100_000)),
            ]),
            reason: Some("YAML aliases"),
        },
        Case {
            what: "article file: 200 MiB (sparse)",
            args: os(&[&"import", &big]),
            reason: Some("an article file may be at most"),
        },
        Case {
            what: "package: a FIFO named .zip",
            args: os(&[&"import", &fifo_zip]),
            reason: Some("not a regular file"),
        },
        Case {
            what: "article file: a FIFO",
            args: os(&[&"import", &fifo_md]),
            reason: Some("not a regular file"),
        },
        Case {
            what: "article file: /dev/zero",
            args: os(&[&"import", &"/dev/zero"]),
            reason: Some("not a regular file"),
        },
        Case {
            what: "photo: /dev/zero",
            args: os(&[&"import", &with_photo("zero.md", "/dev/zero")]),
            reason: Some("outside the article's folder"),
        },
        Case {
            what: "photo: a FIFO in the article's folder",
            args: os(&[&"import", &with_photo("fifo.md", "pipe.jpg")]),
            reason: Some("not a regular file"),
        },
    ]
}

#[test]
fn every_hostile_input_is_refused_within_512_mib() {
    let lib = Library::new();
    lib.ok(&["list"]);
    let mut report = String::from("| hostile input | outcome | peak RSS |\n|---|---|---:|\n");
    for case in cases(&lib) {
        let before = lib.snapshot();
        let out = run_bounded(&lib, &case.args);
        let outcome = match case.reason {
            Some(reason) => {
                assert_eq!(
                    out.code,
                    Some(1),
                    "{}: not a refusal (killed, or aborted): {}",
                    case.what,
                    out.stderr
                );
                assert_eq!(
                    out.stderr.lines().count(),
                    1,
                    "{}: {}",
                    case.what,
                    out.stderr
                );
                assert!(out.stderr.contains(reason), "{}: {}", case.what, out.stderr);
                assert_eq!(lib.snapshot(), before, "{}: the library changed", case.what);
                format!("refused: {reason}")
            }
            None => {
                assert_eq!(out.code, Some(0), "{}: {}", case.what, out.stderr);
                "imported, without what it could not read".to_owned()
            }
        };
        report.push_str(&format!(
            "| {} | {outcome} | {:.1} MB |\n",
            case.what,
            out.peak_kib as f64 / 1024.0
        ));
    }
    eprintln!("{report}");
    if let Some(path) = std::env::var_os("BYLINE_MEMORY_REPORT") {
        std::fs::write(Path::new(&path), report).unwrap();
    }
}
