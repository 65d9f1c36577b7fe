# Stage 3: cold-cache query counts. Each page is the first request of a fresh process with a fresh cache prefix; the
# count (streamed sections included) is read from the app's per-request log line.
start_app; Q_WORKSHOP=$(queries_of "cold-workshop-$RANDOM" "$WORKSHOP")
start_app; Q_LESSON_FREE=$(queries_of "cold-free-$RANDOM" "$FREE_LESSON")
start_app; Q_LESSON_PAID=$(queries_of "cold-paid-$RANDOM" "$PAID_LESSON")
start_app; Q_SIGNED=$(queries_of "cold-signed-$RANDOM" "$SIGNED_LESSON" "$COOKIE")
Q_WARM=$(queries_of "warm-signed-$RANDOM" "$SIGNED_LESSON" "$COOKIE")
# The learner's home right after a lesson page (snapshot and that workshop loaded), then warm.
Q_DASH=$(queries_of "cold-dashboard-$RANDOM" /dashboard "$COOKIE")
Q_DASH_WARM=$(queries_of "warm-dashboard-$RANDOM" /dashboard "$COOKIE")
