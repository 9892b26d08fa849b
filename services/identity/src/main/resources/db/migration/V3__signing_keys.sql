-- RSA key pairs that sign tokens. Exactly one key is active (signs new tokens); a retired key stays published
-- in the JWKS until every token it signed has expired. DEV/REFERENCE ONLY: the private keys are stored here in
-- PEM form; in production they would live in a KMS or secret store and only the key ids would be kept here.
create table signing_key (
    kid             varchar(64) not null primary key,
    private_key_pem text        not null,
    public_key_pem  text        not null,
    created_at      timestamptz not null,
    retired_at      timestamptz,
    check (retired_at is null or retired_at >= created_at)
);

-- At most one active key, whatever several instances starting or rotating at once may try.
create unique index signing_key_one_active_idx on signing_key ((retired_at is null)) where retired_at is null;
create index signing_key_retired_at_idx on signing_key (retired_at);
