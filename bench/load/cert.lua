-- wrk script: POST /api/v1/certificates/search by holder (synthetic test holders of
-- data/README.md); run the server with CERT_RATE_PER_MIN very high.
local holders = {
  { "欧阳明远", "320508197805161210" }, { "王芳", "320505198509030123" },
  { "陈志强", "320506196902213476" }, { "苏州澄湖餐饮管理有限公司", "91320508MAGL80MN7Q" },
}
local bodies = {}
for i, h in ipairs(holders) do
  bodies[i] = string.format('{"by":"holder","name":"%s","holder_id":"%s"}', h[1], h[2])
end
local counter = 0

function request()
  counter = counter + 1
  return wrk.format("POST", "/api/v1/certificates/search",
    { ["Content-Type"] = "application/json", ["X-Kiosk-Id"] = "bench-kiosk" },
    bodies[(counter % #bodies) + 1])
end
