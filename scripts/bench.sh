#!/usr/bin/env bash
# Reproduces every timed budget on this machine and writes docs/benchmarks.md, docs/benchmarks.json and the README's
# table, in seven stages (scripts/bench/N-*.sh, sharing scripts/bench/lib.sh; their SQL in scripts/bench/sql):
#   1 the services (a fresh bench database), the tools, a Release publish and the settings it runs with (Staging)
#   2 the app seeds the large set (≥100 workshops, ≥50k users, ≥100k purchases; timed); 300 learners with their own
#     progress, each signed in, and the demo buyer
#   3 cold-cache query counts per page (the app's own per-request log)
#   4 wrk at 1, 50 and 500 connections after a warm-up: a static file from the same Kestrel (the baseline), a random
#     anonymous mix over every published workshop and lesson page, the same pages for the 300 learners (learner ×
#     page drawn independently), one workshop and one lesson page; the database during the mixes (statement times,
#     commands over 50 ms, the pool at its peak, indexes no mix scanned)
#   5 the runtime's totals, a CPU profile of the signed-in mix (where its time goes) and its allocation samples
#     (where its garbage is made: scripts/bench/allocations)
#   6 search: over 200 uncached queries on the large set, each command's time in PostgreSQL, the plan
#   7 cache hit rates from /metrics, LCP/CLS/JavaScript of the lesson page in headless Chromium, the cluster test,
#     the report
# Bounded: every wrk run lasts BENCH_SECONDS (default 8 s), each warm-up BENCH_WARMUP (30 s); about 13 minutes.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT="$(pwd)"
. scripts/bench/lib.sh
for stage in scripts/bench/[1-7]-*.sh; do . "$stage"; done
