-- wrk script: GET /api/v1/lenient/catalog with If-None-Match = the current ETag (env ETAG):
-- every answer should be a 304 with no body.
local etag = os.getenv("ETAG") or '"none"'
function request()
  return wrk.format("GET", "/api/v1/lenient/catalog",
    { ["If-None-Match"] = etag, ["Accept-Encoding"] = "br, gzip" })
end
