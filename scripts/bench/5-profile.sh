# Stage 5: where a signed-in request's time goes. The runtime's totals (allocation, garbage collection) over one
# signed-in run, then a sampled CPU profile over another (separately: each session slows the app a little).
dotnet tool restore >/dev/null
APP_PID="$APP" # the subshell execs env, which execs dotnet: one process
say "runtime totals and a CPU profile of the signed-in mix at 50 connections"
rm -f "$OUT/profile.speedscope.json"
# Bytes allocated and time paused for collections over exactly the counted run: the runtime's own totals, read from
# the app's /metrics before and after it (a rate sampled beside the run would count its ramp and background work).
gc_totals() {
  curl -s "http://127.0.0.1:$METRICS_PORT/metrics" |
    awk '/^dotnet_gc_heap_total_allocated_bytes_total/ {a += $NF} /^dotnet_gc_pause_time_seconds_total/ {p += $NF} END {printf "%.0f %.6f\n", a, p}'
}
read -r ALLOCATED_BEFORE PAUSED_BEFORE <<<"$(gc_totals)"
COUNTED=$(mix 2 50 14 "$OUT/signed-sessions.txt" | tail -1)
read -r ALLOCATED_AFTER PAUSED_AFTER <<<"$(gc_totals)"
ALLOC_PER_REQUEST=$(awk -v a="$ALLOCATED_BEFORE" -v b="$ALLOCATED_AFTER" -v n="$(echo "$COUNTED" | jq .requests)" 'BEGIN {printf "%.0f", (b - a) / n}')
GC_PAUSE_SHARE=$(awk -v a="$PAUSED_BEFORE" -v b="$PAUSED_AFTER" -v s="$(echo "$COUNTED" | jq .seconds)" 'BEGIN {printf "%.2f", 100 * (b - a) / s}')
(sleep 2; dotnet dotnet-trace collect -p "$APP_PID" --duration 00:00:00:10 --format Speedscope -o "$OUT/profile.nettrace" </dev/null >/dev/null 2>&1) &
COLLECTOR=$!
mix 2 50 14 "$OUT/signed-sessions.txt" >/dev/null; wait "$COLLECTOR"
PROFILE=$(python3 scripts/bench/profile.py "$OUT/profile.speedscope.json")
# And where its allocations are made (the runtime's allocation samples, scripts/bench/allocations): collections are a
# large part of what a signed-in request costs beyond the anonymous one.
say "allocation samples of the signed-in mix"
(sleep 2; dotnet dotnet-trace collect -p "$APP_PID" --duration 00:00:00:08 --profile gc-verbose -o "$OUT/allocations.nettrace" </dev/null >/dev/null 2>&1) &
COLLECTOR=$!
mix 2 50 12 "$OUT/signed-sessions.txt" >/dev/null; wait "$COLLECTOR"
ALLOCATIONS=$(dotnet scripts/bench/allocations/bin/Release/net10.0/BenchAllocations.dll "$OUT/allocations.nettrace" 12)
