-- Search's two prepared commands (the candidates, then the snippets of the page shown): average time of each in
-- PostgreSQL since the last reset.
SELECT json_build_object(
    'candidates_ms', round(COALESCE(max(mean_exec_time) FILTER (WHERE query LIKE '%public_hits%'), 0)::numeric, 2),
    'snippets_ms', round(COALESCE(max(mean_exec_time) FILTER (WHERE query LIKE '%ts_headline%'), 0)::numeric, 2))
  FROM pg_stat_statements WHERE query LIKE '-- prepared%websearch_to_tsquery%';
