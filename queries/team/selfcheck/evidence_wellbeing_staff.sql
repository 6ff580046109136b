-- Evidence for the self-assessment (indicator 11.1): the last well-being survey of staff
-- (tag 'wellbeing', audience 'staff') answered by today: its date, how many staff members
-- answered it, and how many days ago that was. One row: value (days since), numerator
-- (respondents), denominator (surveys this school year), last_on.
-- params: $school_year (VARCHAR), $today (DATE)
with surveys as (
    select
        s.survey_id,
        coalesce(max(r.answered_at), any_value(s.created_at))::date as last_on,
        count(r.respondent_id) as respondents
    from survey as s
    left join survey_respondent as r using (survey_id)
    where s.tag = 'wellbeing'
        and s.audience = 'staff'
    group by all
    having coalesce(max(r.answered_at), any_value(s.created_at))::date <= $today
),

bounds as (
    select starts_on
    from school_year
    where school_year_id = $school_year
),

last_one as (
    select *
    from surveys
    order by last_on desc
    limit 1
)

select
    date_diff('day', l.last_on, $today)::double as value,
    l.respondents as numerator,
    (select count(*) from surveys, bounds where surveys.last_on >= bounds.starts_on) as denominator,
    l.last_on
from last_one as l
