#!/bin/sh
# Runs every target for SECONDS each (default 120), one after another, from the
# repository root; logs go to fuzz/logs/TARGET.log. Usage: fuzz/run-all.sh [SECONDS]
set -u
seconds=${1:-120}
cd "$(dirname "$0")/.." || exit 1
mkdir -p fuzz/logs
for target in plain_markdown html json feed text extract config digest; do
    mkdir -p "fuzz/corpus/$target"
    started=$(date +%s)
    cargo +nightly fuzz run "$target" "fuzz/corpus/$target" "fuzz/seeds/$target" -- \
        -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 \
        > "fuzz/logs/$target.log" 2>&1
    status=$?
    echo "$target: exit $status after $(( $(date +%s) - started ))s; $(grep -E '^#[0-9]+.*(DONE|pulse)' "fuzz/logs/$target.log" | tail -1)"
done
