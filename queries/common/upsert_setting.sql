-- Store one setting (JSON text) under its key.
-- params: $key (VARCHAR), $value (VARCHAR, JSON)
insert into setting (key, value)
values ($key, $value)
on conflict (key) do update set value = excluded.value
