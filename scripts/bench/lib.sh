# The bench's shared routines (sourced by scripts/bench.sh): the app's process, signing in, SQL, wrk.

say() { echo "bench: $*" >&2; }

# SQL against the bench database: sql FILE (in scripts/bench/sql) or sql -c "STATEMENT"; unaligned, tuples only.
sql() {
  if [ "$1" = -c ]; then psql "$PGURL" -qtAc "$2"; else psql "$PGURL" -qtA -f "scripts/bench/sql/$1"; fi
}

# A fresh process with a fresh cache prefix: a cold cache, L1 and L2. Optional: the request log's level.
start_app() {
  if [ -n "$APP" ]; then kill "$APP" 2>/dev/null || true; wait "$APP" 2>/dev/null || true; fi
  # Another server on the port (a dev server left running) would answer in the app's place: refuse to measure it.
  if curl -s -o /dev/null "$BASE/favicon.png"; then say "something already listens on $BASE; stop it or set BENCH_PORT"; exit 1; fi
  (cd "$OUT/publish" && exec env "Antonio__Cache__Prefix=bench-$RANDOM$RANDOM" \
    "Logging__LogLevel__Antonio.Web.Observability.RequestMetricsMiddleware=${1:-Information}" "Logging__LogLevel__Antonio.Startup=Information" \
    dotnet Antonio.Web.dll --urls "$BASE;http://127.0.0.1:$METRICS_PORT") >>"$LOG" 2>&1 &
  APP=$!
  for _ in $(seq 1 600); do curl -sf -o /dev/null "$BASE/favicon.png" && return 0; sleep 0.2; done
  say "the app did not start; see $LOG"; tail -20 "$LOG" >&2; exit 1
}

stop_app() {
  if [ -n "$APP" ]; then kill "$APP" 2>/dev/null || true; wait "$APP" 2>/dev/null || true; APP=""; fi
}

# The one sign-in: the login form with its antiforgery token, then the post. Prints the Cookie header that carries
# the session (empty when the sign-in failed) and a newline, in one write: sign-ins run side by side into one file.
sign_in() { # email
  local jar token
  jar=$(mktemp)
  token=$(curl -s -c "$jar" -b "$jar" "$BASE/account/login" | grep -o 'name="__RequestVerificationToken"[^>]*value="[^"]*"' | head -1 | sed 's/.*value="//; s/"$//')
  curl -s -o /dev/null -c "$jar" -b "$jar" --data-urlencode "_handler=login" --data-urlencode "__RequestVerificationToken=$token" \
    --data-urlencode "Input.Email=$1" --data-urlencode "Input.Password=Antonio-demo-1" "$BASE/account/login"
  printf '%s\n' "$(awk '$6 ~ /^(antonio.auth|\.AspNetCore\.Antiforgery)/ {printf "%s=%s; ", $6, $7}' "$jar")"
  rm -f "$jar"
}

# GET a page with a request id and read its final query count (streamed sections included) from the app's log line.
queries_of() { # request-id path [cookie]
  curl -s -o /dev/null -H "X-Request-Id: $1" ${3:+-H "Cookie: $3"} "$BASE$2"
  for _ in $(seq 1 30); do grep -q "request $1 " "$LOG" && break; sleep 0.1; done
  grep -o "request $1 .*queries=[0-9]*" "$LOG" | grep -o 'queries=[0-9]*' | cut -d= -f2
}

# A random mix over the whole catalogue (scripts/bench/mix.lua): anonymous, or signed in with a file of Cookie headers.
mix() { # threads connections seconds sessions-file-or-empty
  BENCH_PATHS="$OUT/catalogue-paths.txt" BENCH_SESSIONS="$4" wrk -t"$1" -c"$2" -d"$3s" --timeout 5s -s scripts/bench/mix.lua "$BASE"
}

# One measured wrk run; prints its one-line JSON report (scripts/bench/wrk-report.lua).
run() { # name connections path|anonymous-mix|signed-mix [cookie]
  say "$1 at $2 connections ($SECONDS_PER_RUN s)"
  local threads=$(( $2 < 2 ? 1 : 2 ))
  case "$3" in
    anonymous-mix) mix "$threads" "$2" "$SECONDS_PER_RUN" "" | tail -1 ;;
    signed-mix) mix "$threads" "$2" "$SECONDS_PER_RUN" "$OUT/signed-sessions.txt" | tail -1 ;;
    *)
      local extra=(-H "Accept-Encoding: gzip")
      if [ -n "${4:-}" ]; then extra+=(-H "Cookie: $4"); fi
      curl -s -o /dev/null ${4:+-H "Cookie: $4"} "$BASE$3"   # warm it
      wrk -t"$threads" -c"$2" -d"${SECONDS_PER_RUN}s" --timeout 5s -s scripts/bench/wrk-report.lua "${extra[@]}" "$BASE$3" | tail -1 ;;
  esac
}

# The sum of a Prometheus counter over its labels, in one reading of the app's /metrics ($METRICS).
metric_sum() { # metric-name
  awk -v m="$1" '$1 ~ "^"m"($|\\{)" {s+=$NF} END {print s+0}' <<<"$METRICS"
}
