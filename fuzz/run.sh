#!/usr/bin/env bash
# `make fuzz`: runs each cargo-fuzz target for FUZZ_SECONDS on its corpus
# (fuzz/seeds.py builds the seeds), one process on one core, and reports
# what libFuzzer said at the end of each: executions, time, coverage, crashes.
#
#   fuzz/run.sh [TARGET...]        FUZZ_SECONDS=600 fuzz/run.sh render
#
# cargo-fuzz builds with nightly-only flags (-Zsanitizer=address, …); this
# machine has the stable toolchain, which takes them with RUSTC_BOOTSTRAP=1.
# A crash does not stop the other targets; the script exits 1 after the
# report if any target crashed, with the input under fuzz/artifacts/TARGET/.
set -euo pipefail

cd "$(dirname "$0")/.."
FUZZ_SECONDS=${FUZZ_SECONDS:-60}
FUZZ_SANITIZER=${FUZZ_SANITIZER:-address}
targets=("$@")
[ ${#targets[@]} -gt 0 ] || targets=(render front_matter package handoff photo)

declare -A dict=(
  [render]=markdown.dict
  [front_matter]=front_matter.dict
  [package]=package.dict
  [handoff]=package.dict
  [photo]=photo.dict
)

export RUSTC_BOOTSTRAP=1
mkdir -p fuzz/target
for t in "${targets[@]}"; do
  [ -n "${dict[$t]:-}" ] || { echo "fuzz/run.sh: no target '$t' (${!dict[*]})" >&2; exit 2; }
  cargo fuzz build --sanitizer "$FUZZ_SANITIZER" "$t"
done

report=()
failed=0
for t in "${targets[@]}"; do
  log=fuzz/target/$t.log
  echo "== fuzz $t for ${FUZZ_SECONDS}s (log: $log)"
  # One process (no -jobs/-workers/-fork): one core. -timeout: an input that
  # takes 10 s is a finding. rss_limit_mb is libFuzzer's default, said aloud.
  set +e
  cargo fuzz run --sanitizer "$FUZZ_SANITIZER" "$t" -- \
    -max_total_time="$FUZZ_SECONDS" -timeout=10 -rss_limit_mb=2048 \
    -dict="$PWD/fuzz/dict/${dict[$t]}" -print_final_stats=1 >"$log" 2>&1
  status=$?
  set -e
  done_line=$(grep -E '^#[0-9]+\s+DONE' "$log" | tail -1 || true)
  [ -n "$done_line" ] || done_line=$(grep -E '^#[0-9]+\s' "$log" | tail -1 || true)
  execs=$(grep -oP 'stat::number_of_executed_units:\s*\K[0-9]+' "$log" | tail -1 || true)
  rate=$(grep -oP 'stat::average_exec_per_sec:\s*\K[0-9]+' "$log" | tail -1 || true)
  secs=$(grep -oP 'Done [0-9]+ runs in \K[0-9]+' "$log" | tail -1 || true)
  cov=$(grep -oP 'cov: \K[0-9]+' <<<"$done_line" || true)
  ft=$(grep -oP 'ft: \K[0-9]+' <<<"$done_line" || true)
  corp=$(grep -oP 'corp: \K[0-9]+' <<<"$done_line" || true)
  if [ "$status" -eq 0 ]; then
    result=ok
  else
    failed=1
    artifact=$(grep -oP 'Test unit written to \K\S+' "$log" | tail -1 || true)
    result="CRASH ${artifact:-(see $log)}"
    grep -m1 -E "panicked at|ERROR: (AddressSanitizer|libFuzzer)" "$log" || true
  fi
  report+=("$(printf '%-13s %10s %6s %8s %6s %6s %6s  %s' "$t" "${execs:-?}" "${secs:-?}" "${rate:-?}" "${cov:-?}" "${ft:-?}" "${corp:-?}" "$result")")
done

echo
echo "fuzz report (${FUZZ_SECONDS}s per target, sanitizer: $FUZZ_SANITIZER)"
printf '%-13s %10s %6s %8s %6s %6s %6s  %s\n' target execs secs exec/s cov ft corpus result
printf '%s\n' "${report[@]}"
exit "$failed"
