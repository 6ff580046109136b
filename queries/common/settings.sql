-- Every stored setting, as JSON text; secrets (keys under 'secret.') never leave the database
-- this way.
select
    key,
    value
from setting
where key not like 'secret.%'
order by key
