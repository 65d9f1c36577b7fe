-- wrk reporter: one JSON line with requests/s and latency percentiles (ms), incl. p95 which
-- wrk's own --latency table does not print.
done = function(summary, latency, requests)
  local s = summary.duration / 1e6
  io.write(string.format(
    '{"requests":%d,"seconds":%.2f,"rps":%.1f,"p50":%.3f,"p95":%.3f,"p99":%.3f,"max":%.3f,"errors":%d,"non2xx":%d}\n',
    summary.requests, s, summary.requests / s,
    latency:percentile(50) / 1000, latency:percentile(95) / 1000, latency:percentile(99) / 1000, latency.max / 1000,
    summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.timeout, summary.errors.status))
end
