-- Evidence for the self-assessment (indicators 2.3 and 3.3): group changes are announced to
-- learners and parents. Of this school year's published versions of flex plans (each one
-- changes groups), the share followed within 14 days by an export of the messages to learners
-- and parents (the audit log records every export). One row: value (share), numerator,
-- denominator, last_on (the last such export).
-- params: $school_year (VARCHAR), $today (DATE)
with published as (
    select
        p.plan_id,
        p.published_at
    from flex_plan as p
    join flex_cycle as c using (cycle_id)
    where c.school_year_id = $school_year
        and p.status = 'published'
        and p.published_at::date <= $today
),

exports as (
    select occurred_at
    from audit_log
    where action = 'export'
        and entity = 'messages'
        and outcome = 'ok'
),

announced as (
    select
        p.plan_id,
        min(e.occurred_at) as first_export
    from published as p
    join exports as e
        on e.occurred_at between p.published_at and p.published_at + interval 14 day
    group by all
)

select
    count(a.plan_id)::double / nullif(count(*), 0) as value,
    count(a.plan_id) as numerator,
    count(*) as denominator,
    max(a.first_export)::date as last_on
from published as p
left join announced as a using (plan_id)
