-- The scores and decisions of one round, one row per indicator that has any.
-- params: $round_id (INTEGER)
select
    indicator_id,
    score,
    decision,
    note,
    owner
from kw_score
where round_id = $round_id
order by indicator_id
