-- 011: a flex teacher's learners are those of the sessions they lead in the current school
-- year's published plans (the latest published version of each cycle, as on the board), not
-- every learner ever published into one of their sessions, last school year included.
--
-- The school year comes in as a parameter (p_leader_year, the app's own today through
-- app/school_calendar.py), never from current_date: a pinned date (FLEXWIJS_TODAY) and the
-- database's clock may disagree. Both macros get the new parameter, so a query still calling
-- them the old way fails loudly instead of running with the old, wider scope.

create or replace macro visible_learners(p_all, p_classes, p_leader, p_leader_year) as table
    select learner_id
    from learner
    where p_all
    union
    select e.learner_id
    from enrolment as e
    where list_contains(p_classes, e.class_id)
    union
    select a.learner_id
    from published_plans(p_leader_year) as pp
    join flex_assignment as a using (plan_id)
    join flex_session as s using (session_id)
    where p_leader is not null
        and s.leader_staff_id = p_leader;

-- As in 002, with the leader's school year passed on to visible_learners.
create or replace macro visible_respondents(p_all, p_classes, p_leader, p_leader_year, p_user,
                                            p_staff) as table
    select r.survey_id, r.respondent_id
    from survey_respondent as r
    join survey as s using (survey_id)
    where (p_user is not null and s.created_by = p_user)
        or r.learner_id in (select learner_id
                            from visible_learners(p_all, p_classes, p_leader, p_leader_year))
        or (r.staff_id is not null and p_staff)
        or (r.learner_id is null and r.staff_id is null and p_all);
