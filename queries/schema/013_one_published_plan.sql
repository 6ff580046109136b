-- 013: one definition of "the latest published version of each cycle": published_plans (009).
-- flex_participation (006) kept a copy of it; it now asks published_plans, so progress, the
-- class overview, the timeline and the self-assessment can never disagree on which plan counts.

create or replace macro flex_participation(p_school_year) as table
    with periods as (
        select p.period_id, p.seq, p.ends_on
        from period as p
        where p.school_year_id = p_school_year
            and exists (select 1 from result as r where r.period_id = p.period_id)
    ),
    cycles as (
        select c.cycle_id, c.seq, min(w.monday) as first_monday,
            max(w.monday) + interval 4 day as last_day
        from flex_cycle as c
        join flex_cycle_week as cw using (cycle_id)
        join week as w using (week_id)
        where c.school_year_id = p_school_year
        group by all
    ),
    windows as (
        select
            c.cycle_id,
            c.seq as cycle_seq,
            c.first_monday,
            (select p.period_id from periods as p where p.ends_on <= c.first_monday
             order by p.seq desc limit 1) as before_id,
            (select p.period_id from periods as p where p.ends_on >= c.last_day
             order by p.seq limit 1) as after_id
        from cycles as c
    ),
    plans as (
        select cycle_id, plan_id from published_plans(p_school_year)
    ),
    attended as (
        select learner_id, session_id, count(*) filter (where status = 'present') as present
        from flex_attendance
        group by all
    )
    select
        a.learner_id,
        w.cycle_id,
        w.cycle_seq,
        w.first_monday,
        a.session_id,
        s.code,
        s.kind,
        s.subject_id,
        s.leader_staff_id,
        s.leader_name,
        e.class_id,
        w.before_id,
        w.after_id,
        b.score / b.max_score as before_share,
        f.score / f.max_score as after_share,
        coalesce(t.present, 0) as present
    from flex_assignment as a
    join plans as p using (plan_id)
    join windows as w on w.cycle_id = p.cycle_id
    join flex_session as s on s.session_id = a.session_id
    join enrolment as e on e.learner_id = a.learner_id and e.school_year_id = p_school_year
    join result as b
        on b.learner_id = a.learner_id and b.subject_id = s.subject_id
        and b.period_id = w.before_id and b.score is not null
    join result as f
        on f.learner_id = a.learner_id and f.subject_id = s.subject_id
        and f.period_id = w.after_id and f.score is not null
    left join attended as t on t.learner_id = a.learner_id and t.session_id = a.session_id
    where s.kind in ('remediation', 'deepening');
