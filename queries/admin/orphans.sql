-- Every reference between tables (plain columns, see 001_core.sql on why there are no foreign
-- keys) that points at nothing: one row per broken kind of reference, with how many rows have
-- it. Empty when the database is sound; the tests run it after every write path.
with broken as (
    select 'period.school_year_id' as reference, count(*) as rows
    from period where school_year_id is not null
        and school_year_id not in (select school_year_id from school_year)
    union all
    select 'week.school_year_id' as reference, count(*) as rows
    from week where school_year_id is not null
        and school_year_id not in (select school_year_id from school_year)
    union all
    select 'class.school_year_id' as reference, count(*) as rows
    from class where school_year_id is not null
        and school_year_id not in (select school_year_id from school_year)
    union all
    select 'enrolment.learner_id' as reference, count(*) as rows
    from enrolment where learner_id is not null
        and learner_id not in (select learner_id from learner)
    union all
    select 'enrolment.school_year_id' as reference, count(*) as rows
    from enrolment where school_year_id is not null
        and school_year_id not in (select school_year_id from school_year)
    union all
    select 'enrolment.class_id' as reference, count(*) as rows
    from enrolment where class_id is not null
        and class_id not in (select class_id from class)
    union all
    select 'staff_role.staff_id' as reference, count(*) as rows
    from staff_role where staff_id is not null
        and staff_id not in (select staff_id from staff)
    union all
    select 'result.learner_id' as reference, count(*) as rows
    from result where learner_id is not null
        and learner_id not in (select learner_id from learner)
    union all
    select 'result.subject_id' as reference, count(*) as rows
    from result where subject_id is not null
        and subject_id not in (select subject_id from subject)
    union all
    select 'result.period_id' as reference, count(*) as rows
    from result where period_id is not null
        and period_id not in (select period_id from period)
    union all
    select 'need.learner_id' as reference, count(*) as rows
    from need where learner_id is not null
        and learner_id not in (select learner_id from learner)
    union all
    select 'need.subject_id' as reference, count(*) as rows
    from need where subject_id is not null
        and subject_id not in (select subject_id from subject)
    union all
    select 'flex_cycle.school_year_id' as reference, count(*) as rows
    from flex_cycle where school_year_id is not null
        and school_year_id not in (select school_year_id from school_year)
    union all
    select 'flex_cycle_week.week_id' as reference, count(*) as rows
    from flex_cycle_week where week_id is not null
        and week_id not in (select week_id from week)
    union all
    select 'flex_cycle_week.cycle_id' as reference, count(*) as rows
    from flex_cycle_week where cycle_id is not null
        and cycle_id not in (select cycle_id from flex_cycle)
    union all
    select 'flex_session.cycle_id' as reference, count(*) as rows
    from flex_session where cycle_id is not null
        and cycle_id not in (select cycle_id from flex_cycle)
    union all
    select 'flex_session.slot_id' as reference, count(*) as rows
    from flex_session where slot_id is not null
        and slot_id not in (select slot_id from flex_slot)
    union all
    select 'flex_session.subject_id' as reference, count(*) as rows
    from flex_session where subject_id is not null
        and subject_id not in (select subject_id from subject)
    union all
    select 'flex_session.leader_staff_id' as reference, count(*) as rows
    from flex_session where leader_staff_id is not null
        and leader_staff_id not in (select staff_id from staff)
    union all
    select 'flex_plan.cycle_id' as reference, count(*) as rows
    from flex_plan where cycle_id is not null
        and cycle_id not in (select cycle_id from flex_cycle)
    union all
    select 'flex_assignment.plan_id' as reference, count(*) as rows
    from flex_assignment where plan_id is not null
        and plan_id not in (select plan_id from flex_plan)
    union all
    select 'flex_assignment.slot_id' as reference, count(*) as rows
    from flex_assignment where slot_id is not null
        and slot_id not in (select slot_id from flex_slot)
    union all
    select 'flex_assignment.learner_id' as reference, count(*) as rows
    from flex_assignment where learner_id is not null
        and learner_id not in (select learner_id from learner)
    union all
    select 'flex_assignment.session_id' as reference, count(*) as rows
    from flex_assignment where session_id is not null
        and session_id not in (select session_id from flex_session)
    union all
    select 'flex_attendance.week_id' as reference, count(*) as rows
    from flex_attendance where week_id is not null
        and week_id not in (select week_id from week)
    union all
    select 'flex_attendance.session_id' as reference, count(*) as rows
    from flex_attendance where session_id is not null
        and session_id not in (select session_id from flex_session)
    union all
    select 'flex_attendance.learner_id' as reference, count(*) as rows
    from flex_attendance where learner_id is not null
        and learner_id not in (select learner_id from learner)
    union all
    select 'feedback_note.learner_id' as reference, count(*) as rows
    from feedback_note where learner_id is not null
        and learner_id not in (select learner_id from learner)
    union all
    select 'feedback_note.session_id' as reference, count(*) as rows
    from feedback_note where session_id is not null
        and session_id not in (select session_id from flex_session)
    union all
    select 'feedback_note.week_id' as reference, count(*) as rows
    from feedback_note where week_id is not null
        and week_id not in (select week_id from week)
    union all
    select 'survey_respondent.survey_id' as reference, count(*) as rows
    from survey_respondent where survey_id is not null
        and survey_id not in (select survey_id from survey)
    union all
    select 'survey_respondent.learner_id' as reference, count(*) as rows
    from survey_respondent where learner_id is not null
        and learner_id not in (select learner_id from learner)
    union all
    select 'survey_respondent.staff_id' as reference, count(*) as rows
    from survey_respondent where staff_id is not null
        and staff_id not in (select staff_id from staff)
    union all
    select 'app_user.staff_id' as reference, count(*) as rows
    from app_user where staff_id is not null
        and staff_id not in (select staff_id from staff)
    union all
    select 'user_role.user_id' as reference, count(*) as rows
    from user_role where user_id is not null
        and user_id not in (select user_id from app_user)
    union all
    select 'user_class.user_id' as reference, count(*) as rows
    from user_class where user_id is not null
        and user_id not in (select user_id from app_user)
    union all
    select 'user_class.class_id' as reference, count(*) as rows
    from user_class where class_id is not null
        and class_id not in (select class_id from class)
    union all
    select 'survey_answer.respondent_id' as reference, count(*) as rows
    from survey_answer as a where not exists (
        select 1 from survey_respondent as r
        where r.survey_id = a.survey_id and r.respondent_id = a.respondent_id)
)

select * from broken where rows > 0 order by reference
