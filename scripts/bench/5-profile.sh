# Stage 5: where a signed-in request's time goes. The runtime's counters (allocation, garbage collection) over one
# signed-in run, then a sampled CPU profile over another (separately: each session slows the app a little).
dotnet tool restore >/dev/null
APP_PID="$APP" # the subshell execs env, which execs dotnet: one process
say "runtime counters and a CPU profile of the signed-in mix at 50 connections"
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
PROFILE=$(python3 scripts/bench/profile.py "$OUT/profile.speedscope.json")
# And where its allocations are made (the runtime's allocation samples, scripts/bench/allocations): garbage is most
# of what a signed-in request costs beyond the anonymous one.
say "allocation samples of the signed-in mix"
(sleep 2; dotnet dotnet-trace collect -p "$APP_PID" --duration 00:00:00:08 --profile gc-verbose -o "$OUT/allocations.nettrace" </dev/null >/dev/null 2>&1) &
COLLECTOR=$!
mix 2 50 12 "$OUT/signed-sessions.txt" >/dev/null; wait "$COLLECTOR"
ALLOCATIONS=$(dotnet scripts/bench/allocations/bin/Release/net10.0/BenchAllocations.dll "$OUT/allocations.nettrace" 12)
