# Stage 6: search on the large set. Over 200 distinct realistic queries (sql/search-queries.sql: one to three words,
# common and rare, typos, transcript phrases), each asked once so every one runs its SQL (no cached candidates), after
# 100 others that warm the app; beside them the floor, a static file fetched the same way as many times (curl's own
# connection and request: about 1.5 ms of each search's time here); the time of each of its two commands in PostgreSQL
# (pg_stat_statements); and the plan of the full-text condition, which must use the GIN index.
say "search, uncached queries"
sql search-queries.sql >"$OUT/search-all-queries.txt"
# The time at a quantile of a sorted file of seconds, in ms.
ms_at() { awk -v q="$2" '{a[NR]=$1} END {printf "%.2f", 1000 * a[int(NR * q)]}' "$1"; }
search() { curl -s -o /dev/null -w '%{time_total}\n' "$BASE/search?q=$(jq -rn --arg q "$1" '$q | @uri')"; }
head -100 "$OUT/search-all-queries.txt" | while read -r q; do search "$q" >/dev/null; done
tail -n +101 "$OUT/search-all-queries.txt" >"$OUT/search-queries.txt"
sql -c "SELECT pg_stat_statements_reset()" >/dev/null
while read -r q; do search "$q"; done <"$OUT/search-queries.txt" | sort -n >"$OUT/search-times.txt"
SEARCH_P50=$(ms_at "$OUT/search-times.txt" 0.5)
SEARCH_P95=$(ms_at "$OUT/search-times.txt" 0.95)
while read -r _; do curl -s -o /dev/null -w '%{time_total}\n' "$BASE/favicon.png"; done <"$OUT/search-queries.txt" | sort -n >"$OUT/search-floor-times.txt"
SEARCH_FLOOR_P50=$(ms_at "$OUT/search-floor-times.txt" 0.5)
SEARCH_FLOOR_P95=$(ms_at "$OUT/search-floor-times.txt" 0.95)
SEARCH_SQL=$(sql search-commands.sql)
SEARCH_PLAN=$(sql search-plan.sql)
SEARCH_GIN=$(echo "$SEARCH_PLAN" | grep -q 'ix_content_resources_search' && echo true || echo false)
