-- Each index's scans so far: compared before and after the mixes, to name the indexes no mix used.
SELECT indexrelname || ' ' || idx_scan FROM pg_stat_user_indexes ORDER BY 1;
