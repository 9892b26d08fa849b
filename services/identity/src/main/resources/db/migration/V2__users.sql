-- Users who sign in with a password, in the layout Spring Security's JdbcUserDetailsManager reads and writes.
-- The user name is also the customer id carried as 'sub' in access tokens (docs/adr/0003).
create table users (
    username varchar(50)  not null primary key,
    -- '{bcrypt}...': hashed by the delegating password encoder, which names the algorithm in the prefix
    password varchar(500) not null,
    enabled  boolean      not null
);

-- Granted authorities: ROLE_CUSTOMER, ROLE_ADMIN.
create table authorities (
    username  varchar(50) not null references users (username) on delete cascade,
    authority varchar(50) not null,
    primary key (username, authority)
);
