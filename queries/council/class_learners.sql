-- The learners of one class the viewer may see: their average result in the latest period with
-- results, and the needs open today, for a first look before the class council.
-- params: $class_id (INTEGER), $today (DATE), $scope_all, $scope_class_ids, $scope_leader
with members as (
    select e.learner_id, c.school_year_id
    from enrolment as e
    join class as c using (class_id)
    join visible_learners($scope_all, $scope_class_ids::integer[], $scope_leader::integer) as v
        on v.learner_id = e.learner_id
    where e.class_id = $class_id
),

latest_period as (
    select p.period_id, p.name
    from period as p
    where p.school_year_id = (select any_value(school_year_id) from members)
        and exists (select 1 from result as r where r.period_id = p.period_id)
    order by p.seq desc
    limit 1
),

averages as (
    select
        r.learner_id,
        sum(r.score) / nullif(sum(r.max_score), 0) as average,
        count(*) filter (where r.score / r.max_score < 0.5) as below_half
    from result as r
    where r.period_id = (select period_id from latest_period)
        and r.learner_id in (select learner_id from members)
        and r.score is not null
    group by r.learner_id
),

open_needs as (
    select
        n.learner_id,
        count(*) as needs,
        count(*) filter (where n.is_hard) as hard_needs,
        string_agg(distinct n.kind, ',' order by n.kind) as kinds
    from need as n
    where n.learner_id in (select learner_id from members)
        and n.ended_at is null
        and n.valid_from <= $today
        and (n.valid_until is null or n.valid_until >= $today)
    group by n.learner_id
)

select
    l.learner_id,
    l.last_name || ', ' || l.first_name  as learner,
    (select name from latest_period)     as period,
    a.average,
    coalesce(a.below_half, 0)            as below_half,
    coalesce(o.needs, 0)                 as needs,
    coalesce(o.hard_needs, 0)            as hard_needs,
    o.kinds
from members as m
join learner as l using (learner_id)
left join averages as a using (learner_id)
left join open_needs as o using (learner_id)
order by l.last_name, l.first_name
