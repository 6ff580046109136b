-- Learners whose name and identifier hold every word of a text (matches_words, migration 015),
-- for picking one to erase (administrators).
-- params: $text (VARCHAR), $scope_all, $scope_class_ids, $scope_leader, $scope_school_year
select
    l.learner_id,
    l.external_id,
    l.last_name || ', ' || l.first_name as learner,
    l.left_on,
    (select c.code from enrolment as e join class as c using (class_id)
     where e.learner_id = l.learner_id order by c.school_year_id desc limit 1) as last_class
from learner as l
join visible_learners($scope_all, $scope_class_ids::integer[], $scope_leader::integer,
                      $scope_school_year::varchar) as v
    using (learner_id)
where matches_words(l.last_name || ' ' || l.first_name || ' ' || l.external_id, $text)
order by l.last_name, l.first_name
limit 50
