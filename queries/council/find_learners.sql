-- Learners the viewer may see whose name, class and number hold every word of a text: the
-- learner search (matches_words, migration 015).
-- params: $text (VARCHAR), $school_year (VARCHAR), $scope_all, $scope_class_ids, $scope_leader,
--         $scope_school_year
select
    l.learner_id,
    l.last_name || ', ' || l.first_name    as learner,
    c.code                                 as class_code
from learner as l
join visible_learners($scope_all, $scope_class_ids::integer[], $scope_leader::integer,
                      $scope_school_year::varchar) as v
    using (learner_id)
join enrolment as e on e.learner_id = l.learner_id and e.school_year_id = $school_year
join class as c on c.class_id = e.class_id
where matches_words(l.last_name || ' ' || l.first_name || ' ' || c.code || ' ' || l.external_id,
                    $text)
order by l.last_name, l.first_name
limit 50
