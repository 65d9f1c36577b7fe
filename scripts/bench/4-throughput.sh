# Stage 4: warm throughput and latency. Every mix at 1, 50 and 500 connections, each next to a static file from the
# same Kestrel; one workshop and one lesson page alone; and the database while the mixes ran.
# The per-request log line (needed above for the query counts) goes to the console, which would dominate a
# throughput test: a production deployment ships it through a buffered sink, so it is off from here.
start_app Warning

# Warm-up: each mix as it will be measured, for BENCH_WARMUP seconds (what a node sees after a while, not after a deploy).
say "warming the mixes (${BENCH_WARMUP:-30} s each)"
mix 2 50 "${BENCH_WARMUP:-30}" "" >/dev/null; mix 2 50 "${BENCH_WARMUP:-30}" "$OUT/signed-sessions.txt" >/dev/null

# The database during the measured runs: statement times from zero, index scans and Npgsql's command histogram from
# here, and the pool sampled every half second.
sql -c "SELECT pg_stat_statements_reset()" >/dev/null
sql index-scans.sql >"$OUT/index-scans-before.txt"
db_histogram() { # commands under 50 ms, all commands (Npgsql's histogram)
  curl -s "http://127.0.0.1:$METRICS_PORT/metrics" | awk '/^db_client_operation_duration_seconds_bucket\{.*le="0.05"/ {f+=$NF} /^db_client_operation_duration_seconds_count/ {n+=$NF} END {print f+0, n+0}'
}
read -r FAST_BEFORE ALL_BEFORE <<<"$(db_histogram)"
(while true; do curl -s "http://127.0.0.1:$METRICS_PORT/metrics" | awk '/^db_client_connection_count\{.*state="used"/ {u+=$NF} /^db_client_connection_max/ {m+=$NF} END {print u+0, m+0}'; sleep 0.5; done) >"$OUT/pool-samples.txt" &
SAMPLER=$!
declare -A R
for c in 1 50 500; do
  R[static-$c]=$(run static "$c" /favicon.png)
  R[anonymous-$c]=$(run "anonymous mix" "$c" anonymous-mix)
  R[signed-$c]=$(run "signed-in mix" "$c" signed-mix)
done
kill "$SAMPLER" 2>/dev/null || true
read -r FAST_AFTER ALL_AFTER <<<"$(db_histogram)"
read -r DB_CALLS DB_AVG_MS <<<"$(sql statements.sql)"
DB_SLOW_PERCENT=$(echo "scale=3; n = $ALL_AFTER - $ALL_BEFORE; if (n > 0) 100 * (n - ($FAST_AFTER - $FAST_BEFORE)) / n else 0" | bc)
DB_COMMANDS=$(echo "$ALL_AFTER - $ALL_BEFORE" | bc)
read -r POOL_USED POOL_MAX <<<"$(awk '$2 > 0 { if ($1 > u) u = $1; m = $2 } END {print u+0, m+0}' "$OUT/pool-samples.txt")"
sql index-scans.sql >"$OUT/index-scans-after.txt"
UNSCANNED=$(join "$OUT/index-scans-before.txt" "$OUT/index-scans-after.txt" | awk '$2 == $3 {print $1}' | jq -R . | jq -s .)

for c in 1 50; do
  R[workshop-$c]=$(run workshop "$c" "$WORKSHOP")
  R[lesson-$c]=$(run lesson "$c" "$FREE_LESSON")
done
