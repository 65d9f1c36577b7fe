# Stage 2: the app seeds the large data set into the empty database (timed); the bench's views of it; the pages the
# runs use; 300 learners with their own progress, each signed in, and the demo buyer.
: >"$LOG"
say "starting (seeds the large data set into an empty database)"
SEED_START=$(date +%s.%N)
start_app
STARTUP_SECONDS=$(echo "$(date +%s.%N) - $SEED_START" | bc)
SEED_LINE=$(grep -o 'Seeded demo data[^)]*) in [0-9.]*s' "$LOG" || echo "database already seeded")
sql views.sql
ROWS=$(sql rows.sql 2>/dev/null || echo "?")

WORKSHOP="/workshops/typescript-in-depth"
LESSONS=($(curl -s "$BASE$WORKSHOP" | grep -o 'href="/workshops/typescript-in-depth/[^"]*"' | cut -d'"' -f2 | grep -v '/solution' | awk '!seen[$0]++'))
FREE_LESSON="${LESSONS[0]}"
PAID_LESSON="${LESSONS[2]}"
SIGNED_LESSON="/workshops/postgresql-in-depth/$(curl -s "$BASE/workshops/postgresql-in-depth" | grep -o 'href="/workshops/postgresql-in-depth/[^"]*"' | sed -n 3p | cut -d'"' -f2 | sed 's|.*/||')"

COOKIE=$(sign_in buyer@antonio.dev)
[[ "$COOKIE" == *antonio.auth* ]] || { say "the buyer could not sign in"; exit 1; }

sql catalogue-paths.sql >"$OUT/catalogue-paths.txt"
sql learner-progress.sql >/dev/null
sql learners.sql >"$OUT/learners.txt"
say "signing in $(wc -l <"$OUT/learners.txt") learners"
export -f sign_in; export BASE
# One Cookie header per learner: the mix script draws a learner and a page for each request.
xargs -a "$OUT/learners.txt" -P 4 -I{} bash -c 'sign_in "$@"' _ {} >"$OUT/signed-sessions.txt"
[ "$(grep -c antonio.auth "$OUT/signed-sessions.txt")" -eq "$(wc -l <"$OUT/learners.txt")" ] || { say "some learners could not sign in"; exit 1; }
