-- wrk script for a random mix: every request picks a random line of $BENCH_PATHS (a path) or of
-- $BENCH_PAIRS (a path, a tab, the Cookie header of the signed-in learner who opens it).
-- Reports through bench-report.lua (one JSON line, with the responses that were not 2xx).
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

-- The same one-line JSON report as every other run (wrk is started from the repository root).
dofile("scripts/bench-report.lua")
