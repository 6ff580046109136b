-- Weeks of a school year in which flex runs, with their cycle, for the week picker.
-- params: $school_year (VARCHAR)
select
    w.week_id,
    w.monday,
    c.cycle_id,
    c.seq as cycle_seq
from flex_cycle_week as cw
join week as w using (week_id)
join flex_cycle as c using (cycle_id)
where c.school_year_id = $school_year
order by w.monday
