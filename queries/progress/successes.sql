-- Learners whose share in a flex session's subject rose by at least a threshold from the period
-- before the cycle to the period after: successes to celebrate. Only learners the viewer may see.
-- params: $school_year (VARCHAR), $gain (DOUBLE), $lang (VARCHAR), $scope_all,
--         $scope_class_ids, $scope_leader, $scope_school_year
select
    p.learner_id,
    l.last_name || ', ' || l.first_name       as learner,
    c.code                                    as class_code,
    p.cycle_seq,
    p.code,
    p.kind,
    p.subject_id,
    if($lang = 'en', s.name_en, s.name_nl)    as subject,
    p.before_share,
    p.after_share,
    p.after_share - p.before_share            as gain,
    p.present
from flex_participation($school_year) as p
join visible_learners($scope_all, $scope_class_ids::integer[], $scope_leader::integer,
                      $scope_school_year::varchar) as v
    using (learner_id)
join learner as l using (learner_id)
join class as c using (class_id)
join subject as s using (subject_id)
where p.after_share - p.before_share >= $gain
order by gain desc, learner
