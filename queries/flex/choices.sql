-- The learners' own ranked choices for a cycle, with the subject's name or the title as topic.
-- params: $cycle_id (INTEGER), $lang (VARCHAR 'nl' | 'en'), $scope_all, $scope_class_ids,
--         $scope_leader, $scope_school_year
select
    c.learner_id,
    c.rank,
    c.kind,
    c.subject_id,
    c.title,
    coalesce(c.title, if($lang = 'en', s.name_en, s.name_nl), c.subject_id) as topic
from flex_choice as c
join visible_learners($scope_all, $scope_class_ids::integer[], $scope_leader::integer,
                      $scope_school_year::varchar) as v
    using (learner_id)
left join subject as s using (subject_id)
where c.cycle_id = $cycle_id
order by c.learner_id, c.rank
