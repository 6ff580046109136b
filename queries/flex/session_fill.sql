-- Fill level of every flex session of a cycle in its latest published plan, for the flex board.
-- params: $cycle_id (INTEGER), $lang (VARCHAR 'nl' | 'en': subject names)
with plan as (
    select latest_published_plan($cycle_id) as plan_id
    from (select 1)
    where latest_published_plan($cycle_id) is not null
),

assigned as (
    select
        session_id,
        count(*) as learners
    from flex_assignment
    where plan_id = (select plan_id from plan)
    group by all
),

final as (
    select
        s.session_id,
        s.slot_id,
        sl.weekday,
        sl.lesson_hour,
        s.code,
        s.kind,
        s.subject_id,
        coalesce(
            s.title,
            if($lang = 'en', sj.name_en, sj.name_nl)
        )                                            as topic,
        coalesce(
            s.leader_name,
            st.first_name || ' ' || st.last_name
        )                                            as leader,
        s.leader_kind,
        s.room,
        s.capacity,
        coalesce(a.learners, 0)                      as learners,
        coalesce(a.learners, 0) / s.capacity         as fill,
        (select count(*) from plan) > 0              as is_published
    from flex_session as s
    join flex_slot as sl using (slot_id)
    left join subject as sj using (subject_id)
    left join staff as st on st.staff_id = s.leader_staff_id
    left join assigned as a using (session_id)
    where s.cycle_id = $cycle_id
)

select * from final
order by weekday, lesson_hour, kind, code
