-- The most recent survey, with its number of respondents.
select
    s.survey_id,
    s.title,
    s.tag,
    s.audience,
    s.created_at,
    count(r.respondent_id) as respondents
from survey as s
left join survey_respondent as r using (survey_id)
group by all
order by s.created_at desc, s.survey_id desc
limit 1
