#!/usr/bin/env bash
# Reproduces every timed budget on this machine and writes docs/benchmarks.md + docs/benchmarks.json.
#   Release build → the "large" seed (≥100 workshops, ≥50k users, ≥100k purchases) in its own database
#   → the app on 127.0.0.1 → cold-cache query counts per page (the app's own per-request log)
#   → wrk at 1, 50 and 500 connections, after a warm-up: a static file from the same Kestrel (the baseline), a
#     random anonymous mix over every published workshop and lesson page, the same pages drawn at random for 300
#     learners with their own progress (learner × page independently); one workshop and one lesson page
#   → the database during the mixes: average statement time (pg_stat_statements), the share of commands over
#     50 ms (Npgsql's own histogram), the connection pool at its peak, indexes no mix scanned
#   → the runtime's counters and a CPU profile of the signed-in mix (where its time goes)
#   → cache hit rates of the whole run from /metrics
#   → LCP, CLS and JavaScript bytes of the lesson page in headless Debian Chromium (Playwright).
# Bounded: every wrk run lasts BENCH_SECONDS (default 8 s); the whole script takes a few minutes.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT="$(pwd)"
SECONDS_PER_RUN="${BENCH_SECONDS:-8}"
PORT="${BENCH_PORT:-5090}"
METRICS_PORT="${BENCH_METRICS_PORT:-9464}"
BASE="http://127.0.0.1:$PORT"
OUT="$ROOT/.data/bench"; mkdir -p "$OUT"

LOCAL_SERVICES=$([ -z "${ConnectionStrings__Postgres:-}" ] && echo 1 || echo 0)
. scripts/services.sh antonio_bench
if [ "$LOCAL_SERVICES" = 1 ] && [ "${BENCH_RESEED:-1}" = 1 ]; then
  # A reproducible run measures the seeding too: the local bench database is recreated every time.
  "$(pg_bin)/psql" "host=127.0.0.1 port=$ANTONIO_PG_PORT user=antonio dbname=postgres" -qc "DROP DATABASE IF EXISTS antonio_bench WITH (FORCE)"
  "$(pg_bin)/createdb" -h 127.0.0.1 -p "$ANTONIO_PG_PORT" -U antonio antonio_bench
fi
apt_install wrk chromium curl jq bc
export ANTONIO_CHROMIUM="${ANTONIO_CHROMIUM:-/usr/bin/chromium}"

echo "bench: publishing (Release)" >&2
rm -rf "$OUT/publish"
dotnet publish Antonio.Web -c Release -o "$OUT/publish" -v q -nologo >/dev/null
dotnet build scripts/bench-probe -c Release -v q -nologo >/dev/null

LOG="$OUT/app.log"
# Staging: Production's pipeline and settings, but plain http on loopback (Production insists on an https
# public URL and Secure cookies, which curl and wrk would not send back over http).
export ASPNETCORE_ENVIRONMENT=Staging
export Antonio__PublicUrl="$BASE"
export Antonio__Seed__Demo=true Antonio__Seed__Size=large
export Antonio__Observability__MetricsPort="$METRICS_PORT"
export Antonio__Observability__ServerTimingForEveryone=true
export Antonio__RateLimits__AccountPostsPerClientPerMinute=1000
# The bench is one client asking hundreds of searches a minute.
export Antonio__RateLimits__SearchesPerClientPerMinute=100000
export AllowedHosts="*"
export Logging__LogLevel__Default=Warning
APP=""
trap '[ -n "$APP" ] && kill $APP 2>/dev/null || true' EXIT
start_app() { # [request log level] — a fresh process with a fresh cache prefix: a cold cache, L1 and L2
  if [ -n "$APP" ]; then kill "$APP" 2>/dev/null || true; wait "$APP" 2>/dev/null || true; fi
  # Another server on the port (a dev server left running) would answer in the app's place: refuse to measure it.
  if curl -s -o /dev/null "$BASE/favicon.png"; then echo "bench: something already listens on $BASE; stop it or set BENCH_PORT" >&2; exit 1; fi
  (cd "$OUT/publish" && exec env "Antonio__Cache__Prefix=bench-$RANDOM$RANDOM" \
    "Logging__LogLevel__Antonio.Web.Observability.RequestMetricsMiddleware=${1:-Information}" "Logging__LogLevel__Antonio.Startup=Information" \
    dotnet Antonio.Web.dll --urls "$BASE;http://127.0.0.1:$METRICS_PORT") >>"$LOG" 2>&1 &
  APP=$!
  for _ in $(seq 1 600); do curl -sf -o /dev/null "$BASE/favicon.png" && return 0; sleep 0.2; done
  echo "bench: the app did not start; see $LOG" >&2; tail -20 "$LOG" >&2; exit 1
}
: >"$LOG"
echo "bench: starting (seeds the large data set into an empty database)" >&2
SEED_START=$(date +%s.%N)
start_app
STARTUP_SECONDS=$(echo "$(date +%s.%N) - $SEED_START" | bc)
SEED_LINE=$(grep -o 'Seeded demo data[^)]*) in [0-9.]*s' "$LOG" || echo "database already seeded")
PGURL="$(echo "$ConnectionStrings__Postgres" | sed 's/;Maximum Pool Size=[0-9]*//; s/Host=/host=/; s/Port=/port=/; s/Username=/user=/; s/Database=/dbname=/; s/;/ /g')"
ROWS=$(psql "$PGURL" -tAc \
  "SELECT (SELECT count(*) FROM content_resources WHERE type='workshop') || ' workshops, ' || (SELECT count(*) FROM users) || ' users, ' || (SELECT count(*) FROM purchases) || ' purchases'" 2>/dev/null || echo "?")

WORKSHOP="/workshops/typescript-in-depth"
curl -s "$BASE$WORKSHOP" >"$OUT/workshop.html"
LESSONS=($(grep -o 'href="/workshops/typescript-in-depth/[^"]*"' "$OUT/workshop.html" | cut -d'"' -f2 | grep -v '/solution' | awk '!seen[$0]++'))
FREE_LESSON="${LESSONS[0]}"
PAID_LESSON="${LESSONS[2]}"

# Signed-in session for the buyer (the sign-in form, with its antiforgery token).
JAR="$OUT/cookies.txt"; rm -f "$JAR"
LOGIN=$(curl -s -c "$JAR" -b "$JAR" "$BASE/account/login")
TOKEN=$(echo "$LOGIN" | grep -o 'name="__RequestVerificationToken" type="hidden" value="[^"]*"\|name="__RequestVerificationToken" value="[^"]*"' | head -1 | sed 's/.*value="//; s/"$//')
curl -s -o /dev/null -c "$JAR" -b "$JAR" --data-urlencode "_handler=login" --data-urlencode "__RequestVerificationToken=$TOKEN" \
  --data-urlencode "Input.Email=buyer@antonio.dev" --data-urlencode "Input.Password=Antonio-demo-1" "$BASE/account/login"
COOKIE=$(awk '$6 ~ /^(antonio.auth|\.AspNetCore\.Antiforgery)/ {printf "%s=%s; ", $6, $7}' "$JAR")
[[ "$COOKIE" == *antonio.auth* ]] || { echo "bench: sign-in failed" >&2; exit 1; }

SIGNED_LESSON="/workshops/postgresql-in-depth/$(curl -s "$BASE/workshops/postgresql-in-depth" | grep -o 'href="/workshops/postgresql-in-depth/[^"]*"' | sed -n 3p | cut -d'"' -f2 | sed 's|.*/||')"

# The mixes. Published, public workshops and their published lessons (deterministic order: md5 of ids).
LESSON_SQL="WITH w AS (SELECT id, fields->>'slug' AS slug FROM content_resources WHERE type = 'workshop' AND deleted_at IS NULL
                 AND fields->>'state' = 'published' AND COALESCE(fields->>'visibility', 'public') = 'public'),
  l AS (SELECT w.id AS wid, w.slug AS ws, c.id, c.fields->>'slug' AS ls FROM w JOIN content_links a ON a.parent_id = w.id
          JOIN content_resources c ON c.id = a.child_id AND c.type = 'lesson' AND c.deleted_at IS NULL AND c.fields->>'state' = 'published'
        UNION ALL
        SELECT w.id, w.slug, c.id, c.fields->>'slug' FROM w JOIN content_links a ON a.parent_id = w.id
          JOIN content_resources s ON s.id = a.child_id AND s.type = 'section' AND s.deleted_at IS NULL AND s.fields->>'state' = 'published'
          JOIN content_links b ON b.parent_id = s.id
          JOIN content_resources c ON c.id = b.child_id AND c.type = 'lesson' AND c.deleted_at IS NULL AND c.fields->>'state' = 'published')"
# Every published workshop and lesson page: both mixes draw from all of them.
psql "$PGURL" -tAc "$LESSON_SQL SELECT p FROM (SELECT '/workshops/' || slug AS p, md5(id::text) AS k FROM w
  UNION ALL SELECT '/workshops/' || ws || '/' || ls, md5(id::text) FROM l) x ORDER BY k" >"$OUT/catalogue-paths.txt"
# Signed in: 300 distinct learners who bought something, each with their own progress (about 40% of the
# lessons they can read, marked complete here).
LEARNERS_SQL="learners AS (SELECT u.id, u.email FROM users u WHERE u.email LIKE 'learner%' AND EXISTS
    (SELECT 1 FROM purchases p WHERE p.user_id = u.id AND p.status = 'Valid') ORDER BY u.email LIMIT 300),
  owned AS (SELECT DISTINCT lr.id AS uid, lr.email, unnest(e.content_ids) AS wid FROM learners lr
    JOIN entitlements e ON e.user_id = lr.id AND e.deleted_at IS NULL)"
psql "$PGURL" -qtAc "$LESSON_SQL, $LEARNERS_SQL INSERT INTO resource_progress (user_id, resource_id, completed_at, created_at)
  SELECT o.uid, l.id, now(), now() FROM owned o JOIN l ON l.wid = o.wid
   WHERE ('x' || substr(md5(o.uid::text || l.id::text), 1, 2))::bit(8)::int < 100 ON CONFLICT DO NOTHING" >/dev/null
psql "$PGURL" -tAc "$LESSON_SQL, $LEARNERS_SQL SELECT email FROM learners ORDER BY email" >"$OUT/learners.txt"
echo "bench: signing in $(wc -l <"$OUT/learners.txt") learners" >&2
sign_in() { # email → "email<TAB>cookie header value"
  local jar; jar=$(mktemp)
  local token; token=$(curl -s -c "$jar" -b "$jar" "$BASE/account/login" | grep -o 'name="__RequestVerificationToken"[^>]*value="[^"]*"' | head -1 | sed 's/.*value="//; s/"$//')
  curl -s -o /dev/null -c "$jar" -b "$jar" --data-urlencode "_handler=login" --data-urlencode "__RequestVerificationToken=$token" \
    --data-urlencode "Input.Email=$1" --data-urlencode "Input.Password=Antonio-demo-1" "$BASE/account/login"
  printf '%s\t%s\n' "$1" "$(awk '$6 ~ /^(antonio.auth|\.AspNetCore\.Antiforgery)/ {printf "%s=%s; ", $6, $7}' "$jar")"
  rm -f "$jar"
}
export -f sign_in; export BASE
xargs -a "$OUT/learners.txt" -P 4 -I{} bash -c 'sign_in "$@"' _ {} >"$OUT/sessions.txt"
[ "$(grep -c antonio.auth "$OUT/sessions.txt")" -eq "$(wc -l <"$OUT/learners.txt")" ] || { echo "bench: some learners could not sign in" >&2; exit 1; }
# One Cookie header per learner: the mix script draws a learner and a page for each request.
cut -f2 "$OUT/sessions.txt" >"$OUT/signed-sessions.txt"

# Cold-cache query counts: each page is the first request of a fresh process with a fresh cache
# prefix; the final count (streamed sections included) comes from the app's per-request log line.
queries_of() { # request-id path [cookie]: GET it and read its final query count from the log
  curl -s -o /dev/null -H "X-Request-Id: $1" ${3:+-H "Cookie: $3"} "$BASE$2"
  for _ in $(seq 1 30); do grep -q "request $1 " "$LOG" && break; sleep 0.1; done
  grep -o "request $1 .*queries=[0-9]*" "$LOG" | grep -o 'queries=[0-9]*' | cut -d= -f2
}
start_app; Q_WORKSHOP=$(queries_of "cold-workshop-$RANDOM" "$WORKSHOP")
start_app; Q_LESSON_FREE=$(queries_of "cold-free-$RANDOM" "$FREE_LESSON")
start_app; Q_LESSON_PAID=$(queries_of "cold-paid-$RANDOM" "$PAID_LESSON")
start_app; Q_SIGNED=$(queries_of "cold-signed-$RANDOM" "$SIGNED_LESSON" "$COOKIE")
Q_WARM=$(queries_of "warm-signed-$RANDOM" "$SIGNED_LESSON" "$COOKIE")
# The learner's home right after a lesson page (snapshot and that workshop loaded), then warm.
Q_DASH=$(queries_of "cold-dashboard-$RANDOM" /dashboard "$COOKIE")
Q_DASH_WARM=$(queries_of "warm-dashboard-$RANDOM" /dashboard "$COOKIE")
# The throughput runs and the hit rate start from a cold cache too. The per-request log line (needed
# above for the final query counts) goes to the console, which would dominate a throughput test:
# a production deployment ships it through a buffered sink, so it is off here.
start_app Warning

# Warm throughput and latency: every mix at 1, 50 and 500 connections, each next to a static file run.
run() { # name connections path-or-mix [cookie]
  echo "bench: $1 at $2 connections ($SECONDS_PER_RUN s)" >&2
  local threads=$(( $2 < 2 ? 1 : 2 ))
  case "$3" in
    anonymous-mix) mix "$threads" "$2" "$SECONDS_PER_RUN" "" | tail -1 ;;
    signed-mix) mix "$threads" "$2" "$SECONDS_PER_RUN" "$OUT/signed-sessions.txt" | tail -1 ;;
    *)
      local extra=(-H "Accept-Encoding: gzip")
      if [ -n "${4:-}" ]; then extra+=(-H "Cookie: $4"); fi
      curl -s -o /dev/null ${4:+-H "Cookie: $4"} "$BASE$3"   # warm it
      wrk -t"$threads" -c"$2" -d"${SECONDS_PER_RUN}s" --timeout 5s -s scripts/bench-report.lua "${extra[@]}" "$BASE$3" | tail -1 ;;
  esac
}
mix() { # threads connections seconds sessions-file ("" for anonymous): a random mix over the whole catalogue
  BENCH_PATHS="$OUT/catalogue-paths.txt" BENCH_SESSIONS="$4" wrk -t"$1" -c"$2" -d"$3s" --timeout 5s -s scripts/bench-mix.lua "$BASE"
}
# Warm-up: each mix as it will be measured, for BENCH_WARMUP seconds (what a node sees after a while, not after a deploy).
echo "bench: warming the mixes (${BENCH_WARMUP:-30} s each)" >&2
mix 2 50 "${BENCH_WARMUP:-30}" "" >/dev/null; mix 2 50 "${BENCH_WARMUP:-30}" "$OUT/signed-sessions.txt" >/dev/null

# The database during the measured runs: statement times from zero, index scans and Npgsql's command histogram
# from here, and the pool sampled every half second.
psql "$PGURL" -qtAc "SELECT pg_stat_statements_reset()" >/dev/null
psql "$PGURL" -tAc "SELECT indexrelname || ' ' || idx_scan FROM pg_stat_user_indexes ORDER BY 1" >"$OUT/index-scans-before.txt"
db_histogram() { curl -s "http://127.0.0.1:$METRICS_PORT/metrics" | awk '/^db_client_operation_duration_seconds_bucket\{.*le="0.05"/ {f+=$NF} /^db_client_operation_duration_seconds_count/ {n+=$NF} END {print f+0, n+0}'; }
HISTOGRAM_BEFORE=$(db_histogram)
(while true; do curl -s "http://127.0.0.1:$METRICS_PORT/metrics" | awk '/^db_client_connection_count\{.*state="used"/ {u+=$NF} /^db_client_connection_max/ {m+=$NF} END {print u+0, m+0}'; sleep 0.5; done) >"$OUT/pool-samples.txt" &
SAMPLER=$!
declare -A R
for c in 1 50 500; do
  R[static-$c]=$(run static "$c" /favicon.png)
  R[anonymous-$c]=$(run "anonymous mix" "$c" anonymous-mix)
  R[signed-$c]=$(run "signed-in mix" "$c" signed-mix)
done
kill "$SAMPLER" 2>/dev/null || true
HISTOGRAM_AFTER=$(db_histogram)
DB_CALLS_AVG=$(psql "$PGURL" -tAc "SELECT COALESCE(sum(calls), 0) || ' ' || round(COALESCE(sum(total_exec_time) / NULLIF(sum(calls), 0), 0)::numeric, 3)
  FROM pg_stat_statements WHERE dbid = (SELECT oid FROM pg_database WHERE datname = current_database()) AND query NOT ILIKE '%pg_stat%'")
DB_CALLS=${DB_CALLS_AVG% *}; DB_AVG_MS=${DB_CALLS_AVG#* }
read -r FAST_BEFORE ALL_BEFORE <<<"$HISTOGRAM_BEFORE"; read -r FAST_AFTER ALL_AFTER <<<"$HISTOGRAM_AFTER"
DB_SLOW_PERCENT=$(echo "scale=3; n = $ALL_AFTER - $ALL_BEFORE; if (n > 0) 100 * (n - ($FAST_AFTER - $FAST_BEFORE)) / n else 0" | bc)
DB_COMMANDS=$(echo "$ALL_AFTER - $ALL_BEFORE" | bc)
POOL_PEAK=$(awk '$2 > 0 { if ($1 > u) u = $1; m = $2 } END {print u+0, m+0}' "$OUT/pool-samples.txt")
psql "$PGURL" -tAc "SELECT indexrelname || ' ' || idx_scan FROM pg_stat_user_indexes ORDER BY 1" >"$OUT/index-scans-after.txt"
UNSCANNED=$(join "$OUT/index-scans-before.txt" "$OUT/index-scans-after.txt" | awk '$2 == $3 {print $1}' | jq -R . | jq -s .)
for c in 1 50; do
  R[workshop-$c]=$(run workshop "$c" "$WORKSHOP")
  R[lesson-$c]=$(run lesson "$c" "$FREE_LESSON")
done

# Where a signed-in request's time goes: the runtime's counters (allocation, garbage collection) over one
# signed-in run, then a sampled CPU profile over another (separately: each session slows the app a little).
dotnet tool restore >/dev/null
APP_PID="$APP" # the subshell execs env, which execs dotnet: one process
echo "bench: runtime counters and a CPU profile of the signed-in mix at 50 connections" >&2
rm -f "$OUT/counters.csv" "$OUT/profile.speedscope.json"
(sleep 2; dotnet dotnet-counters collect -p "$APP_PID" --counters System.Runtime --format csv -o "$OUT/counters.csv" \
  --refresh-interval 2 --duration 00:00:00:10 </dev/null >/dev/null 2>&1) &
COLLECTOR=$! # wait for this one only: a bare wait would wait for the app, which runs in the background too
COUNTED=$(mix 2 50 14 "$OUT/signed-sessions.txt" | tail -1); wait "$COLLECTOR"
ALLOC_PER_SECOND=$(grep 'total_allocated' "$OUT/counters.csv" | cut -d, -f5 | awk '{s+=$1; n++} END {print (n ? s/n/2 : 0)}')
GC_PAUSE_SHARE=$(grep 'gc.pause.time' "$OUT/counters.csv" | cut -d, -f5 | awk '{s+=$1; n++} END {print (n ? 100*s/n/2 : 0)}')
ALLOC_PER_REQUEST=$(echo "$ALLOC_PER_SECOND / $(echo "$COUNTED" | jq .rps)" | bc)
(sleep 2; dotnet dotnet-trace collect -p "$APP_PID" --duration 00:00:00:10 --format Speedscope -o "$OUT/profile.nettrace" </dev/null >/dev/null 2>&1) &
COLLECTOR=$!
mix 2 50 14 "$OUT/signed-sessions.txt" >/dev/null; wait "$COLLECTOR"
PROFILE=$(python3 scripts/bench-profile.py "$OUT/profile.speedscope.json")

# Search on the large set: over 200 distinct realistic queries (scripts/bench-search-queries.sql: one to three words, common
# and rare, typos, transcript phrases), each asked once, so every one runs its SQL (no cached candidates), after 30 others
# that warm the app. The time of each of its two commands in PostgreSQL comes from pg_stat_statements. And the plan of the
# full-text condition, built from the index's own expression: it must use the GIN index.
echo "bench: search, uncached queries" >&2
psql "$PGURL" -tAf scripts/bench-search-queries.sql >"$OUT/search-all-queries.txt"
search() { curl -s -o /dev/null -w '%{time_total}\n' "$BASE/search?q=$(jq -rn --arg q "$1" '$q | @uri')"; }
head -30 "$OUT/search-all-queries.txt" | while read -r q; do search "$q" >/dev/null; done
tail -n +31 "$OUT/search-all-queries.txt" >"$OUT/search-queries.txt"
psql "$PGURL" -qtAc "SELECT pg_stat_statements_reset()" >/dev/null
while read -r q; do search "$q"; done <"$OUT/search-queries.txt" | sort -n >"$OUT/search-times.txt"
SEARCH_P50=$(awk '{a[NR]=$1} END {printf "%.2f", 1000 * a[int(NR * 0.5)]}' "$OUT/search-times.txt")
SEARCH_P95=$(awk '{a[NR]=$1} END {printf "%.2f", 1000 * a[int(NR * 0.95)]}' "$OUT/search-times.txt")
# The two commands (the candidates, then the snippets of the page shown), in PostgreSQL: average execution time each.
SEARCH_SQL=$(psql "$PGURL" -tAc "SELECT json_build_object(
    'candidates_ms', round(COALESCE(max(mean_exec_time) FILTER (WHERE query LIKE '%public_hits%'), 0)::numeric, 2),
    'snippets_ms', round(COALESCE(max(mean_exec_time) FILTER (WHERE query LIKE '%ts_headline%'), 0)::numeric, 2))
  FROM pg_stat_statements WHERE query LIKE '-- prepared%websearch_to_tsquery%'")
SEARCH_EXPR=$(psql "$PGURL" -tAc "SELECT substring(pg_get_indexdef('ix_content_resources_search'::regclass) from 'USING gin \((.*)\)$')")
SEARCH_PLAN=$(psql "$PGURL" -tAc "EXPLAIN SELECT id FROM content_resources WHERE $SEARCH_EXPR @@ websearch_to_tsquery('english', 'kubernetes & quokka')")
SEARCH_GIN=$(echo "$SEARCH_PLAN" | grep -q 'ix_content_resources_search' && echo true || echo false)

METRICS=$(curl -s "http://127.0.0.1:$METRICS_PORT/metrics")
READS=$(echo "$METRICS" | grep '^antonio_cache_reads_total' | awk '{s+=$2} END {print s+0}')
MISSES=$(echo "$METRICS" | grep '^antonio_cache_misses_total' | awk '{s+=$2} END {print s+0}')
HIT_RATE=$(echo "scale=4; if ($READS > 0) 100 * ($READS - $MISSES) / $READS else 0" | bc)
PAGE_LOOKUPS=$(echo "$METRICS" | grep '^antonio_page_cache_lookups_total' | awk '{s+=$2} END {print s+0}')
PAGE_HITS=$(echo "$METRICS" | grep '^antonio_page_cache_hits_total' | awk '{s+=$2} END {print s+0}')
VIEWER_LOOKUPS=$(echo "$METRICS" | grep '^antonio_viewer_page_cache_lookups_total' | awk '{s+=$2} END {print s+0}')
VIEWER_HITS=$(echo "$METRICS" | grep '^antonio_viewer_page_cache_hits_total' | awk '{s+=$2} END {print s+0}')
# Shadow mode at its production share (Antonio:FastPaths:AccessShadowPercent, 1 %): signed-in decisions of the whole
# run made again from fresh snapshots; a mismatch is a cached snapshot a write failed to drop.
SHADOW_CHECKS=$(echo "$METRICS" | grep '^antonio_access_shadow_checks_total' | awk '{s+=$2} END {print s+0}')
SHADOW_MISMATCHES=$(echo "$METRICS" | grep '^antonio_access_shadow_mismatches_total' | awk '{s+=$2} END {print s+0}')

PROBE=$(dotnet scripts/bench-probe/bin/Release/net10.0/BenchProbe.dll "$BASE$FREE_LESSON" 7)
mkdir -p docs

# Everything measured goes to one JSON file; scripts/bench-report.py turns it into the table.
jq -n --arg machine "$(nproc) cores, $(free -g | awk '/Mem:/ {print $2}') GiB, $(date -u +%Y-%m-%d)" \
  --arg data "$ROWS" --arg seed "$SEED_LINE" --argjson startup "$STARTUP_SECONDS" \
  --argjson qw "${Q_WORKSHOP:--1}" --argjson qf "${Q_LESSON_FREE:--1}" --argjson qp "${Q_LESSON_PAID:--1}" \
  --argjson qs "${Q_SIGNED:--1}" --argjson qwarm "${Q_WARM:--1}" --argjson qd "${Q_DASH:--1}" --argjson qdwarm "${Q_DASH_WARM:--1}" \
  --argjson s1 "${R[static-1]}" --argjson s50 "${R[static-50]}" --argjson s500 "${R[static-500]}" \
  --argjson a1 "${R[anonymous-1]}" --argjson a50 "${R[anonymous-50]}" --argjson a500 "${R[anonymous-500]}" \
  --argjson g1 "${R[signed-1]}" --argjson g50 "${R[signed-50]}" --argjson g500 "${R[signed-500]}" \
  --argjson w1 "${R[workshop-1]}" --argjson w50 "${R[workshop-50]}" --argjson l1 "${R[lesson-1]}" --argjson l50 "${R[lesson-50]}" \
  --argjson learners "$(wc -l <"$OUT/learners.txt")" --argjson pages "$(wc -l <"$OUT/catalogue-paths.txt")" --argjson warmup "${BENCH_WARMUP:-30}" \
  --argjson dbcalls "$DB_CALLS" --argjson dbavg "$DB_AVG_MS" --argjson dbslow "$DB_SLOW_PERCENT" --argjson dbcommands "$DB_COMMANDS" \
  --argjson poolused "${POOL_PEAK% *}" --argjson poolmax "${POOL_PEAK#* }" --argjson unscanned "$UNSCANNED" \
  --argjson hit "$HIT_RATE" --argjson reads "$READS" --argjson misses "$MISSES" --argjson probe "$PROBE" \
  --argjson plookups "$PAGE_LOOKUPS" --argjson phits "$PAGE_HITS" --argjson vlookups "$VIEWER_LOOKUPS" --argjson vhits "$VIEWER_HITS" \
  --argjson shchecks "$SHADOW_CHECKS" --argjson shmismatches "$SHADOW_MISMATCHES" \
  --argjson sp50 "$SEARCH_P50" --argjson sp95 "$SEARCH_P95" --argjson ssql "$SEARCH_SQL" --argjson sgin "$SEARCH_GIN" --arg splan "$(echo "$SEARCH_PLAN" | head -3 | tr -s ' ')" \
  --argjson searches "$(wc -l <"$OUT/search-queries.txt")" \
  --argjson profile "$PROFILE" --argjson allocreq "$ALLOC_PER_REQUEST" --argjson gcpause "$GC_PAUSE_SHARE" --argjson counted "$COUNTED" \
  '{machine: $machine, data: $data, seed: $seed, startup_seconds: $startup,
    cold_queries: {"anonymous workshop page": $qw, "anonymous free lesson": $qf, "anonymous paywalled lesson": $qp,
                   "signed-in lesson": $qs, "warm signed-in lesson": $qwarm,
                   "dashboard after a lesson": $qd, "warm dashboard": $qdwarm},
    wrk: {"static-1": $s1, "static-50": $s50, "static-500": $s500, "anonymous-1": $a1, "anonymous-50": $a50, "anonymous-500": $a500,
          "signed-1": $g1, "signed-50": $g50, "signed-500": $g500, "workshop-1": $w1, "workshop-50": $w50, "lesson-1": $l1, "lesson-50": $l50},
    mixes: {learners: $learners, pages: $pages, warmup_seconds: $warmup},
    database: {statement_calls: $dbcalls, average_statement_ms: $dbavg, commands: $dbcommands, commands_over_50ms_percent: $dbslow,
               pool_peak_used: $poolused, pool_max: $poolmax, indexes_not_scanned: $unscanned},
    cache_hit_rate_percent: $hit, cache_reads: $reads, cache_misses: $misses,
    page_cache_lookups: $plookups, page_cache_hits: $phits, viewer_page_lookups: $vlookups, viewer_page_hits: $vhits,
    access_shadow: {checks: $shchecks, mismatches: $shmismatches},
    signed_profile: {parts: $profile, bytes_allocated_per_request: $allocreq, gc_pause_percent: $gcpause, run: $counted},
    search: {p50: $sp50, p95: $sp95, queries: $searches, sql: $ssql, uses_gin_index: $sgin, plan: $splan},
    browser: $probe}' >docs/benchmarks.json

# The cluster test (HAProxy, several nodes, faults) last: it restarts Redis and PostgreSQL. Its report joins the rest.
# The test starts its own nodes and database: none of the settings above are its.
if [ -n "$APP" ]; then kill "$APP" 2>/dev/null || true; wait "$APP" 2>/dev/null || true; APP=""; fi
env -u ASPNETCORE_ENVIRONMENT -u AllowedHosts $(env | sed -n 's/^\(Antonio__[^=]*\)=.*/-u \1/p') \
  dotnet test Antonio.Tests -c Release --filter "Category=Cluster" >"$OUT/cluster-test.log" 2>&1 \
  || { tail -40 "$OUT/cluster-test.log" >&2; echo "bench.sh: the cluster test failed" >&2; exit 1; }
python3 scripts/bench-report.py docs/benchmarks.json docs/benchmarks.md README.md \
  --cluster Antonio.Tests/bin/Release/net10.0/artifacts/cluster-report.txt
