-- Learners whose share in a flex session's subject rose by at least a threshold from the period
-- before the cycle to the period after: successes to celebrate, once per learner, subject and
-- window (three cycles of one trimester are one rise, not three). Only learners the viewer
-- may see.
-- params: $school_year (VARCHAR), $gain (DOUBLE), $lang (VARCHAR), $scope_all,
--         $scope_class_ids, $scope_leader, $scope_school_year
select
    p.learner_id,
    any_value(l.last_name || ', ' || l.first_name)   as learner,
    any_value(c.code)                                as class_code,
    min(p.cycle_seq)                                 as cycle_seq,
    count(distinct p.cycle_id)                       as cycles,
    any_value(p.kind order by p.cycle_seq)           as kind,
    p.subject_id,
    any_value(if($lang = 'en', s.name_en, s.name_nl)) as subject,
    p.before_share,
    p.after_share,
    p.after_share - p.before_share                   as gain,
    sum(p.present)                                   as present
from flex_participation($school_year) as p
join visible_learners($scope_all, $scope_class_ids::integer[], $scope_leader::integer,
                      $scope_school_year::varchar) as v
    using (learner_id)
join learner as l using (learner_id)
join class as c using (class_id)
join subject as s using (subject_id)
where p.after_share - p.before_share >= $gain
group by p.learner_id, p.subject_id, p.before_id, p.after_id, p.before_share, p.after_share
order by gain desc, learner
