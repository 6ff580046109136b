-- Every session of a cycle with how many learners a plan places in it, for the board.
-- params: $cycle_id (INTEGER), $plan_id (INTEGER), $lang (VARCHAR 'nl' | 'en')
with assigned as (
    select
        session_id,
        count(*) as learners,
        count(*) filter (is_locked) as locked
    from flex_assignment
    where plan_id = $plan_id
    group by all
)

select
    s.session_id,
    s.slot_id,
    sl.weekday,
    sl.lesson_hour,
    s.code,
    s.kind,
    s.subject_id,
    coalesce(s.title, if($lang = 'en', sj.name_en, sj.name_nl))   as topic,
    s.leader_staff_id,
    coalesce(s.leader_name, st.first_name || ' ' || st.last_name) as leader,
    s.leader_kind,
    s.room,
    s.capacity,
    s.years_of_study,
    s.class_codes,
    coalesce(a.learners, 0)                                      as learners,
    coalesce(a.locked, 0)                                        as locked,
    coalesce(a.learners, 0) / s.capacity                         as fill
from flex_session as s
join flex_slot as sl using (slot_id)
left join subject as sj using (subject_id)
left join staff as st on st.staff_id = s.leader_staff_id
left join assigned as a using (session_id)
where s.cycle_id = $cycle_id
order by sl.weekday, sl.lesson_hour, s.kind, s.code
