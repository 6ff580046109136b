-- Failed attempts for one subject since a moment, with the latest. Every failure in the window
-- counts, also when a success came in between: a success must not reset the throttle (one
-- known password would otherwise let an address try others without end).
-- params: $subject_hash (VARCHAR), $since (TIMESTAMP)
select
    count(*)          as failures,
    max(attempted_at) as latest
from login_attempt
where subject_hash = $subject_hash
    and not succeeded
    and attempted_at >= $since
