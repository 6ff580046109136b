-- Learners of this school year with an open need today, per kind, and in total ('all'), among
-- the learners the viewer may see. A need is open from valid_from to valid_until, unless it was
-- ended or replaced.
-- params: $school_year (VARCHAR), $today (DATE),
--         $scope_all, $scope_class_ids, $scope_leader, $scope_school_year (the viewer's scope)
with open_needs as (
    select
        n.learner_id,
        n.kind
    from need as n
    join enrolment as e
        on e.learner_id = n.learner_id
        and e.school_year_id = $school_year
    join visible_learners($scope_all, $scope_class_ids::integer[], $scope_leader::integer,
                          $scope_school_year::varchar) as v
        on v.learner_id = n.learner_id
    where n.ended_at is null
        and n.valid_from <= $today
        and (n.valid_until is null or n.valid_until >= $today)
),

per_kind as (
    select
        kind,
        count(distinct learner_id) as learners
    from open_needs
    group by kind
),

overall as (
    select
        'all' as kind,
        count(distinct learner_id) as learners
    from open_needs
)

select * from per_kind
union all
select * from overall
