#!/usr/bin/env bash
# Installs Byline's .deb into a scratch root (`dpkg -x`) and checks what a user
# gets: the package's name, version and metadata; the binary; a desktop entry
# whose Exec and Icon name the installed binary and icons; the icons in the
# hicolor theme; and the installed binary opening its window (under Xvfb, on a
# scratch library). `make test-dist` runs it on the debug package, `make dist`
# on the release one.
#
#   scripts/check-deb.sh target/release/bundle/deb            # the current version
#   scripts/check-deb.sh target/release/bundle/deb/Byline_0.1.0_amd64.deb
set -euo pipefail
cd "$(dirname "$0")/.."

fail() { echo "check-deb: $*" >&2; exit 1; }
ok() { echo "  ok  $*"; }

# What the package must say, from tauri.conf.json and Cargo.
conf=src-tauri/tauri.conf.json
product=$(node -p "require('./$conf').productName")
version=$(node -p "require('./$conf').version")
short_description=$(node -p "require('./$conf').bundle.shortDescription")
window_title=$(node -p "require('./$conf').app.windows[0].title")
cargo_version=$(cargo metadata --no-deps --offline --format-version 1 |
  node -e 'let s="";process.stdin.on("data",d=>s+=d).on("end",()=>{
    console.log(JSON.parse(s).packages.find(p=>p.name==="byline-app").version)})')
[ "$version" = "$cargo_version" ] ||
  fail "$conf says version $version, Cargo says $cargo_version: make them agree"
package=$(echo "$product" | tr '[:upper:] ' '[:lower:]-')
arch=$(dpkg --print-architecture)

deb=${1:?usage: scripts/check-deb.sh DIR-OR-PACKAGE.deb}
[ -d "$deb" ] && deb=$deb/${product}_${version}_${arch}.deb
[ -f "$deb" ] || fail "no package at $deb"
echo "check-deb: $deb"

# ---- the package's metadata (dpkg-deb -I) ----------------------------------
dpkg-deb --info "$deb" >/dev/null || fail "dpkg-deb cannot read $deb"
field() { dpkg-deb --field "$deb" "$1"; }
[ "$(field Package)" = "$package" ] || fail "Package is '$(field Package)', expected '$package'"
[ "$(field Version)" = "$version" ] || fail "Version is '$(field Version)', expected '$version'"
[ "$(field Architecture)" = "$arch" ] || fail "Architecture is '$(field Architecture)', expected '$arch'"
ok "Package: $package, Version: $version, Architecture: $arch"
depends=$(field Depends)
for dep in libwebkit2gtk-4.1-0 libgtk-3-0; do
  grep -qE "(^|, )$dep( |,|$)" <<<"$depends" || fail "Depends ($depends) lacks $dep"
done
ok "Depends: $depends"
[ -n "$(field Maintainer)" ] || fail "no Maintainer"
[ -n "$(field Section)" ] || fail "no Section"
[ "$(field Description | head -1)" = "$short_description" ] ||
  fail "Description starts '$(field Description | head -1)', expected '$short_description'"
[ "$(field Description | wc -l)" -gt 1 ] || fail "Description has no long description"
ok "Maintainer: $(field Maintainer), Section: $(field Section), Description: $short_description"

# Every file and folder belongs to root: a package must not install files owned
# by whoever built it.
if dpkg-deb --contents "$deb" | awk '$2 != "root/root" && $2 != "0/0"' | grep .; then
  fail "the entries above are not owned by root"
fi
ok "every entry owned by root"

# ---- installed into a scratch root -------------------------------------------
root=$(mktemp -d)
trap 'rm -rf "$root"' EXIT
dpkg -x "$deb" "$root/fs"
ok "dpkg -x into a scratch root"

desktops=("$root"/fs/usr/share/applications/*.desktop)
[ ${#desktops[@]} = 1 ] && [ -f "${desktops[0]}" ] ||
  fail "expected one desktop file in /usr/share/applications, found: ${desktops[*]}"
desktop=${desktops[0]}
desktop-file-validate "$desktop" || fail "desktop-file-validate rejects ${desktop#"$root"/fs}"
# The first value of KEY in the [Desktop Entry] group.
entry() { awk -F= -v k="$1" '/^\[/{g=$0} g=="[Desktop Entry]" && $1==k {sub(/^[^=]*=/,""); print; exit}' "$desktop"; }
[ "$(entry Name)" = "$product" ] || fail "Name is '$(entry Name)', expected '$product'"
for key in 'Name[vi]' 'Comment' 'Comment[vi]'; do
  [ -n "$(entry "$key")" ] || fail "the desktop entry has no $key"
done
grep -qE '(^|;)Office;' <<<"$(entry Categories)" || fail "Categories ($(entry Categories)) lacks Office"
ok "${desktop#"$root"/fs}: Name=$(entry Name), Name[vi]=$(entry 'Name[vi]'), Categories=$(entry Categories)"
ok "Comment[vi]=$(entry 'Comment[vi]')"

# Exec names a program on the PATH that the package installs.
exec_line=$(entry Exec)
program=${exec_line%% *}
program=${program//\"/}
[[ $program != */* ]] || fail "Exec ($exec_line) is a path; it must name the program in /usr/bin"
bin=$root/fs/usr/bin/$program
[ -f "$bin" ] && [ -x "$bin" ] || fail "Exec=$exec_line, but /usr/bin/$program is not an installed program"
[ "$(head -c 4 "$bin" | od -An -c | tr -d ' ')" = '177ELF' ] || fail "/usr/bin/$program is not an ELF binary"
if ldd "$bin" | grep 'not found'; then fail "/usr/bin/$program needs libraries not on this machine (above)"; fi
ok "Exec=$exec_line: /usr/bin/$program, an ELF executable whose libraries resolve"

# Icon names icons the package installs in the hicolor theme, each PNG as big
# as its folder says.
icon=$(entry Icon)
[[ $icon != */* && $icon != *.* ]] || fail "Icon ($icon) must be a theme icon name, not a path"
hicolor=$root/fs/usr/share/icons/hicolor
pngs=("$hicolor"/*/apps/"$icon".png)
[ -f "${pngs[0]}" ] || fail "Icon=$icon, but no /usr/share/icons/hicolor/*/apps/$icon.png"
px() { od -An -tu1 -j "$1" -N4 "$2" | awk '{print $1*16777216 + $2*65536 + $3*256 + $4}'; }
sizes=()
for png in "${pngs[@]}"; do
  dir=$(basename "$(dirname "$(dirname "$png")")")   # 128x128
  [ "$(head -c 8 "$png" | od -An -tx1 | tr -d ' ')" = 89504e470d0a1a0a ] || fail "$png is not a PNG"
  w=$(px 16 "$png"); h=$(px 20 "$png")
  [ "$dir" = "${w}x$h" ] || fail "$dir/apps/$icon.png is ${w}x$h"
  sizes+=("$dir")
done
for need in 32x32 128x128 256x256 512x512; do
  [[ " ${sizes[*]} " == *" $need "* ]] || fail "no $need/apps/$icon.png"
done
[ -f "$hicolor/scalable/apps/$icon.svg" ] || fail "no scalable/apps/$icon.svg"
ok "Icon=$icon: hicolor ${sizes[*]} scalable"

# Debian's place for the licence, the one Cargo.toml and tauri.conf.json name.
copyright=$root/fs/usr/share/doc/$package/copyright
[ -f "$copyright" ] || fail "no /usr/share/doc/$package/copyright"
grep -q '^MIT License$' "$copyright" || fail "/usr/share/doc/$package/copyright is not the MIT licence"
ok "/usr/share/doc/$package/copyright: MIT"

# ---- the installed binary opens its window ----------------------------------
# On a scratch library and scratch XDG folders, so nothing of the user's is read
# or written, and from the scratch root, far from the source tree.
mkdir -p "$root/home"
XDG_DATA_HOME=$root/home/data XDG_CONFIG_HOME=$root/home/config XDG_CACHE_HOME=$root/home/cache \
  xvfb-run -a -s "-screen 0 1280x800x24" bash -c '
    set -euo pipefail
    "$1" --library "$2" >"$3" 2>&1 & pid=$!
    trap "kill $pid 2>/dev/null || true; wait $pid 2>/dev/null || true" EXIT
    for _ in $(seq 60); do
      xwininfo -root -tree | grep "\"$4\"" >/dev/null && exit 0
      kill -0 $pid 2>/dev/null || { echo "check-deb: /usr/bin/$5 exited before showing its window:"; cat "$3"; exit 1; }
      sleep 0.5
    done
    echo "check-deb: no \"$4\" window after 30 s:"; cat "$3"; exit 1
  ' _ "$bin" "$root/library.sqlite" "$root/app.log" "$window_title" "$program" >&2 ||
  fail "the installed binary did not open its window"
ok "/usr/bin/$program opens the \"$window_title\" window"

echo "check-deb: $(basename "$deb") installs and runs"
