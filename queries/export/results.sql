-- Results of a school year the viewer may see, for export.
-- params: $school_year (VARCHAR), $lang (VARCHAR), $scope_all, $scope_class_ids, $scope_leader,
--         $scope_school_year
select
    l.learner_id,
    l.external_id,
    l.last_name,
    l.first_name,
    c.code                                       as class_code,
    r.subject_id,
    if($lang = 'en', s.name_en, s.name_nl)       as subject_name,
    p.name                                       as period,
    r.score,
    r.max_score,
    r.absence_code
from result as r
join visible_learners($scope_all, $scope_class_ids::integer[], $scope_leader::integer,
                      $scope_school_year::varchar) as v
    using (learner_id)
join learner as l using (learner_id)
join period as p using (period_id)
join subject as s using (subject_id)
left join enrolment as e
    on e.learner_id = r.learner_id
    and e.school_year_id = p.school_year_id
left join class as c on c.class_id = e.class_id
where p.school_year_id = $school_year
order by c.code, l.last_name, l.first_name, p.seq, r.subject_id
