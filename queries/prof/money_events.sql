-- The budget's movements over a school year, for the burn-down: money committed when a request
-- is approved (released again when it is done), money spent on the day it was spent.
-- params: $school_year (VARCHAR)
with approved as (
    select r.request_id, r.fee + r.travel + r.substitute as cost, s.stepped_at::date as day
    from prof_request as r
    join prof_request_step as s using (request_id)
    where r.school_year_id = $school_year and s.to_state = 'approved'
),

released as (
    select a.request_id, a.cost, s.stepped_at::date as day
    from approved as a
    join prof_request_step as s using (request_id)
    where s.to_state = 'done'
)

select day, cost as committed, 0::decimal(12, 2) as spent from approved
union all
select day, -cost as committed, 0::decimal(12, 2) as spent from released
union all
select spent_on as day, 0::decimal(12, 2) as committed, amount as spent
from prof_spending
where school_year_id = $school_year
order by day
