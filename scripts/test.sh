#!/usr/bin/env bash
# Runs every test (unit, bUnit, integration against real PostgreSQL + Redis, Playwright journeys in
# Debian's Chromium). Starts the same local services as dev.sh when none are configured; each test
# run creates and drops its own databases and uses its own Redis key prefix. ffmpeg turns uploaded videos into
# streams (the local video provider); promtool (Debian's prometheus) checks and tests docs/ops/alerts.yml; the cluster
# test puts Debian's HAProxy in front of the nodes. Idempotent.
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/services.sh postgres
apt_install ffmpeg prometheus haproxy
export ANTONIO_CHROMIUM="${ANTONIO_CHROMIUM:-/usr/bin/chromium}"
export PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1
# Lighthouse and axe-core, pinned in Antonio.Tests/browser-tools, and Chromium.
. scripts/browser-tools.sh
# The operations kit: the alert rules are valid and each fires (and stays quiet) as its tests say.
promtool check rules docs/ops/alerts.yml >/dev/null
promtool check config docs/ops/prometheus.yml >/dev/null
(cd docs/ops && promtool test rules alerts.test.yml)
# The house style (.editorconfig): a formatting change is a failure, like a failing test.
dotnet format Antonio.Workshops.sln --verify-no-changes --verbosity quiet \
  || { echo "test.sh: 'dotnet format Antonio.Workshops.sln' would change files: run it and commit" >&2; exit 1; }
# The whole run is long: a failure's message is repeated at the very end, where a CI log's tail shows it.
run_tests() {
  local log status
  log=$(mktemp)
  set +e
  dotnet test Antonio.Workshops.sln -c Release --logger "console;verbosity=normal" "$@" 2>&1 | tee "$log"
  status=${PIPESTATUS[0]}
  set -e
  if [ "$status" -ne 0 ]; then
    echo "=== test.sh: what failed ==="
    grep -E -A 12 '^\s+Failed [A-Za-z0-9_]+\.[A-Za-z0-9_.]+|error (CS|MSB)[0-9]+' "$log" | grep -v -E '^\s+at (System|Microsoft|Xunit)\.' | head -120 || true
  fi
  rm -f "$log"
  return "$status"
}
if [ $# -gt 0 ]; then run_tests "$@"; exit; fi
# Everything but the cluster test, in parallel; then the cluster test alone: it restarts the shared Redis.
run_tests --filter "Category!=Cluster"
run_tests --no-build --filter "Category=Cluster"
