-- Staff members still at school, for linking an account or choosing a leader.
select
    staff_id,
    last_name || ', ' || first_name as name,
    subject_team,
    external_id                                     -- personnel number: tells namesakes apart
from staff
where left_on is null
order by last_name, first_name
