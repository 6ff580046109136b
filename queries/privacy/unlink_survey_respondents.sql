-- Erasure: survey answers stay as anonymous contributions to the totals, but are no longer linked
-- to the learner in any way.
-- params: $learner_ids (INTEGER[])
update survey_respondent
set learner_id = null,
    pseudonym = null
where learner_id in (select unnest($learner_ids::integer[]))
