-- Evidence for the self-assessment (indicator 2.4): feedback notes per learner per month this
-- school year: notes written since the school year began, divided by the learners placed in
-- flex sessions and by the months with flex weeks up to today.
-- One row: value (notes per learner per month), numerator (notes), denominator (learners),
-- last_on.
-- params: $school_year (VARCHAR), $today (DATE)
with plans as (
    -- the latest published version of every cycle begun by today
    select cycle_id, first_monday, plan_id
    from published_plans($school_year)
    where first_monday <= $today
),

placed as (
    select count(distinct a.learner_id) as learners
    from flex_assignment as a
    where a.plan_id in (select plan_id from plans)
),

months as (
    select count(distinct date_trunc('month', w.monday)) as months
    from flex_cycle_week as cw
    join week as w using (week_id)
    where cw.cycle_id in (select cycle_id from plans)
        and w.monday <= $today
),

bounds as (
    select starts_on
    from school_year
    where school_year_id = $school_year
),

notes as (
    select
        count(*) as notes,
        max(f.created_at)::date as last_on
    from feedback_note as f, bounds as b
    where f.created_at::date between b.starts_on and $today
)

select
    n.notes::double / nullif(p.learners, 0) / nullif(m.months, 0) as value,
    n.notes as numerator,
    p.learners as denominator,
    n.last_on
from notes as n, placed as p, months as m
