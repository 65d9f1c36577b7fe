#!/usr/bin/env bash
# Runs every test (unit, bUnit, integration against real PostgreSQL + Redis, Playwright journeys in
# Debian's Chromium). Starts the same local services as dev.sh when none are configured; each test
# run creates and drops its own databases and uses its own Redis key prefix. Idempotent.
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/services.sh postgres
apt_install chromium fonts-dejavu-core
export ANTONIO_CHROMIUM="${ANTONIO_CHROMIUM:-/usr/bin/chromium}"
export PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1
# The house style (.editorconfig): a formatting change is a failure, like a failing test.
dotnet format Antonio.Workshops.sln --verify-no-changes --verbosity quiet \
  || { echo "test.sh: 'dotnet format Antonio.Workshops.sln' would change files: run it and commit" >&2; exit 1; }
dotnet test Antonio.Workshops.sln -c Release --logger "console;verbosity=normal" "$@"
