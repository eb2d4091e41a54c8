#!/usr/bin/env bash
# Coverage-guided fuzzing of the parsers that face the network (docs/fuzzing.md): afl-fuzz (AFL++) drives the
# SharpFuzz harnesses in fuzz/CityRisk.Fuzz against instrumented copies of the CityRisk libraries.
#
#   scripts/fuzz.sh [--seconds N] [--out DIR] [TARGET...]      targets: cap json hazard observation incident resource enterprise detect partners publish (all by default)
#
# Each target runs for N seconds (default 60) from a seed corpus made of the repository's vectors and samples.
# Prints one line per target: executions, executions per second, paths found, crashes, hangs. Exits 1 when any
# target saved a crash or a hang; the inputs are under DIR/findings/TARGET/default/{crashes,hangs}. Needs afl-fuzz
# (Debian: apt-get install afl++).
set -euo pipefail
cd "$(dirname "$0")/.."

seconds=60
out=artifacts/fuzz
targets=()
while [ $# -gt 0 ]; do
  case "$1" in
    --seconds) seconds="$2"; shift 2 ;;
    --out) out="$2"; shift 2 ;;
    -h|--help) sed -n '2,10p' "$0"; exit 0 ;;
    *) targets+=("$1"); shift ;;
  esac
done
[ ${#targets[@]} -gt 0 ] || targets=(cap json hazard observation incident resource enterprise detect partners publish)

command -v afl-fuzz >/dev/null || { echo "fuzz.sh: afl-fuzz is not installed (apt-get install afl++)" >&2; exit 2; }

bin="$out/bin"
rm -rf "$bin" "$out/findings" "$out/corpus"
mkdir -p "$out/findings" "$out/corpus"
dotnet publish fuzz/CityRisk.Fuzz -c Release -o "$bin" --nologo -v q
# The seed corpora first: the instrumented libraries run only under afl-fuzz.
for target in "${targets[@]}"; do
  dotnet "$bin/CityRisk.Fuzz.dll" "$target" --seeds "$out/corpus/$target" "$PWD" >/dev/null
done
dotnet tool restore >/dev/null
# Instrument the code under test, not the harness, SharpFuzz or the framework.
for dll in CityRisk.Abstractions.dll CityRisk.Protocol.dll CityRisk.Server.dll CityRisk.Storage.dll; do
  dotnet sharpfuzz "$bin/$dll" >/dev/null
done

export AFL_SKIP_BIN_CHECK=1 AFL_NO_UI=1 AFL_SKIP_CPUFREQ=1 AFL_I_DONT_CARE_ABOUT_MISSING_CRASHES=1 AFL_NO_AFFINITY=1
# Each execution of a .NET harness is slow to start; a generous timeout keeps start-up from reading as a hang.
status=0
printf '%-9s %12s %10s %8s %8s %6s\n' target executions exec/s paths crashes hangs
for target in "${targets[@]}"; do
  corpus="$out/corpus/$target"
  afl-fuzz -V "$seconds" -t 5000 -m none -i "$corpus" -o "$out/findings/$target" -- dotnet "$bin/CityRisk.Fuzz.dll" "$target" \
    > "$out/findings/$target.log" 2>&1 || { echo "fuzz.sh: afl-fuzz failed for $target (see $out/findings/$target.log)" >&2; tail -20 "$out/findings/$target.log" >&2; exit 2; }
  stats="$out/findings/$target/default/fuzzer_stats"
  value() { awk -F' *: *' -v k="$1" '$1 == k { print $2 }' "$stats"; }
  printf '%-9s %12s %10s %8s %8s %6s\n' "$target" "$(value execs_done)" "$(value execs_per_sec)" "$(value corpus_count)" "$(value saved_crashes)" "$(value saved_hangs)"
  if [ "$(value saved_crashes)" != 0 ] || [ "$(value saved_hangs)" != 0 ]; then
    status=1
  fi
done
exit $status
