-- Where the provider holds each payment's amount: the provider's id of the hold, which capture, void and refund
-- name. Every payment but a DECLINED one has a hold; payments from before this column name a placeholder.
alter table payment add column provider_reference text;
update payment set provider_reference = 'legacy-' || payment_id where status <> 'DECLINED';
alter table payment add constraint payment_hold_unless_declined
    check ((status = 'DECLINED') = (provider_reference is null));

-- The simulated payment provider's own records (provider/SimulatedPaymentProvider), standing in for the state of a
-- real provider, which survives our crashes: one row per idempotency key, written in a transaction of its own,
-- never in the payments service's. A call with a known key is answered from its row and does nothing new.
-- Keys are derived from the order and the operation ("authorize:<order id>"), so an order has at most one row per
-- operation.
create table provider_ledger (
    idempotency_key text          primary key,
    operation       text          not null check (operation in ('AUTHORIZE', 'CAPTURE', 'VOID', 'REFUND')),
    order_id        text          not null,
    customer_id     text,
    amount          numeric(15, 3),
    currency        char(3),
    outcome         text          not null check (outcome in ('APPROVED', 'DECLINED')),
    -- why a DECLINED call was declined, answered again on every repetition
    reason          text          check ((outcome = 'DECLINED') = (reason is not null)),
    -- the provider's id of the hold: made by an approved AUTHORIZE, named by the calls on it
    reference       text,
    recorded_at     timestamptz   not null default now()
);
create index provider_ledger_order on provider_ledger (order_id);
create index provider_ledger_hold on provider_ledger (reference) where operation = 'AUTHORIZE';
