-- The initiatives of a school year with what they cost (estimated, committed, spent), how many
-- took part and which Guskey levels were evaluated.
-- params: $school_year (VARCHAR)
with initiatives as (
    select * from prof_initiative where school_year_id = $school_year
),

requested as (
    select
        initiative_id,
        sum(fee + travel + substitute) filter (where state = 'approved') as committed,
        count(*) filter (where state in ('approved', 'done', 'evaluated'))  as requests
    from prof_request
    where initiative_id is not null
    group by all
),

spent as (
    select coalesce(s.initiative_id, r.initiative_id) as initiative_id, sum(s.amount) as spent
    from prof_spending as s
    left join prof_request as r using (request_id)
    group by all
),

participants as (
    select initiative_id, count(*) as participants
    from prof_participant
    group by all
),

evaluated as (
    select
        initiative_id,
        list(distinct level order by level) filter (where done_on is not null) as done_levels,
        list(distinct level order by level) filter (where done_on is null)     as planned_levels,
        min(planned_on) filter (where done_on is null)                          as next_follow_up
    from prof_evaluation
    group by all
)

select
    i.initiative_id,
    i.priority_id,
    i.title,
    i.form,
    i.collective,
    i.partner,
    i.competence_id,
    c.code                                         as competence,
    i.starts_on,
    i.ends_on,
    i.hours,
    i.estimated_cost,
    coalesce(r.committed, 0)                       as committed,
    coalesce(s.spent, 0)                           as spent,
    coalesce(p.participants, 0)                    as participants,
    coalesce(e.done_levels, [])::integer[]         as done_levels,
    coalesce(e.planned_levels, [])::integer[]      as planned_levels,
    e.next_follow_up
from initiatives as i
left join prof_competence as c using (competence_id)
left join requested as r using (initiative_id)
left join spent as s using (initiative_id)
left join participants as p using (initiative_id)
left join evaluated as e using (initiative_id)
order by i.starts_on nulls last, i.title
