-- The flex cycles a decision reaches (composition reads the decisions open on a cycle's first
-- Monday) that are not over yet, with the sessions of each that could meet it: of its kind, and
-- of its subject when it has one. A cycle without any session has no offer yet.
-- params: $kind (VARCHAR), $subject_id (VARCHAR), $valid_from (DATE), $valid_until (DATE),
--         $today (DATE)
with cycles as (
    select c.cycle_id, c.seq, c.school_year_id, min(w.monday) as first_monday,
           max(w.monday) as last_monday
    from flex_cycle as c
    join flex_cycle_week as cw using (cycle_id)
    join week as w using (week_id)
    group by all
),

reached as (
    select *
    from cycles
    where first_monday >= $valid_from
        and ($valid_until is null or first_monday <= $valid_until)
        and last_monday + 4 >= $today
)

select
    r.cycle_id,
    r.seq,
    r.school_year_id,
    r.first_monday,
    r.last_monday,
    (select count(*) from flex_session as a where a.cycle_id = r.cycle_id)   as sessions,
    s.session_id,
    s.slot_id,
    s.kind,
    s.subject_id,
    s.title,
    s.capacity,
    null::varchar                                                            as subject_name,
    s.years_of_study,
    s.class_codes
from reached as r
left join flex_session as s
    on s.cycle_id = r.cycle_id
    and s.kind = $kind
    and ($subject_id is null or s.subject_id = $subject_id)
order by r.first_monday, s.session_id
