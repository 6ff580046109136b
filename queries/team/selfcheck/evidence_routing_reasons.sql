-- Evidence for the self-assessment (indicator 1.3): of this school year's flex placements (the
-- latest published version of each cycle up to today), the share resting on a reason that was
-- weighed: a class-council decision, a need or the learner's own choice (not only filling a
-- place). One row: value (share), numerator, denominator, last_on.
-- params: $school_year (VARCHAR), $today (DATE)
with plans as (
    -- the latest published version of every cycle begun by today
    select cycle_id, first_monday, plan_id
    from published_plans($school_year)
    where first_monday <= $today
)

select
    count(*) filter (where a.reason_code in ('hard_decision', 'need', 'choice'))::double
        / nullif(count(*), 0) as value,
    count(*) filter (where a.reason_code in ('hard_decision', 'need', 'choice')) as numerator,
    count(*) as denominator,
    (select max(first_monday) from plans) as last_on
from flex_assignment as a
where a.plan_id in (select plan_id from plans)
