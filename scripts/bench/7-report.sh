# Stage 7: the caches' hit rates over the whole run (/metrics), the lesson page in headless Chromium (LCP, CLS,
# JavaScript bytes), everything into docs/benchmarks.json; then the cluster test (HAProxy, several nodes, faults: it
# restarts Redis and PostgreSQL, so it runs last, with its own nodes and database); then the tables.
METRICS=$(curl -s "http://127.0.0.1:$METRICS_PORT/metrics")
READS=$(metric_sum antonio_cache_reads_total)
MISSES=$(metric_sum antonio_cache_misses_total)
HIT_RATE=$(echo "scale=4; if ($READS > 0) 100 * ($READS - $MISSES) / $READS else 0" | bc)
# Shadow mode at its production share (Antonio:FastPaths:AccessShadowPercent, 1 %): signed-in decisions of the whole
# run made again from fresh snapshots; a mismatch is a cached snapshot a write failed to drop.
PROBE=$(dotnet scripts/bench/probe/bin/Release/net10.0/BenchProbe.dll "$BASE$FREE_LESSON" 7)

mkdir -p docs
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
  --argjson poolused "$POOL_USED" --argjson poolmax "$POOL_MAX" --argjson unscanned "$UNSCANNED" \
  --argjson hit "$HIT_RATE" --argjson reads "$READS" --argjson misses "$MISSES" --argjson probe "$PROBE" \
  --argjson plookups "$(metric_sum antonio_page_cache_lookups_total)" --argjson phits "$(metric_sum antonio_page_cache_hits_total)" \
  --argjson vlookups "$(metric_sum antonio_viewer_page_cache_lookups_total)" --argjson vhits "$(metric_sum antonio_viewer_page_cache_hits_total)" \
  --argjson shchecks "$(metric_sum antonio_access_shadow_checks_total)" --argjson shmismatches "$(metric_sum antonio_access_shadow_mismatches_total)" \
  --argjson sp50 "$SEARCH_P50" --argjson sp95 "$SEARCH_P95" --argjson sf50 "$SEARCH_FLOOR_P50" --argjson sf95 "$SEARCH_FLOOR_P95" --argjson ssql "$SEARCH_SQL" --argjson sgin "$SEARCH_GIN" --arg splan "$(echo "$SEARCH_PLAN" | head -3 | tr -s ' ')" \
  --argjson searches "$(wc -l <"$OUT/search-queries.txt")" \
  --argjson profile "$PROFILE" --argjson allocations "$ALLOCATIONS" --argjson allocreq "$ALLOC_PER_REQUEST" --argjson gcpause "$GC_PAUSE_SHARE" --argjson counted "$COUNTED" \
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
    signed_profile: {parts: $profile, allocations: $allocations, bytes_allocated_per_request: $allocreq, gc_pause_percent: $gcpause, run: $counted},
    search: {p50: $sp50, p95: $sp95, floor_p50: $sf50, floor_p95: $sf95, queries: $searches, sql: $ssql, uses_gin_index: $sgin, plan: $splan},
    browser: $probe}' >docs/benchmarks.json

stop_app
env -u ASPNETCORE_ENVIRONMENT -u AllowedHosts $(env | sed -n 's/^\(Antonio__[^=]*\)=.*/-u \1/p') \
  dotnet test Antonio.Tests -c Release --filter "Category=Cluster" >"$OUT/cluster-test.log" 2>&1 \
  || { tail -40 "$OUT/cluster-test.log" >&2; say "the cluster test failed"; exit 1; }
python3 scripts/bench/report.py docs/benchmarks.json docs/benchmarks.md README.md \
  --cluster Antonio.Tests/bin/Release/net10.0/artifacts/cluster-report.txt
