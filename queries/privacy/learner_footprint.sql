-- What the database holds about some learners, table by table: shown before an erasure.
-- params: $learner_ids (INTEGER[])
with ids as (select unnest($learner_ids::integer[]) as learner_id)
select 'result' as entity, count(*) as rows from result where learner_id in (select * from ids)
union all
select 'need', count(*) from need where learner_id in (select * from ids)
union all
select 'feedback_note', count(*) from feedback_note where learner_id in (select * from ids)
union all
select 'flex_assignment', count(*) from flex_assignment where learner_id in (select * from ids)
union all
select 'flex_attendance', count(*) from flex_attendance where learner_id in (select * from ids)
union all
select 'flex_choice', count(*) from flex_choice where learner_id in (select * from ids)
union all
select 'enrolment', count(*) from enrolment where learner_id in (select * from ids)
union all
select 'survey_respondent', count(*) from survey_respondent
where learner_id in (select * from ids)
