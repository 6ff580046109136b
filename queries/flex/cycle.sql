-- One flex cycle: its school year, number, weeks (ids and Mondays) and first and last Monday.
-- params: $cycle_id (INTEGER)
select
    c.cycle_id,
    c.school_year_id,
    c.seq,
    min(w.monday)                          as first_monday,
    max(w.monday)                          as last_monday,
    list(w.week_id order by w.monday)      as weeks,
    list(w.monday order by w.monday)       as mondays
from flex_cycle as c
join flex_cycle_week as cw using (cycle_id)
join week as w using (week_id)
where c.cycle_id = $cycle_id
group by all
