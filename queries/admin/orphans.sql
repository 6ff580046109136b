-- References kept as plain columns (see 001_core.sql on DuckDB's foreign keys) that point at
-- nothing: one row per kind of broken reference with how many rows have it. Empty when sound.
with broken as (
    select 'flex_session.cycle_id' as reference, count(*) as rows
    from flex_session where cycle_id not in (select cycle_id from flex_cycle)
    union all
    select 'flex_session.slot_id', count(*)
    from flex_session where slot_id not in (select slot_id from flex_slot)
    union all
    select 'flex_session.subject_id', count(*)
    from flex_session where subject_id not in (select subject_id from subject)
    union all
    select 'flex_session.leader_staff_id', count(*)
    from flex_session where leader_staff_id not in (select staff_id from staff)
    union all
    select 'flex_assignment.session_id', count(*)
    from flex_assignment where session_id not in (select session_id from flex_session)
    union all
    select 'survey_respondent.learner_id', count(*)
    from survey_respondent where learner_id not in (select learner_id from learner)
    union all
    select 'survey_respondent.staff_id', count(*)
    from survey_respondent where staff_id not in (select staff_id from staff)
    union all
    select 'app_user.staff_id', count(*)
    from app_user where staff_id not in (select staff_id from staff)
)

select * from broken where rows > 0 order by reference
