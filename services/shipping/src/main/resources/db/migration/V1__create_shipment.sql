-- One shipment per order.
create table shipment (
    shipment_id      uuid        primary key,
    order_id         varchar(64) not null unique,
    customer_id      varchar(64) not null,
    status           varchar(16) not null check (status in ('CREATED', 'CANCELLED', 'REJECTED')),
    rejection_reason text        check ((status = 'REJECTED') = (rejection_reason is not null)),
    -- optimistic lock: every update checks and increments it
    version          integer     not null default 0,
    created_at       timestamptz not null
);

-- The parcel's product lines, in the order of the command.
create table shipment_line (
    shipment_id uuid        not null references shipment (shipment_id),
    line_no     integer     not null,
    sku         varchar(64) not null,
    quantity    integer     not null check (quantity > 0),
    primary key (shipment_id, line_no)
);

-- Orders whose shipment was cancelled before it was created: a late CreateShipment is rejected.
create table cancelled_order (
    order_id     varchar(64) primary key,
    reason       text        not null,
    cancelled_at timestamptz not null
);
