-- Stands for a service's own migrations (Boot's Flyway, flyway_schema_history), which run before the platform's.
create table stock_item (
    sku      text primary key,
    quantity int  not null
);
