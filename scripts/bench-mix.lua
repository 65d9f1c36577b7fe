-- wrk script for a random mix: every request picks a random line of $BENCH_PATHS (a path) or of
-- $BENCH_PAIRS (a path, a tab, the Cookie header of the signed-in learner who opens it).
-- Reports like bench-report.lua, plus the responses that were not 2xx.
local function lines(file)
  local t = {}
  if not file or file == "" then return t end
  for line in io.lines(file) do if #line > 0 then t[#t + 1] = line end end
  return t
end

local paths, cookies = {}, {}
local thread_id = 0

setup = function(thread)
  thread:set("id", thread_id)
  thread_id = thread_id + 1
end

init = function(args)
  paths = lines(os.getenv("BENCH_PATHS"))
  for _, line in ipairs(lines(os.getenv("BENCH_PAIRS"))) do
    local tab = string.find(line, "\t", 1, true)
    paths[#paths + 1] = string.sub(line, 1, tab - 1)
    cookies[#paths] = string.sub(line, tab + 1)
  end
  math.randomseed(1234 + (id or 0))
end

request = function()
  local i = math.random(#paths)
  local headers = { ["Accept-Encoding"] = "gzip" }
  if cookies[i] then headers["Cookie"] = cookies[i] end
  return wrk.format("GET", paths[i], headers)
end

done = function(summary, latency, requests)
  local s = summary.duration / 1e6
  io.write(string.format(
    '{"requests":%d,"seconds":%.2f,"rps":%.1f,"p50":%.3f,"p95":%.3f,"p99":%.3f,"max":%.3f,"errors":%d,"non2xx":%d}\n',
    summary.requests, s, summary.requests / s,
    latency:percentile(50) / 1000, latency:percentile(95) / 1000, latency:percentile(99) / 1000, latency.max / 1000,
    summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.timeout, summary.errors.status))
end
