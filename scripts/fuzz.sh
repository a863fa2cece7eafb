#!/usr/bin/env bash
# Fuzzes the recording readers, venue parsers and book sync with AFL++ through SharpFuzz, for a bounded time per target
# (tests/QuantumFlow.Fuzz: any input must end in a clear MarketDataException or in books, never another exception, a
# hang or a crash). Run by scripts/test.sh after the tests; alone: scripts/fuzz.sh [SECONDS per target, default 60].
# Installs AFL++ with apt when it is missing and this runs as root; restores the SharpFuzz instrumenter as a local
# dotnet tool (dotnet-tools.json). Prints each target's executions and fails on any crash or hang, leaving
# the inputs that caused them under artifacts/fuzz/TARGET/default/{crashes,hangs}.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
seconds=${1:-60}
cd "$root"
if ! command -v afl-fuzz >/dev/null; then
  if [ "$(id -u)" = 0 ]; then apt-get install -y -q afl++ >/dev/null; else echo "fuzz: afl-fuzz missing (apt install afl++)" >&2; exit 1; fi
fi
dotnet tool restore >/dev/null
out=$root/tests/QuantumFlow.Fuzz/bin/fuzz
plain=$root/tests/QuantumFlow.Fuzz/bin/plain
rm -rf "$out" "$plain"
dotnet publish tests/QuantumFlow.Fuzz -c Release -o "$plain" -v q --nologo >/dev/null
cp -r "$plain" "$out"
# Only the code under test is instrumented: AFL++ steers by the branches it reports.
dotnet tool run sharpfuzz "$out/QuantumFlow.Models.dll" >/dev/null
export AFL_SKIP_CPUFREQ=1 AFL_I_DONT_CARE_ABOUT_MISSING_CRASHES=1 AFL_NO_UI=1 AFL_SKIP_BIN_CHECK=1 AFL_NO_AFFINITY=1
status=0
for target in parsers recording; do
  findings=$root/artifacts/fuzz/$target
  rm -rf "$findings"
  mkdir -p "$findings"
  # The corpus replayed once without AFL first (uninstrumented: instrumented code needs AFL's shared memory): a seed
  # that fails is a plain bug, reported plainly.
  dotnet "$plain/QuantumFlow.Fuzz.dll" "$target" replay "tests/QuantumFlow.Fuzz/corpus/$target"
  afl-fuzz -i "tests/QuantumFlow.Fuzz/corpus/$target" -o "$findings" -t 5000 -m none -V "$seconds" -- \
    dotnet "$out/QuantumFlow.Fuzz.dll" "$target" >"$findings/afl.log" 2>&1 || { echo "fuzz $target: afl-fuzz failed" >&2; tail -20 "$findings/afl.log" >&2; status=1; continue; }
  stats=$findings/default/fuzzer_stats
  execs=$(awk -F': ' '/^execs_done/ {print $2}' "$stats")
  crashes=$(awk -F': ' '/^saved_crashes/ {print $2}' "$stats")
  hangs=$(awk -F': ' '/^saved_hangs/ {print $2}' "$stats")
  paths=$(awk -F': ' '/^corpus_count/ {print $2}' "$stats")
  echo "fuzz $target: ${seconds} s, $execs executions, $paths inputs in the corpus, $crashes crashes, $hangs hangs"
  if [ "$crashes" != 0 ] || [ "$hangs" != 0 ]; then echo "fuzz $target: findings under $findings/default" >&2; status=1; fi
done
exit $status
