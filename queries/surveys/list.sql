-- Every survey, newest first, with its number of respondents and complete responses.
select
    s.survey_id,
    s.title,
    s.source,
    s.tag,
    s.audience,
    s.created_at,
    count(r.respondent_id)                         as respondents,
    count(r.respondent_id) filter (where r.is_complete) as complete
from survey as s
left join survey_respondent as r using (survey_id)
group by all
order by s.created_at desc, s.survey_id desc
