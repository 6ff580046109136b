-- Learners who had remediation in the same subject in at least two cycles of a school year and
-- whose share in it did not rise from the period before the first of those cycles to the period
-- after the last: to bring to the next class council. Only learners the viewer may see.
-- params: $school_year (VARCHAR), $lang (VARCHAR), $scope_all, $scope_class_ids, $scope_leader,
--         $scope_school_year
with remediation as (
    select
        learner_id,
        subject_id,
        class_id,
        count(distinct cycle_id)              as cycles,
        arg_min(before_share, first_monday)   as first_share,
        arg_max(after_share, first_monday)    as last_share,
        sum(present)                          as present
    from flex_participation($school_year)
    where kind = 'remediation'
    group by all
    having count(distinct cycle_id) >= 2
)

select
    r.learner_id,
    l.last_name || ', ' || l.first_name       as learner,
    c.code                                    as class_code,
    r.subject_id,
    if($lang = 'en', s.name_en, s.name_nl)    as subject,
    r.cycles,
    r.first_share,
    r.last_share,
    r.last_share - r.first_share              as gain,
    r.present
from remediation as r
join visible_learners($scope_all, $scope_class_ids::integer[], $scope_leader::integer,
                      $scope_school_year::varchar) as v
    using (learner_id)
join learner as l using (learner_id)
join class as c using (class_id)
join subject as s using (subject_id)
where r.last_share <= r.first_share
order by gain, learner
