# Stage 6: search on the large set. Over 200 distinct realistic queries (sql/search-queries.sql: one to three words,
# common and rare, typos, transcript phrases), each asked once so every one runs its SQL (no cached candidates), after
# 30 others that warm the app; the time of each of its two commands in PostgreSQL (pg_stat_statements); and the plan
# of the full-text condition, which must use the GIN index.
say "search, uncached queries"
sql search-queries.sql >"$OUT/search-all-queries.txt"
search() { curl -s -o /dev/null -w '%{time_total}\n' "$BASE/search?q=$(jq -rn --arg q "$1" '$q | @uri')"; }
head -30 "$OUT/search-all-queries.txt" | while read -r q; do search "$q" >/dev/null; done
tail -n +31 "$OUT/search-all-queries.txt" >"$OUT/search-queries.txt"
sql -c "SELECT pg_stat_statements_reset()" >/dev/null
while read -r q; do search "$q"; done <"$OUT/search-queries.txt" | sort -n >"$OUT/search-times.txt"
SEARCH_P50=$(awk '{a[NR]=$1} END {printf "%.2f", 1000 * a[int(NR * 0.5)]}' "$OUT/search-times.txt")
SEARCH_P95=$(awk '{a[NR]=$1} END {printf "%.2f", 1000 * a[int(NR * 0.95)]}' "$OUT/search-times.txt")
SEARCH_SQL=$(sql search-commands.sql)
SEARCH_PLAN=$(sql search-plan.sql)
SEARCH_GIN=$(echo "$SEARCH_PLAN" | grep -q 'ix_content_resources_search' && echo true || echo false)
