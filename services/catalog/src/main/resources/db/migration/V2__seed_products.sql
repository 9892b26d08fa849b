-- Demo catalog: 1,200 products, 120 in each of 10 categories, the same on every run.
-- Product n (1..1200) is in category (n - 1) % 10; within it, k = (n - 1) / 10 picks adjective, material and
-- noun with moduli 8, 5 and 7 (pairwise coprime, so names are unique within a category up to 280 products).
-- Prices vary deterministically between 60% and 159% of the category's base price, ending in .99.
insert into product (sku, name, description, price_amount, price_currency, category)
select 'SKU-' || lpad(n::text, 6, '0'),
       c.adjectives[k % 8 + 1] || ' ' || c.materials[k % 5 + 1] || ' ' || c.nouns[k % 7 + 1],
       format(c.description, c.adjectives[k % 8 + 1], lower(c.materials[k % 5 + 1]), lower(c.nouns[k % 7 + 1])),
       round(c.base_price * (60 + (n * 37) % 100) / 100.0) - 0.01,
       'EUR',
       c.slug
from generate_series(1, 1200) as n
cross join lateral (select (n - 1) / 10 as k) as i
join (values
    (0, 'books', 14,
     array['Illustrated', 'Classic', 'Modern', 'Complete', 'Pocket', 'Annotated', 'Collected', 'Essential'],
     array['Hardcover', 'Paperback', 'Clothbound', 'Large Print', 'Leather-Bound'],
     array['Cookbook', 'World Atlas', 'Poetry Anthology', 'Field Guide', 'Travel Journal', 'Mystery Novel', 'History of Rome'],
     '%1$s %3$s in a %2$s edition. Printed on acid-free paper with a sewn binding that lies flat: a lasting gift for a curious reader. Ships in recycled cardboard packaging.'),
    (1, 'electronics', 49,
     array['Wireless', 'Compact', 'Portable', 'Smart', 'Noise-Cancelling', 'Ultra-Slim', 'Rugged', 'Pro'],
     array['Aluminium', 'Graphite', 'Matte Black', 'Silver', 'Carbon'],
     array['Headphones', 'Bluetooth Speaker', 'Power Bank', 'Webcam', 'Mechanical Keyboard', 'Fitness Tracker', 'E-Reader'],
     '%1$s %3$s in %2$s. USB-C charging, a two-year warranty and free firmware updates. Ships in recycled cardboard packaging.'),
    (2, 'kitchen', 19,
     array['Everyday', 'Professional', 'Nonstick', 'Heavy-Duty', 'Stackable', 'Classic', 'Artisan', 'Compact'],
     array['Stainless Steel', 'Cast Iron', 'Ceramic', 'Bamboo', 'Copper'],
     array['Frying Pan', 'Saucepan', 'Chef Knife', 'Cutting Board', 'Mixing Bowl Set', 'Teapot', 'Dutch Oven'],
     '%1$s %3$s in %2$s, made for daily cooking. Easy to clean, built to last and covered by a five-year guarantee.'),
    (3, 'garden', 24,
     array['Weatherproof', 'Foldable', 'Ergonomic', 'Solar', 'Self-Watering', 'Rustic', 'Lightweight', 'Hanging'],
     array['Teak', 'Galvanised Steel', 'Terracotta', 'Recycled Plastic', 'Wicker'],
     array['Planter', 'Garden Bench', 'Watering Can', 'Bird Feeder', 'Trowel', 'Lantern', 'Hose Reel'],
     '%1$s %3$s in %2$s for patios, balconies and gardens. Stands up to sun, rain and frost all year round.'),
    (4, 'toys', 12,
     array['Classic', 'Educational', 'Giant', 'Mini', 'Magnetic', 'Musical', 'Cuddly', 'Glow-in-the-Dark'],
     array['Wooden', 'Plush', 'Felt', 'Recycled Cardboard', 'Bamboo'],
     array['Building Blocks', 'Puzzle', 'Train Set', 'Teddy Bear', 'Dollhouse', 'Stacking Rings', 'Memory Game'],
     '%1$s %3$s in %2$s for ages three and up. Safety tested, with rounded edges and non-toxic paints.'),
    (5, 'sports', 29,
     array['Lightweight', 'Pro', 'Breathable', 'Adjustable', 'Training', 'Competition', 'Foldable', 'Waterproof'],
     array['Neoprene', 'Carbon Fibre', 'Rubber', 'Nylon', 'Leather'],
     array['Yoga Mat', 'Tennis Racket', 'Football', 'Jump Rope', 'Cycling Gloves', 'Dumbbell Set', 'Water Bottle'],
     '%1$s %3$s in %2$s for training at home, at the gym or outdoors. Tested by club athletes.'),
    (6, 'clothing', 34,
     array['Slim-Fit', 'Relaxed', 'Hooded', 'Cropped', 'Oversized', 'Classic', 'Organic', 'Quilted'],
     array['Cotton', 'Merino Wool', 'Linen', 'Denim', 'Cashmere'],
     array['Sweater', 'Shirt', 'Jacket', 'Scarf', 'Trousers', 'Dress', 'Beanie'],
     '%1$s %3$s in %2$s with a tailored fit. Machine washable at 30 degrees and ethically made. Ships in recycled cardboard packaging.'),
    (7, 'beauty', 16,
     array['Hydrating', 'Soothing', 'Fragrance-Free', 'Revitalising', 'Gentle', 'Nourishing', 'Brightening', 'Overnight'],
     array['Aloe Vera', 'Shea Butter', 'Rosehip', 'Green Tea', 'Argan Oil'],
     array['Face Cream', 'Body Lotion', 'Lip Balm', 'Shampoo', 'Hand Soap', 'Serum', 'Bath Salts'],
     '%1$s %3$s with %2$s for everyday care. Dermatologically tested, vegan and never tested on animals.'),
    (8, 'office', 9,
     array['Refillable', 'Ergonomic', 'Minimalist', 'Magnetic', 'Desktop', 'Recycled', 'Premium', 'Compact'],
     array['Leather', 'Kraft Paper', 'Walnut', 'Steel', 'Acrylic'],
     array['Notebook', 'Desk Organiser', 'Fountain Pen', 'Monitor Stand', 'Planner', 'Pencil Case', 'Document Tray'],
     '%1$s %3$s in %2$s to keep a desk tidy and a day organised. Ships in recycled cardboard packaging.'),
    (9, 'home-decor', 27,
     array['Hand-Woven', 'Vintage', 'Scandinavian', 'Minimalist', 'Rustic', 'Geometric', 'Coastal', 'Bohemian'],
     array['Linen', 'Rattan', 'Glass', 'Oak', 'Ceramic'],
     array['Throw Pillow', 'Table Lamp', 'Wall Mirror', 'Vase', 'Picture Frame', 'Candle Holder', 'Rug'],
     '%1$s %3$s in %2$s that brings warmth to any room. Each piece is finished by hand.')
) as c(position, slug, base_price, adjectives, materials, nouns, description)
    on c.position = (n - 1) % 10
order by n;
