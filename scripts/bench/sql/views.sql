-- The bench's own view of the seeded catalogue and learners (schema "bench", beside the app's tables; the bench
-- database is made afresh for every run). Every other query of the bench reads these.
CREATE SCHEMA IF NOT EXISTS bench;

-- Published, public workshops and their published lessons (directly under the workshop or in a published section).
CREATE OR REPLACE VIEW bench.workshops AS
  SELECT id, fields->>'slug' AS slug FROM content_resources
   WHERE type = 'workshop' AND deleted_at IS NULL AND fields->>'state' = 'published'
     AND COALESCE(fields->>'visibility', 'public') = 'public';

CREATE OR REPLACE VIEW bench.lessons AS
  SELECT w.id AS workshop_id, w.slug AS workshop_slug, c.id, c.fields->>'slug' AS slug
    FROM bench.workshops w JOIN content_links a ON a.parent_id = w.id
    JOIN content_resources c ON c.id = a.child_id AND c.type = 'lesson' AND c.deleted_at IS NULL AND c.fields->>'state' = 'published'
  UNION ALL
  SELECT w.id, w.slug, c.id, c.fields->>'slug'
    FROM bench.workshops w JOIN content_links a ON a.parent_id = w.id
    JOIN content_resources s ON s.id = a.child_id AND s.type = 'section' AND s.deleted_at IS NULL AND s.fields->>'state' = 'published'
    JOIN content_links b ON b.parent_id = s.id
    JOIN content_resources c ON c.id = b.child_id AND c.type = 'lesson' AND c.deleted_at IS NULL AND c.fields->>'state' = 'published';

-- The signed-in mix's learners: 300 distinct generated learners who bought something, and the workshops each holds.
CREATE OR REPLACE VIEW bench.learners AS
  SELECT u.id, u.email FROM users u
   WHERE u.email LIKE 'learner%' AND EXISTS (SELECT 1 FROM purchases p WHERE p.user_id = u.id AND p.status = 'Valid')
   ORDER BY u.email LIMIT 300;

CREATE OR REPLACE VIEW bench.holdings AS
  SELECT DISTINCT lr.id AS user_id, unnest(e.content_ids) AS workshop_id
    FROM bench.learners lr JOIN entitlements e ON e.user_id = lr.id AND e.deleted_at IS NULL;
