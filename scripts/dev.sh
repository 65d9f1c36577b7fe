#!/usr/bin/env bash
# Starts the site with demo data at http://127.0.0.1:5080.
# Uses ConnectionStrings__Postgres / ConnectionStrings__Redis when set; otherwise installs (if
# missing) and starts Debian's PostgreSQL and Redis on loopback with data under .data/.
# Migrates, seeds the demo data when the database is empty, prints the demo accounts.
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/services.sh antonio
apt_install ffmpeg # the local video provider turns uploaded files into streams
export Antonio__Seed__Demo="${Antonio__Seed__Demo:-true}"
export Antonio__Seed__Size="${Antonio__Seed__Size:-default}"
export ASPNETCORE_ENVIRONMENT="${ASPNETCORE_ENVIRONMENT:-Development}"
URLS="${ANTONIO_URLS:-http://127.0.0.1:5080}"
# Links in e-mails point here (never at whatever Host a request names).
export Antonio__PublicUrl="${Antonio__PublicUrl:-${URLS%%;*}}"
# The local, clearly marked test-mode checkout: purchases complete on this site without a card.
export Antonio__Payments__Provider="${Antonio__Payments__Provider:-local}"
exec dotnet run --project Antonio.Web -c Release --no-launch-profile --urls "$URLS"
