-- Every stored setting, as JSON text.
select
    key,
    value
from setting
order by key
