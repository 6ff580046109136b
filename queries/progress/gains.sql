-- Learning gain per flex session of a school year: how much the participants' share in the
-- session's subject changed from the period before the cycle to the period after, beside
-- comparable learners (the same classes, the same subject, in no session of that subject in any
-- published version of that cycle: one moved out after week one may have attended, so counts in
-- neither group), with the number of learners and the sessions attended. Sums and counts, so any
-- grouping (kind, subject, leader) can be averaged exactly.
-- params: $school_year (VARCHAR)
with participants as (
    select * from flex_participation($school_year)
),

sessions as (
    select
        cycle_id,
        any_value(cycle_seq)               as cycle_seq,
        session_id,
        any_value(code)                    as code,
        any_value(kind)                    as kind,
        any_value(subject_id)              as subject_id,
        any_value(leader_staff_id)         as leader_staff_id,
        any_value(leader_name)             as leader_name,
        count(*)                           as learners,
        sum(after_share - before_share)    as gain_sum,
        sum(present)                       as present_sum
    from participants
    group by cycle_id, session_id
),

groups as (
    select distinct cycle_id, session_id, subject_id, class_id, before_id, after_id
    from participants
),

comparison as (
    select
        g.cycle_id,
        g.session_id,
        count(*)                           as learners,
        sum(f.score / f.max_score - b.score / b.max_score) as gain_sum
    from groups as g
    join enrolment as e on e.class_id = g.class_id
    join result as b
        on b.learner_id = e.learner_id and b.subject_id = g.subject_id
        and b.period_id = g.before_id and b.score is not null
    join result as f
        on f.learner_id = e.learner_id and f.subject_id = g.subject_id
        and f.period_id = g.after_id and f.score is not null
    where not exists (
        select 1
        from flex_assignment as a
        join flex_plan as p using (plan_id)
        join flex_session as s on s.session_id = a.session_id
        where p.cycle_id = g.cycle_id
            and p.status = 'published'
            and a.learner_id = e.learner_id
            and s.subject_id = g.subject_id
    )
    group by all
)

select
    s.*,
    coalesce(st.first_name || ' ' || st.last_name, s.leader_name)  as leader,
    coalesce(c.learners, 0)                                        as comparison_learners,
    coalesce(c.gain_sum, 0)                                        as comparison_gain_sum
from sessions as s
left join comparison as c using (cycle_id, session_id)
left join staff as st on st.staff_id = s.leader_staff_id
order by s.cycle_seq, s.code, s.session_id
