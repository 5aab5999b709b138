-- wrk helper appended after a scenario script: with PACE_MS set, every connection waits that
-- many milliseconds before each request, so C connections send at most C * 1000 / PACE_MS
-- requests per second. Latency is then measured at a chosen rate instead of at saturation.
local pace_ms = tonumber(os.getenv("PACE_MS") or "0") or 0
if pace_ms > 0 then
  function delay()
    return pace_ms
  end
end
