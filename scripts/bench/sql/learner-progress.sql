-- Each signed-in learner's own progress: about 40 % of the lessons they can read, marked complete (a fixed draw).
INSERT INTO resource_progress (user_id, resource_id, completed_at, created_at)
SELECT h.user_id, l.id, now(), now()
  FROM bench.holdings h JOIN bench.lessons l ON l.workshop_id = h.workshop_id
 WHERE ('x' || substr(md5(h.user_id::text || l.id::text), 1, 2))::bit(8)::int < 100
ON CONFLICT DO NOTHING;
