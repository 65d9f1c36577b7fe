-- Every published workshop and lesson page, in a fixed order (md5 of the ids): both mixes draw from all of them.
SELECT path FROM (
  SELECT '/workshops/' || slug AS path, md5(id::text) AS k FROM bench.workshops
  UNION ALL
  SELECT '/workshops/' || workshop_slug || '/' || slug, md5(id::text) FROM bench.lessons) x
 ORDER BY k;
