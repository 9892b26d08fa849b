-- One payment per order. Amounts are held with the currency's minor units (up to 3 decimal places).
create table payment (
    payment_id     uuid           primary key,
    order_id       varchar(64)    not null unique,
    customer_id    varchar(64)    not null,
    amount         numeric(15, 3) not null check (amount > 0),
    currency       char(3)        not null,
    status         varchar(16)    not null
        check (status in ('AUTHORIZED', 'CAPTURED', 'VOIDED', 'REFUNDED', 'DECLINED')),
    decline_reason text           check ((status = 'DECLINED') = (decline_reason is not null)),
    -- optimistic lock: every update checks and increments it
    version        integer        not null default 0,
    created_at     timestamptz    not null
);

-- Every status a payment reached, in order; the last one equals payment.status.
create table payment_status_change (
    payment_id uuid        not null references payment (payment_id),
    seq        integer     not null,
    status     varchar(16) not null,
    at         timestamptz not null,
    primary key (payment_id, seq)
);

-- Orders whose payment was voided before any authorization arrived: a late authorization is declined.
create table cancelled_order (
    order_id     varchar(64) primary key,
    reason       text        not null,
    cancelled_at timestamptz not null
);
