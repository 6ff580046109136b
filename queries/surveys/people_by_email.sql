-- Learners and staff by e-mail address (lower case), to link survey respondents to them.
select
    lower(email)  as email,
    learner_id,
    null::integer as staff_id
from learner
where email is not null
union all
select
    lower(email),
    null,
    staff_id
from staff
where email is not null
