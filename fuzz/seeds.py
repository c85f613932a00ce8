#!/usr/bin/env python3
"""Builds the seed corpora of the fuzz targets in fuzz/corpus/<target>/.

    python3 fuzz/seeds.py [--byline target/debug/byline]

- render, front_matter: the sample articles (samples/**/*.md) and the small
  hand-made seeds in fuzz/seeds/<target>/ (links, photos, blocks; YAML forms);
- photo: the samples' photos (samples/**/media/*), the tests' photo fixtures,
  and the tiny JPEG/PNG/WebP seeds with EXIF, XMP and IPTC in fuzz/seeds/photo/
  (made by fuzz/make_photo_seeds.py), with the hostile ones of
  fuzz/make_hostile_seeds.py (a PNG that claims 30000 x 30000 pixels, one
  whose IPTC repeats the Photoshop header);
- package: the hostile packages in fuzz/seeds/package/ (made by
  fuzz/make_hostile_seeds.py: an article.md past its limit, a bomb photo);
  real packages: a fresh library given the sample articles (`byline
  samples`), exported by `byline export ID --format package|handoff`, each
  as a zip (its photos swapped for a tiny one, the manifest to match) and
  unpacked into the package target's structured form (`BYLFUZZ`, flags,
  then `\\n@@ NAME\\nCONTENT` per file), in which the target rebuilds the
  zip with a manifest that matches whatever the fuzzer did to the files.
- handoff: the base package fuzz/seeds/handoff/base.zip (a hand-off package
  of the An Thịnh sample, kept in git so that its ids, which the target's
  library imports first, stay the same; `--handoff-base` makes it anew) and
  the other newsroom's next revision of it: its headline, its sapo, or both
  changed; plus a hand-off package of another article; each behind a first
  byte that says what the library changed locally before (nothing, the
  sapo, the headline, both; fuzz_targets/handoff.rs).

Files are named by the SHA-1 of their content, as libFuzzer names what it
adds, so running this again adds nothing twice and keeps what the fuzzer found.
The names written are listed in fuzz/corpus/.seeds-<target>; the seeds of the
previous run are removed first, so seeds that change from run to run (the
exported packages carry new ids each time) do not pile up.
"""

import argparse
import hashlib
import re
import uuid
import io
import json
import subprocess
import sys
import tempfile
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
FUZZ = ROOT / "fuzz"
CORPUS = FUZZ / "corpus"

# Structured package flags (fuzz_targets/package.rs): make the manifest, deflate.
STRUCTURED_FLAGS = 0x01 | 0x02


def forget_previous_seeds():
    for listing in CORPUS.glob(".seeds-*"):
        folder = CORPUS / listing.name.removeprefix(".seeds-")
        for name in listing.read_text().split():
            (folder / name).unlink(missing_ok=True)
        listing.unlink()


def add(target, data):
    folder = CORPUS / target
    folder.mkdir(parents=True, exist_ok=True)
    name = hashlib.sha1(data).hexdigest()
    (folder / name).write_bytes(data)
    with open(CORPUS / f".seeds-{target}", "a") as listing:
        listing.write(name + "\n")


def files(pattern_root, *patterns):
    out = []
    for pattern in patterns:
        out += sorted(p for p in pattern_root.glob(pattern) if p.is_file())
    return out


def structured(zip_bytes, photo):
    """The package target's structured form of a zip: every file, the
    manifest included (its ids are kept; its list is remade by the target).
    The photos are replaced by `photo`, a tiny one, under their own names:
    the reader checks a media file against the manifest, not its name, and
    small inputs fuzz faster."""
    out = bytearray(b"BYLFUZZ" + bytes([STRUCTURED_FLAGS]))
    with zipfile.ZipFile(io.BytesIO(zip_bytes)) as z:
        for info in z.infolist():
            if info.is_dir():
                continue
            content = photo if info.filename.startswith("media/") else z.read(info)
            out += b"\n@@ " + info.filename.encode() + b"\n" + content
    return bytes(out)


def shrunk(zip_bytes, photo):
    """A real package with each photo replaced by `photo` (under its own
    name, the manifest's size and SHA-256 made to match): the same package
    to the reader, a fraction of the size to the fuzzer."""
    src = zipfile.ZipFile(io.BytesIO(zip_bytes))
    names = [i.filename for i in src.infolist()]
    if not any(n.startswith("media/") and not n.endswith("/") for n in names):
        return zip_bytes
    manifest = json.loads(src.read("manifest.json"))
    for listed in manifest["files"]:
        if listed["path"].startswith("media/"):
            listed["size"] = len(photo)
            listed["sha256"] = hashlib.sha256(photo).hexdigest()
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
        for info in src.infolist():
            if info.filename == "manifest.json":
                content = json.dumps(manifest, indent=2, ensure_ascii=False).encode()
            elif info.filename.startswith("media/") and not info.is_dir():
                content = photo
            else:
                content = src.read(info)
            z.writestr(info.filename, content)
    return out.getvalue()


def cli(byline, library):
    """`byline` on `library`, as an editor: a function of the arguments that
    returns what the command printed."""
    return lambda *args: subprocess.run(
        [str(byline), "--library", str(library), "--as", "Fuzz", "--role", "editor", *args],
        check=True,
        capture_output=True,
        text=True,
    ).stdout


def packages(byline):
    """Real packages from a fresh library holding the sample articles."""
    made = []
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        library = tmp / "library.sqlite"
        run = cli(byline, library)
        run("samples")
        articles = json.loads(run("list", "--json"))
        if not articles:
            sys.exit("seeds.py: the fresh library has no sample articles")
        for article in articles:
            for fmt in ("package", "handoff"):
                out = tmp / f"{article['id']}-{fmt}.zip"
                run("export", article["id"], "--format", fmt, "--out", str(out))
                made.append(out.read_bytes())
    return made


HANDOFF_BASE = FUZZ / "seeds" / "handoff" / "base.zip"
# The handoff target's first byte: what the library edits locally before
# the package comes (1 the sapo, 2 the headline).
LOCAL_EDITS = (0, 1, 2, 3)


def handoff_packages(byline):
    """Hand-off packages of the An Thịnh sample and of another article, from
    a fresh library."""
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        library = tmp / "library.sqlite"
        run = cli(byline, library)
        run("samples")
        articles = json.loads(run("list", "--json"))
        an_thinh = next(a for a in articles if a["headline"].startswith("Xã An Thịnh"))
        other = next(a for a in articles if a is not an_thinh)
        made = []
        for article in (an_thinh, other):
            out = tmp / f"{article['id']}.zip"
            run("export", article["id"], "--format", "handoff", "--out", str(out))
            made.append(out.read_bytes())
        return made


def theirs(base_zip, name, edit, photo):
    """`base_zip` as the other newsroom's next revision, in the package
    target's structured form: `edit` applied to article.md's text, and a
    revision after the base's (a fixed id made from `name`) in comments.json
    and the manifest, whose base_revision becomes the base's revision."""
    with zipfile.ZipFile(io.BytesIO(base_zip)) as z:
        files = {i.filename: z.read(i) for i in z.infolist() if not i.is_dir()}
    manifest = json.loads(files["manifest.json"])
    comments = json.loads(files["comments.json"])
    revision = str(uuid.uuid5(uuid.NAMESPACE_URL, f"byline-fuzz-handoff-{name}"))
    comments["revisions"].append(
        {
            "id": revision,
            "number": len(comments["revisions"]) + 1,
            "at": "2026-01-02T03:04:05Z",
            "actor": "Tòa soạn B",
            "role": "editor",
            "reason": "save",
        }
    )
    manifest["base_revision"] = manifest["revision"]
    manifest["revision"] = revision
    files["manifest.json"] = json.dumps(manifest, indent=2, ensure_ascii=False).encode()
    files["comments.json"] = json.dumps(comments, indent=2, ensure_ascii=False).encode()
    files["article.md"] = edit(files["article.md"].decode()).encode()
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
        for filename, content in files.items():
            z.writestr(filename, content)
    return structured(out.getvalue(), photo)


def front_matter_line(key, value):
    """An edit of article.md: the front matter line `key: …` set to `value`."""
    return lambda text: re.sub(rf"(?m)^{key}: .*$", f"{key}: {value}", text, count=1)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--byline", default=str(ROOT / "target" / "debug" / "byline"))
    parser.add_argument(
        "--handoff-base",
        action="store_true",
        help=f"make {HANDOFF_BASE.relative_to(ROOT)} anew (new ids: the old seeds and finds no longer apply)",
    )
    args = parser.parse_args()

    byline = Path(args.byline)
    if not byline.exists():
        sys.exit(f"seeds.py: {byline} is missing: cargo build -p byline-cli first")
    CORPUS.mkdir(parents=True, exist_ok=True)
    forget_previous_seeds()
    counts = {}

    def seed(target, data):
        add(target, data)
        counts[target] = counts.get(target, 0) + 1

    articles = files(ROOT / "samples", "**/*.md")
    for target in ("render", "front_matter"):
        for path in articles + files(FUZZ / "seeds" / target, "*"):
            seed(target, path.read_bytes())

    photos = files(ROOT / "samples", "**/media/*")
    fixtures = ROOT / "crates" / "byline-core" / "tests" / "core" / "fixtures"
    photos += files(fixtures, "*.jpg", "*.png", "*.webp", "fuzz/*.webp")
    photos += files(FUZZ / "seeds" / "photo", "*")
    for path in photos:
        seed("photo", path.read_bytes())

    tiny_photo = (FUZZ / "seeds" / "photo" / "meta.jpg").read_bytes()
    # The hostile packages of fuzz/make_hostile_seeds.py, as they are.
    for path in files(FUZZ / "seeds" / "package", "*"):
        seed("package", path.read_bytes())
    for zip_bytes in packages(byline):
        seed("package", shrunk(zip_bytes, tiny_photo))
        seed("package", structured(zip_bytes, tiny_photo))

    exported_base, other = (shrunk(z, tiny_photo) for z in handoff_packages(byline))
    if args.handoff_base or not HANDOFF_BASE.exists():
        HANDOFF_BASE.parent.mkdir(parents=True, exist_ok=True)
        HANDOFF_BASE.write_bytes(exported_base)
        print(f"{HANDOFF_BASE.relative_to(ROOT)}: made anew")
    base = HANDOFF_BASE.read_bytes()
    headline = front_matter_line("headline", "Tiêu đề của tòa soạn B")
    sapo = front_matter_line("sapo", "Sapo của tòa soạn B.")
    packages_in = [
        structured(base, tiny_photo),
        theirs(base, "headline", headline, tiny_photo),
        theirs(base, "sapo", sapo, tiny_photo),
        theirs(base, "both", lambda t: sapo(headline(t)), tiny_photo),
        structured(other, tiny_photo),
    ]
    for local in LOCAL_EDITS:
        for package in packages_in:
            seed("handoff", bytes([local]) + package)

    for target, total in sorted(counts.items()):
        print(f"fuzz/corpus/{target}: {total} seeds")


if __name__ == "__main__":
    main()
