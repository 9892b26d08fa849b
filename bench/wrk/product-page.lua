-- GET /api/catalog/products?page=N&size=20 over the first 50 pages.
package.path = package.path .. ";" .. (os.getenv("BENCH_LUA_DIR") or "bench/wrk") .. "/?.lua"
local report = require("report")
local counter = 0

function request()
  counter = counter + 1
  return wrk.format("GET", "/api/catalog/products?size=20&page=" .. (counter % 50))
end

done = report.done
