-- wrk script: POST /api/v1/reviews with a valid body and a unique Idempotency-Key per request
-- (so every request is a new stored review, not an idempotent replay).
-- Usage: wrk -s bench/load/review.lua http://127.0.0.1:PORT
local counter = 0
local threads = {}
-- `thread_id` and `run` are globals: setup() sets thread_id in each thread's own Lua state
-- (a local here would shadow it and every thread would send the same keys).
thread_id = 0
local ratings = {
  { "very_satisfied", "501" }, { "satisfied", "402" }, { "very_satisfied", "503" },
  { "basically_satisfied", nil }, { "satisfied", "401" },
}
local services = { "S01", "S02", "S05", "S10", "S21", "S33", "S47", "S55" }
local windows = { "A01", "A02", "A03", "A04", "A05", "A06" }

function setup(thread)
  thread:set("thread_id", #threads + 1)
  table.insert(threads, thread)
end

function init(args)
  math.randomseed(os.time() + thread_id * 7919 + math.floor(os.clock() * 1e6))
  run = string.format("%x%04x", os.time(), math.random(0, 65535))
end

function request()
  counter = counter + 1
  local r = ratings[(counter % #ratings) + 1]
  local tags = r[2] and string.format('["%s"]', r[2]) or "[]"
  local body = string.format(
    '{"service_id":"%s","window_id":"%s","rating":"%s","tags":%s,"comment":"bench %d"}',
    services[(counter % #services) + 1], windows[(counter % #windows) + 1], r[1], tags, counter)
  local headers = {
    ["Content-Type"] = "application/json",
    ["Idempotency-Key"] = string.format("bench-%s-t%d-%d", run, thread_id, counter),
    ["X-Kiosk-Id"] = "bench-kiosk",
  }
  return wrk.format("POST", "/api/v1/reviews", headers, body)
end
