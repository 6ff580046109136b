-- Staff members with a personnel number, to link an account to one: the exact spelling first,
-- then the same number with or without leading zeros (Excel drops them).
-- More than one row: two staff members differ only in leading zeros; the caller must not guess.
-- params: $external_id (VARCHAR)
select
    staff_id,
    external_id
from staff
where external_id = $external_id
    or (regexp_full_match(external_id, '[0-9]+')
        and regexp_full_match($external_id, '[0-9]+')
        and ltrim(external_id, '0') = ltrim($external_id, '0'))
order by external_id = $external_id desc, external_id
