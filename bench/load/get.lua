-- wrk script: GET the catalog as a browser would (compressed); no If-None-Match, so every
-- answer is a 200 with the full (pre-compressed) body.
function request()
  return wrk.format("GET", "/api/v1/lenient/catalog", { ["Accept-Encoding"] = "br, gzip" })
end
