-- 005: publishing flex groups. A flex teacher sees the learners of the sessions they lead once
-- the groups are published, not while the flex team is still composing them; attendance and
-- feedback say who entered them and when.

create or replace macro visible_learners(p_all, p_classes, p_leader) as table
    select learner_id
    from learner
    where p_all
    union
    select e.learner_id
    from enrolment as e
    where list_contains(p_classes, e.class_id)
    union
    select a.learner_id
    from flex_assignment as a
    join flex_plan as p using (plan_id)
    join flex_session as s using (session_id)
    where p_leader is not null
        and p.status = 'published'
        and s.leader_staff_id = p_leader;

alter table flex_attendance add column recorded_by varchar;
alter table flex_attendance add column recorded_at timestamp;

-- The undo journal of imports mirrors its table (003): 004 gave sessions their classes.
alter table undo_flex_session add column class_codes varchar[];
