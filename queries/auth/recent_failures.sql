-- Failed attempts for one subject since its last success and since a moment, with the latest.
-- params: $subject_hash (VARCHAR), $since (TIMESTAMP)
with last_success as (
    select coalesce(max(attempted_at), timestamp '1970-01-01') as succeeded_at
    from login_attempt
    where subject_hash = $subject_hash
        and succeeded
)

select
    count(*)          as failures,
    max(attempted_at) as latest
from login_attempt
where subject_hash = $subject_hash
    and not succeeded
    and attempted_at >= $since
    and attempted_at > (select succeeded_at from last_success)
