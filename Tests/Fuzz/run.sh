#!/bin/sh
# Builds and runs a libFuzzer target over the library's sources.
#
#   sh Tests/Fuzz/run.sh study 600      # the study decoder + engine + reports, 10 minutes
#   sh Tests/Fuzz/run.sh csv 600        # the CSV readers + return metrics, 10 minutes
#   sh Tests/Fuzz/run.sh card 600       # the card reader and drafter, 10 minutes
#   sh Tests/Fuzz/run.sh partial 600    # the partial-result reader of merge + reports, 10 minutes
#   sh Tests/Fuzz/run.sh study 10 smoke # CI: 10 seconds on the committed corpus, nothing saved
#
# The committed corpus (Tests/Fuzz/corpus/<target>) grows with what a run finds; the seeds are
# the studies in scenarios/ and the CSV files in scenarios/data (and ../shared/data when it is
# there); the partial target's seeds are written by the fuzz binary itself (its study's
# shards, so they always have the current file format). Crashes are written to $FUZZ_OUT
# (default /tmp/tradesim-fuzz) as crash-* files.
set -eu
target=${1:?usage: run.sh study|csv|card|partial SECONDS [smoke]}
seconds=${2:-60}
mode=${3:-}
root=$(cd "$(dirname "$0")/../.." && pwd)
out=${FUZZ_OUT:-/tmp/tradesim-fuzz}
mkdir -p "$out"
case $target in
    study|csv|card|partial) ;;
    *) echo "unknown target $target (study, csv, card or partial)" >&2; exit 64 ;;
esac
export TRADESIM_FUZZ_TARGET=$target
export LSAN_OPTIONS="suppressions=$root/Tests/Fuzz/lsan.supp${LSAN_OPTIONS:+:$LSAN_OPTIONS}"
binary="$out/fuzz-all"
# One module and one binary for the four targets (FuzzEntry.swift dispatches on
# TRADESIM_FUZZ_TARGET): the library's sources and the targets, instrumented for coverage and
# AddressSanitizer, optimised (the engine's SIMD code is slow without it). Rebuilt only when a
# source is newer than the binary.
if [ ! -x "$binary" ] || [ -n "$(find "$root/Sources/TradeSim" "$root/Tests/Fuzz" -name '*.swift' -newer "$binary" | head -1)" ]; then
    rm -f "$binary"
    swiftc -sanitize=fuzzer,address -parse-as-library -O -module-name TradeSimFuzz -package-name tradesim \
        $(find "$root/Sources/TradeSim" -name '*.swift' | sort) $(find "$root/Tests/Fuzz" -name '*.swift' | sort) \
        -o "$binary" 2>&1 | grep -v "warning: Cannot export local symbol" || true
fi
test -x "$binary"

corpus="$root/Tests/Fuzz/corpus/$target"
seeds="$out/seeds-$target"
rm -rf "$seeds"; mkdir -p "$seeds" "$corpus"
if [ "$target" = study ]; then
    cp "$root"/scenarios/*.json "$seeds"/
elif [ "$target" = card ]; then
    cp "$root"/scenarios/cards/*.txt "$root"/Tests/TradeSimTests/Fixtures/cards/*.txt "$seeds"/
elif [ "$target" = partial ]; then
    TRADESIM_FUZZ_WRITE_SEEDS="$seeds" "$binary"
else
    # The first 40 lines of each file: short inputs run hundreds of times faster, and the
    # mutations reach the same parsing code.
    for f in $(find "$root/scenarios/data" -name '*.csv'); do head -40 "$f" > "$seeds/$(basename "$f")"; done
    if [ -d "$root/../shared/data" ]; then
        find "$root/../shared/data" -name '*.csv' | head -60 | while read -r f; do
            head -40 "$f" > "$seeds/shared-$(basename "$f")"
        done
    fi
fi
max_len=65536
[ "$target" = csv ] && max_len=8192
[ "$target" = card ] && max_len=16384
dict=""
[ -f "$root/Tests/Fuzz/$target.dict" ] && dict="-dict=$root/Tests/Fuzz/$target.dict"
cd "$out"
if [ "$mode" = smoke ]; then
    # Read-only: new inputs go to a scratch folder, the committed corpus is not touched.
    scratch="$out/scratch-$target"; rm -rf "$scratch"; mkdir -p "$scratch"
    "$binary" -max_total_time="$seconds" -timeout=20 -rss_limit_mb=2048 -max_len=$max_len $dict \
        -print_final_stats=1 "$scratch" "$corpus" "$seeds"
else
    "$binary" -max_total_time="$seconds" -timeout=20 -rss_limit_mb=2048 -max_len=$max_len $dict \
        -print_final_stats=1 -artifact_prefix="$out/" "$corpus" "$seeds"
fi
