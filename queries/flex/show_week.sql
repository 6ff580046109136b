-- The flex week to show: the week of $monday if flex runs then, else the next week that has a
-- flex cycle (after a holiday, or before the first cycle of the year).
-- params: $monday (DATE, Monday of the current week)
select
    w.week_id,
    w.monday,
    cw.cycle_id,
    c.seq                 as cycle_seq,
    c.school_year_id,
    w.monday = $monday    as is_this_week
from flex_cycle_week as cw
join week as w using (week_id)
join flex_cycle as c using (cycle_id)
where w.monday >= $monday
order by w.monday
limit 1
