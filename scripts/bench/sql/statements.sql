-- The application's statements since the last reset: how many, and their average execution time in ms.
SELECT COALESCE(sum(calls), 0) || ' ' || round(COALESCE(sum(total_exec_time) / NULLIF(sum(calls), 0), 0)::numeric, 3)
  FROM pg_stat_statements
 WHERE dbid = (SELECT oid FROM pg_database WHERE datname = current_database()) AND query NOT ILIKE '%pg_stat%';
