-- The answers of one survey the viewer may see, in long form, for export. Respondents appear as
-- a number (and a learner's stamboeknummer when linked and visible), never by e-mail.
-- params: $survey_id (INTEGER), $scope_all, $scope_class_ids, $scope_leader, $scope_school_year,
--         $scope_user_id, $scope_staff_data
select
    s.title                       as survey,
    a.respondent_id,
    r.learner_id,
    l.external_id,
    r.is_complete,
    a.question_no,
    a.question,
    a.item,
    a.answer_text,
    a.answer_value,
    a.answered_at
from survey_answer as a
join visible_respondents($scope_all, $scope_class_ids::integer[], $scope_leader::integer,
                         $scope_school_year::varchar,
                         $scope_user_id::integer, $scope_staff_data) as v
    using (survey_id, respondent_id)
join survey as s using (survey_id)
join survey_respondent as r using (survey_id, respondent_id)
left join learner as l on l.learner_id = r.learner_id
where a.survey_id = $survey_id
order by a.respondent_id, a.question_no, a.item
