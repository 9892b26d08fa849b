-- Stock for every product of the catalog's demo seed (SKU-000001 .. SKU-001200): 10,000 units each, except
-- SKU-001191 .. SKU-001200, which are sold out (0 units) so that demos and tests can trigger an out-of-stock
-- rejection on purpose.
insert into stock_level (sku, available, reserved, shipped, total_units)
select 'SKU-' || lpad(n::text, 6, '0'), units, 0, 0, units
from generate_series(1, 1200) as n
cross join lateral (select case when n > 1190 then 0 else 10000 end as units) as seed;
