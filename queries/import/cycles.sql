-- The flex cycles of a school year with their weeks, for imports of the offer.
-- params: $school_year (VARCHAR)
select
    c.cycle_id,
    c.seq,
    list(cw.week_id order by cw.week_id) as weeks
from flex_cycle as c
left join flex_cycle_week as cw using (cycle_id)
where c.school_year_id = $school_year
group by all
order by c.seq
