#!/usr/bin/env bash
# Runs the app on a virtual display, waits for its window, saves a screenshot
# and stops it: `make run` on a machine without a display, so the run can
# still be seen.
set -euo pipefail
app=$1
out=$2
mkdir -p "$(dirname "$out")"
xvfb-run -a -s "-screen 0 1280x800x24" bash -c '
  set -euo pipefail
  "$1" & pid=$!
  trap "kill $pid 2>/dev/null || true" EXIT
  for _ in $(seq 60); do
    xwininfo -root -tree | grep -q "\"Byline\"" && break
    kill -0 $pid 2>/dev/null || { echo "Byline exited before showing its window"; exit 1; }
    sleep 0.5
  done
  sleep 3   # let the UI load the library and paint
  import -window root "$2"
  echo "Screenshot: $2"
' _ "$app" "$out"
