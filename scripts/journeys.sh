#!/usr/bin/env bash
# QA's journeys (Antonio.Tests/Journeys): every demo persona's path, axe-core over every page at phone and desktop
# widths, a keyboard-only journey, in Debian's Chromium.
#   scripts/journeys.sh        against a local app this script starts (scripts/dev.sh on a free port, demo data)
#   scripts/journeys.sh URL    against any deployment that has the demo data and accounts; other accounts with
#                              ANTONIO_JOURNEY_ACCOUNT_<PERSONA>=email (BUYER, BUNDLE_BUYER, …), ANTONIO_JOURNEY_PASSWORD
# ANTONIO_JOURNEY_SKIP="persona ppp-buyer-inside,…" skips journeys by name (reported as skipped). The report:
# Antonio.Tests/TestResults/journeys/report.md and report.html, with a failed journey's trace.zip (open it with
# `npx playwright show-trace`), screenshot.png and page.html beside it. Any other argument goes to dotnet test.
set -euo pipefail
cd "$(dirname "$0")/.."
results=Antonio.Tests/TestResults/journeys
url=""
if [ $# -gt 0 ] && [[ "$1" == http* ]]; then url="$1"; shift; fi
if [ -n "$url" ]; then export ANTONIO_SERVICES=none; fi
. scripts/services.sh
. scripts/browser-tools.sh
export ANTONIO_CHROMIUM="${ANTONIO_CHROMIUM:-/usr/bin/chromium}"
export PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1
dotnet build Antonio.Tests -c Release --nologo -v quiet
rm -rf "$results"
mkdir -p "$results"

app=""
stop_app() { if [ -n "$app" ]; then kill -- "-$app" 2>/dev/null || kill "$app" 2>/dev/null || true; wait "$app" 2>/dev/null || true; fi; }
trap stop_app EXIT
if [ -z "$url" ]; then
  port=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
  url="http://127.0.0.1:$port"
  echo "journeys: starting the local app at $url (log: $results/app.log)" >&2
  # Loopback stands in for the CDN in front of a deployment: it may report the visitor's country (the PPP personas).
  # Two dozen sign-ins in a few minutes from one address is QA, not an attack: the limit on account posts is raised.
  set -m
  ANTONIO_URLS="$url" Antonio__Network__TrustedProxies__0=127.0.0.1 Antonio__RateLimits__AccountPostsPerClientPerMinute=1000 \
    bash scripts/dev.sh >"$results/app.log" 2>&1 &
  app=$!
  set +m
  for i in $(seq 1 300); do
    curl -sf -o /dev/null --max-time 2 "$url/health/ready" && break
    kill -0 "$app" 2>/dev/null && [ "$i" -lt 300 ] || { echo "journeys: the app did not start; see $results/app.log" >&2; tail -20 "$results/app.log" >&2; exit 1; }
    sleep 1
  done
fi

echo "journeys: running against $url" >&2
status=0
ANTONIO_JOURNEY_BASE_URL="$url" dotnet test Antonio.Tests -c Release --no-build --filter "Category=Journey" "$@" || status=$?
echo "journeys: report at $results/report.md (and report.html)" >&2
[ -f "$results/report.md" ] && sed -n 3p "$results/report.md" >&2
exit "$status"
