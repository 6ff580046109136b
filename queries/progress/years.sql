-- The school years with published flex groups, newest first: the progress page's year picker.
select
    c.school_year_id,
    count(distinct p.cycle_id) as cycles
from flex_plan as p
join flex_cycle as c using (cycle_id)
where p.status = 'published'
group by all
order by c.school_year_id desc
