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
    union all
    select 'survey_question.survey_id' as reference, count(*) as rows
    from survey_question where survey_id is not null
        and survey_id not in (select survey_id from survey)
    union all
    select 'flex_choice.cycle_id' as reference, count(*) as rows
    from flex_choice where cycle_id is not null
        and cycle_id not in (select cycle_id from flex_cycle)
    union all
    select 'flex_choice.learner_id' as reference, count(*) as rows
    from flex_choice where learner_id is not null
        and learner_id not in (select learner_id from learner)
    union all
    select 'flex_choice.subject_id' as reference, count(*) as rows
    from flex_choice where subject_id is not null
        and subject_id not in (select subject_id from subject)
    union all
    select 'prof_competence.domain_id' as reference, count(*) as rows
    from prof_competence where domain_id is not null
        and domain_id not in (select domain_id from prof_domain)
    union all
    select 'prof_needed_level.competence_id' as reference, count(*) as rows
    from prof_needed_level where competence_id is not null
        and competence_id not in (select competence_id from prof_competence)
    union all
    select 'prof_staff_grade.staff_id' as reference, count(*) as rows
    from prof_staff_grade where staff_id is not null
        and staff_id not in (select staff_id from staff)
    union all
    select 'prof_team_member.staff_id' as reference, count(*) as rows
    from prof_team_member where staff_id is not null
        and staff_id not in (select staff_id from staff)
    union all
    select 'prof_staff_level.staff_id' as reference, count(*) as rows
    from prof_staff_level where staff_id is not null
        and staff_id not in (select staff_id from staff)
    union all
    select 'prof_staff_level.competence_id' as reference, count(*) as rows
    from prof_staff_level where competence_id is not null
        and competence_id not in (select competence_id from prof_competence)
    union all
    select 'prof_expertise.staff_id' as reference, count(*) as rows
    from prof_expertise where staff_id is not null
        and staff_id not in (select staff_id from staff)
    union all
    select 'prof_expertise.competence_id' as reference, count(*) as rows
    from prof_expertise where competence_id is not null
        and competence_id not in (select competence_id from prof_competence)
    union all
    select 'prof_priority.school_year_id' as reference, count(*) as rows
    from prof_priority where school_year_id is not null
        and school_year_id not in (select school_year_id from school_year)
    union all
    select 'prof_initiative.school_year_id' as reference, count(*) as rows
    from prof_initiative where school_year_id is not null
        and school_year_id not in (select school_year_id from school_year)
    union all
    select 'prof_initiative.priority_id' as reference, count(*) as rows
    from prof_initiative where priority_id is not null
        and priority_id not in (select priority_id from prof_priority)
    union all
    select 'prof_initiative.competence_id' as reference, count(*) as rows
    from prof_initiative where competence_id is not null
        and competence_id not in (select competence_id from prof_competence)
    union all
    select 'prof_participant.initiative_id' as reference, count(*) as rows
    from prof_participant where initiative_id is not null
        and initiative_id not in (select initiative_id from prof_initiative)
    union all
    select 'prof_participant.staff_id' as reference, count(*) as rows
    from prof_participant where staff_id is not null
        and staff_id not in (select staff_id from staff)
    union all
    select 'prof_participant.request_id' as reference, count(*) as rows
    from prof_participant where request_id is not null
        and request_id not in (select request_id from prof_request)
    union all
    select 'prof_induction.school_year_id' as reference, count(*) as rows
    from prof_induction where school_year_id is not null
        and school_year_id not in (select school_year_id from school_year)
    union all
    select 'prof_induction.starter_staff_id' as reference, count(*) as rows
    from prof_induction where starter_staff_id is not null
        and starter_staff_id not in (select staff_id from staff)
    union all
    select 'prof_induction.mentor_staff_id' as reference, count(*) as rows
    from prof_induction where mentor_staff_id is not null
        and mentor_staff_id not in (select staff_id from staff)
    union all
    select 'prof_induction_activity.induction_id' as reference, count(*) as rows
    from prof_induction_activity where induction_id is not null
        and induction_id not in (select induction_id from prof_induction)
    union all
    select 'prof_budget_source.school_year_id' as reference, count(*) as rows
    from prof_budget_source where school_year_id is not null
        and school_year_id not in (select school_year_id from school_year)
    union all
    select 'prof_key_line.school_year_id' as reference, count(*) as rows
    from prof_key_line where school_year_id is not null
        and school_year_id not in (select school_year_id from school_year)
    union all
    select 'prof_key_applied.school_year_id' as reference, count(*) as rows
    from prof_key_applied where school_year_id is not null
        and school_year_id not in (select school_year_id from school_year)
    union all
    select 'prof_pot.school_year_id' as reference, count(*) as rows
    from prof_pot where school_year_id is not null
        and school_year_id not in (select school_year_id from school_year)
    union all
    select 'prof_request.school_year_id' as reference, count(*) as rows
    from prof_request where school_year_id is not null
        and school_year_id not in (select school_year_id from school_year)
    union all
    select 'prof_request.staff_id' as reference, count(*) as rows
    from prof_request where staff_id is not null
        and staff_id not in (select staff_id from staff)
    union all
    select 'prof_request.created_by' as reference, count(*) as rows
    from prof_request where created_by is not null
        and created_by not in (select user_id from app_user)
    union all
    select 'prof_request.initiative_id' as reference, count(*) as rows
    from prof_request where initiative_id is not null
        and initiative_id not in (select initiative_id from prof_initiative)
    union all
    select 'prof_request.competence_id' as reference, count(*) as rows
    from prof_request where competence_id is not null
        and competence_id not in (select competence_id from prof_competence)
    union all
    select 'prof_request.subject_id' as reference, count(*) as rows
    from prof_request where subject_id is not null
        and subject_id not in (select subject_id from subject)
    union all
    select 'prof_request.pot_id' as reference, count(*) as rows
    from prof_request where pot_id is not null
        and pot_id not in (select pot_id from prof_pot)
    union all
    select 'prof_request_step.request_id' as reference, count(*) as rows
    from prof_request_step where request_id is not null
        and request_id not in (select request_id from prof_request)
    union all
    select 'prof_request_step.by_user_id' as reference, count(*) as rows
    from prof_request_step where by_user_id is not null
        and by_user_id not in (select user_id from app_user)
    union all
    select 'prof_spending.school_year_id' as reference, count(*) as rows
    from prof_spending where school_year_id is not null
        and school_year_id not in (select school_year_id from school_year)
    union all
    select 'prof_spending.pot_id' as reference, count(*) as rows
    from prof_spending where pot_id is not null
        and pot_id not in (select pot_id from prof_pot)
    union all
    select 'prof_spending.request_id' as reference, count(*) as rows
    from prof_spending where request_id is not null
        and request_id not in (select request_id from prof_request)
    union all
    select 'prof_spending.initiative_id' as reference, count(*) as rows
    from prof_spending where initiative_id is not null
        and initiative_id not in (select initiative_id from prof_initiative)
    union all
    select 'prof_evaluation.initiative_id' as reference, count(*) as rows
    from prof_evaluation where initiative_id is not null
        and initiative_id not in (select initiative_id from prof_initiative)
    union all
    select 'prof_evaluation.staff_id' as reference, count(*) as rows
    from prof_evaluation where staff_id is not null
        and staff_id not in (select staff_id from staff)
    union all
    select 'kw_indicator.effect_id' as reference, count(*) as rows
    from kw_indicator where effect_id is not null
        and effect_id not in (select effect_id from kw_effect)
    union all
    select 'kw_round.created_by' as reference, count(*) as rows
    from kw_round where created_by is not null
        and created_by not in (select user_id from app_user)
    union all
    select 'kw_score.round_id' as reference, count(*) as rows
    from kw_score where round_id is not null
        and round_id not in (select round_id from kw_round)
    union all
    select 'kw_score.indicator_id' as reference, count(*) as rows
    from kw_score where indicator_id is not null
        and indicator_id not in (select indicator_id from kw_indicator)
    union all
    select 'tl_task.role_id' as reference, count(*) as rows
    from tl_task where role_id is not null
        and role_id not in (select role_id from tl_role)
    union all
    select 'tl_holder.role_id' as reference, count(*) as rows
    from tl_holder where role_id is not null
        and role_id not in (select role_id from tl_role)
    union all
    select 'tl_holder.staff_id' as reference, count(*) as rows
    from tl_holder where staff_id is not null
        and staff_id not in (select staff_id from staff)
    union all
    select 'wb_trajectory.teacher_user_id' as reference, count(*) as rows
    from wb_trajectory where teacher_user_id is not null
        and teacher_user_id not in (select user_id from app_user)
    union all
    select 'wb_trajectory.adviser_user_id' as reference, count(*) as rows
    from wb_trajectory where adviser_user_id is not null
        and adviser_user_id not in (select user_id from app_user)
    union all
    select 'wb_trajectory.manager_user_id' as reference, count(*) as rows
    from wb_trajectory where manager_user_id is not null
        and manager_user_id not in (select user_id from app_user)
    union all
    select 'wb_goal.trajectory_id' as reference, count(*) as rows
    from wb_goal where trajectory_id is not null
        and trajectory_id not in (select trajectory_id from wb_trajectory)
    union all
    select 'wb_visit.trajectory_id' as reference, count(*) as rows
    from wb_visit where trajectory_id is not null
        and trajectory_id not in (select trajectory_id from wb_trajectory)
    union all
    select 'wb_rating.visit_id' as reference, count(*) as rows
    from wb_rating where visit_id is not null
        and visit_id not in (select visit_id from wb_visit)
    union all
    select 'wb_rating.goal_id' as reference, count(*) as rows
    from wb_rating where goal_id is not null
        and goal_id not in (select goal_id from wb_goal)
    union all
    select 'wb_report.trajectory_id' as reference, count(*) as rows
    from wb_report where trajectory_id is not null
        and trajectory_id not in (select trajectory_id from wb_trajectory)
)

select * from broken where rows > 0 order by reference
