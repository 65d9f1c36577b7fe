-- wrk script for a random mix: every request picks a random line of $BENCH_PATHS (a path) and, when
-- $BENCH_SESSIONS is set, a random line of it too (the Cookie header of a signed-in learner): learner × page
-- drawn independently, so signed-in traffic spreads over the whole catalogue as anonymous traffic does.
-- Reports through wrk-report.lua (one JSON line, with the responses that were not 2xx).
local function lines(file)
  local t = {}
  if not file or file == "" then return t end
  for line in io.lines(file) do if #line > 0 then t[#t + 1] = line end end
  return t
end

local paths, sessions = {}, {}
local thread_id = 0

setup = function(thread)
  thread:set("id", thread_id)
  thread_id = thread_id + 1
end

init = function(args)
  paths = lines(os.getenv("BENCH_PATHS"))
  sessions = lines(os.getenv("BENCH_SESSIONS"))
  math.randomseed(1234 + (id or 0))
end

request = function()
  local headers = { ["Accept-Encoding"] = "gzip" }
  if #sessions > 0 then headers["Cookie"] = sessions[math.random(#sessions)] end
  return wrk.format("GET", paths[math.random(#paths)], headers)
end

-- The same one-line JSON report as every other run (wrk is started from the repository root).
dofile("scripts/bench/wrk-report.lua")
