-- One plan of a cycle: a proposal or a published version, with what its composition reported.
-- params: $plan_id (INTEGER)
select
    plan_id,
    cycle_id,
    status,
    version,
    created_by,
    created_at,
    published_by,
    published_at,
    objective,
    bound,
    gap,
    seconds,
    report
from flex_plan
where plan_id = $plan_id
