#!/usr/bin/env bash
# Builds every fuzz target and runs each for SECONDS, then prints a summary table.
#
#   fuzz/run.sh 600                       # ten minutes per target
#   fuzz/run.sh 10                        # CI's smoke run (.ci/run)
#   fuzz/run.sh 60 subject_dn case_json   # only these targets
#   FUZZ_SANITIZER=none fuzz/run.sh 60    # without AddressSanitizer
#
# Exits non-zero when any target crashes, times out (an input slower than 10 s) or runs out
# of memory; the input is kept in fuzz/artifacts/<target>/ and the table names it.
#
# Stable toolchain: cargo-fuzz instruments with SanitizerCoverage (-Cpasses=sancov-module and
# -Cllvm-args, which stable rustc accepts) and, by default, AddressSanitizer through
# -Zsanitizer=address, a flag rustc accepts only on nightly. This machine has only the stable
# toolchain and cannot install another, so this script sets RUSTC_BOOTSTRAP=1, the compiler's
# own switch that lets a stable rustc accept nightly flags. It is set for the fuzz build only
# (fuzz/target), never for the crate's own builds. The stable toolchain ships the AddressSanitizer
# runtime for x86_64-unknown-linux-gnu, so the default -s address works; FUZZ_SANITIZER=none
# builds without it (faster, and then no nightly flag is needed at all), finding panics only.
#
# Each target starts from fuzz/corpus/<target>/ (kept between runs, not committed), into which
# the committed seeds fuzz/seeds/<target>/ and past findings fuzz/regressions/<target>/ are
# copied first, together with seeds made afresh from the current case files by
# fuzz/make_seeds.py (when python3 is present).
set -euo pipefail

usage() {
  echo "usage: $0 SECONDS [TARGET...]" >&2
  exit 2
}
[[ $# -ge 1 && $1 =~ ^[1-9][0-9]*$ ]] || usage
seconds=$1
shift

fuzz_dir=$(cd "$(dirname "$0")" && pwd)
cd "$fuzz_dir/.."
sanitizer=${FUZZ_SANITIZER:-address}
# Debug assertions and overflow checks on: an arithmetic overflow on hostile input is a finding.
build_flags=(--sanitizer "$sanitizer" --debug-assertions)

if ! cargo fuzz --version >/dev/null 2>&1; then
  echo "== installing cargo-fuzz"
  cargo install cargo-fuzz --locked
fi

export RUSTC_BOOTSTRAP=1
echo "== $(rustc --version), $(cargo fuzz --version), sanitizer: $sanitizer"

all_targets=$(cargo fuzz list)
targets=("$@")
if [[ ${#targets[@]} -eq 0 ]]; then
  mapfile -t targets <<<"$all_targets"
fi
for t in "${targets[@]}"; do
  grep -qx "$t" <<<"$all_targets" || { echo "unknown target: $t" >&2; exit 2; }
done

# fuzz/Cargo.lock is committed. When the crate gains a dependency, the lock of this separate
# workspace falls behind; it is then completed (existing versions kept) rather than failing the
# run, and the change is left for a commit.
if ! cargo metadata --locked --format-version 1 --manifest-path fuzz/Cargo.toml >/dev/null 2>&1
then
  echo "== warning: fuzz/Cargo.lock is behind the crate's dependencies; updating it (commit it)"
  cargo metadata --format-version 1 --manifest-path fuzz/Cargo.toml >/dev/null
fi
echo "== building ${#targets[@]} targets"
cargo fuzz build "${build_flags[@]}"

if command -v python3 >/dev/null; then
  python3 fuzz/make_seeds.py --out fuzz/corpus >/dev/null
fi

logs=fuzz/artifacts/logs
mkdir -p "$logs"
rows=()
failed=0
for t in "${targets[@]}"; do
  corpus=fuzz/corpus/$t
  mkdir -p "$corpus" "fuzz/artifacts/$t"
  # Seeds, and the inputs of past findings: a finding that comes back fails the run at once.
  for d in fuzz/seeds/"$t" fuzz/regressions/"$t"; do
    if [[ -d $d ]]; then
      cp -n "$d"/* "$corpus"/ 2>/dev/null || true
    fi
  done
  echo "== $t: ${seconds}s from $(find "$corpus" -type f | wc -l) inputs"
  status=0
  cargo fuzz run "${build_flags[@]}" "$t" "$corpus" -- \
    -max_total_time="$seconds" -timeout=10 -print_final_stats=1 >"$logs/$t.log" 2>&1 ||
    status=$?
  execs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$logs/$t.log" | tail -1)
  rate=$(sed -n 's/^stat::average_exec_per_sec: *//p' "$logs/$t.log" | tail -1)
  if [[ $status -eq 0 ]]; then
    result=ok
  else
    failed=1
    # libFuzzer: "Test unit written to fuzz/artifacts/<target>/crash-<sha1>"
    found=$(sed -n 's/.*Test unit written to \(.*\)$/\1/p' "$logs/$t.log" | tail -1)
    result="FAILED (exit $status) ${found:-no artifact}; log $logs/$t.log"
    echo "== $t FAILED:"
    grep -A1 -E "panicked at|ERROR: [A-Za-z]+Sanitizer|ERROR: libFuzzer|^SUMMARY" "$logs/$t.log" |
      head -n 12 || tail -n 20 "$logs/$t.log"
  fi
  rows+=("$(printf '%-22s %8s %12s %8s  %s' "$t" "${seconds}s" "${execs:--}" "${rate:--}" "$result")")
done

echo
printf '%-22s %8s %12s %8s  %s\n' target time executions exec/s result
printf '%s\n' "${rows[@]}"
exit "$failed"
