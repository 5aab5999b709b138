-- wrk helper appended after a scenario script: counts responses by status code in each thread
-- (one global per code: wrk copies plain values between its Lua states) and prints the totals.
local codes = { 200, 201, 204, 304, 400, 404, 409, 413, 422, 429, 500, 502, 503 }
local threads = {}
local base_setup = setup
function setup(thread)
  table.insert(threads, thread)
  if base_setup then base_setup(thread) end
end
local known = {}
for _, c in ipairs(codes) do known[c] = "c" .. c end
function response(status, headers, body)
  local name = known[status] or "cother"
  _G[name] = (_G[name] or 0) + 1
end
function done(summary, latency, requests)
  local parts = {}
  local names = {}
  for _, c in ipairs(codes) do table.insert(names, { tostring(c), "c" .. c }) end
  table.insert(names, { "other", "cother" })
  for _, n in ipairs(names) do
    local total = 0
    for _, t in ipairs(threads) do total = total + (t:get(n[2]) or 0) end
    if total > 0 then table.insert(parts, n[1] .. "=" .. total) end
  end
  io.write("status codes: " .. table.concat(parts, " ") .. "\n")
end
