-- The plan of search's full-text condition, written with the GIN index's own expression: it must use the index.
SELECT format('EXPLAIN SELECT id FROM content_resources WHERE %s @@ websearch_to_tsquery(''english'', ''kubernetes & quokka'')',
              substring(pg_get_indexdef('ix_content_resources_search'::regclass) from 'USING gin \((.*)\)$')) \gexec
