-- The plans of a cycle, newest first: the proposal (if any), then the published versions, with
-- how many placements each holds and how many were locked by hand.
-- params: $cycle_id (INTEGER)
select
    p.plan_id,
    p.status,
    p.status = 'proposal'                     as is_proposal,
    p.version,
    p.created_by,
    p.created_at,
    p.published_by,
    p.published_at,
    p.objective,
    p.gap,
    count(a.learner_id)                       as placements,
    count(distinct a.learner_id)              as learners,
    count(a.learner_id) filter (a.is_locked)  as locked
from flex_plan as p
left join flex_assignment as a using (plan_id)
where p.cycle_id = $cycle_id
group by all
order by is_proposal desc, p.version desc
