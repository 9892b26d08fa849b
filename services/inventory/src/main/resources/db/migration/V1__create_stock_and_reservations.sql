-- Stock per sku. Units move between available, reserved (held for unconfirmed orders) and shipped (confirmed
-- orders); total_units is their sum, and only a stock count (restock) changes it, so the check below refuses any
-- movement that would create or lose units.
create table stock_level (
    sku         varchar(32) primary key check (sku ~ '^[A-Z0-9][A-Z0-9-]{2,31}$'),
    available   bigint      not null check (available >= 0),
    reserved    bigint      not null check (reserved >= 0),
    shipped     bigint      not null check (shipped >= 0),
    total_units bigint      not null,
    updated_at  timestamptz not null default now(),
    constraint stock_level_units_balance check (available + reserved + shipped = total_units)
);

-- One reservation per order: what the order saga asked for and what became of it.
create table reservation (
    order_id         varchar(64) primary key,
    status           varchar(10) not null check (status in ('RESERVED', 'RELEASED', 'COMMITTED', 'REJECTED')),
    -- why the order was released or rejected
    reason           text,
    -- the skus that could not be served, as the order named them (REJECTED only)
    unavailable_skus text[]      not null default '{}',
    created_at       timestamptz not null default now(),
    updated_at       timestamptz not null default now()
);

-- The units a reservation holds (RESERVED), shipped (COMMITTED) or gave back (RELEASED); one line per sku.
create table reservation_line (
    order_id varchar(64) not null references reservation (order_id),
    sku      varchar(32) not null references stock_level (sku),
    quantity bigint      not null check (quantity > 0),
    primary key (order_id, sku)
);
