-- Orders the read-model projector could not project (OrderProjector): it set them aside and went on with the others,
-- so one broken order never freezes the read model. An order leaves when a later projection of it succeeds (a new
-- event, or a rebuild, after the cause was fixed). Listed by /actuator/quarantine (kind projection).
create table projection_quarantine (
    order_id       uuid        primary key,
    reason         text        not null,
    quarantined_at timestamptz not null default now()
);
