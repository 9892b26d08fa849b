-- GET /api/catalog/products/{id} for ids spread over the seeded catalog (1..PRODUCTS, default 1000).
package.path = package.path .. ";" .. (os.getenv("BENCH_LUA_DIR") or "bench/wrk") .. "/?.lua"
local report = require("report")
local products = tonumber(os.getenv("PRODUCTS") or "1000")
local counter = 0

function request()
  counter = counter + 1
  local id = (counter * 7919) % products + 1
  return wrk.format("GET", "/api/catalog/products/" .. id)
end

done = report.done
