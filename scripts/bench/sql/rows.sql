-- What the run measured against: the size of the seeded data.
SELECT (SELECT count(*) FROM content_resources WHERE type = 'workshop') || ' workshops, '
    || (SELECT count(*) FROM users) || ' users, ' || (SELECT count(*) FROM purchases) || ' purchases';
