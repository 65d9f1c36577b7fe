# Stage 1: the services (a fresh bench database), the tools, a Release publish of the app, and the settings it runs with.
SECONDS_PER_RUN="${BENCH_SECONDS:-8}"
PORT="${BENCH_PORT:-5090}"
METRICS_PORT="${BENCH_METRICS_PORT:-9464}"
BASE="http://127.0.0.1:$PORT"
OUT="$ROOT/.data/bench"; mkdir -p "$OUT"
LOG="$OUT/app.log"
APP=""
trap stop_app EXIT

LOCAL_SERVICES=$([ -z "${ConnectionStrings__Postgres:-}" ] && echo 1 || echo 0)
. scripts/services.sh antonio_bench
if [ "$LOCAL_SERVICES" = 1 ] && [ "${BENCH_RESEED:-1}" = 1 ]; then
  # A reproducible run measures the seeding too: the local bench database is recreated every time.
  "$(pg_bin)/psql" "host=127.0.0.1 port=$ANTONIO_PG_PORT user=antonio dbname=postgres" -qc "DROP DATABASE IF EXISTS antonio_bench WITH (FORCE)"
  "$(pg_bin)/createdb" -h 127.0.0.1 -p "$ANTONIO_PG_PORT" -U antonio antonio_bench
fi
PGURL="$(echo "$ConnectionStrings__Postgres" | sed 's/;Maximum Pool Size=[0-9]*//; s/Host=/host=/; s/Port=/port=/; s/Username=/user=/; s/Database=/dbname=/; s/;/ /g')"
apt_install wrk chromium curl jq bc
export ANTONIO_CHROMIUM="${ANTONIO_CHROMIUM:-/usr/bin/chromium}"

say "publishing (Release)"
rm -rf "$OUT/publish"
dotnet publish Antonio.Web -c Release -o "$OUT/publish" -v q -nologo >/dev/null
dotnet build scripts/bench/probe -c Release -v q -nologo >/dev/null
dotnet build scripts/bench/allocations -c Release -v q -nologo >/dev/null

# Staging: Production's pipeline and settings, but plain http on loopback (Production insists on an https
# public URL and Secure cookies, which curl and wrk would not send back over http).
export ASPNETCORE_ENVIRONMENT=Staging
export Antonio__PublicUrl="$BASE"
export Antonio__Seed__Demo=true Antonio__Seed__Size=large
export Antonio__Observability__MetricsPort="$METRICS_PORT"
export Antonio__Observability__ServerTimingForEveryone=true
# The bench signs in 300 learners and asks hundreds of searches a minute from one address.
export Antonio__RateLimits__AccountPostsPerClientPerMinute=1000
export Antonio__RateLimits__SearchesPerClientPerMinute=100000
export AllowedHosts="*"
export Logging__LogLevel__Default=Warning
