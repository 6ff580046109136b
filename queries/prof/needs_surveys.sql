-- Staff surveys tagged 'professional needs', newest first, for reading levels from them.
-- params: none
select s.survey_id, s.title, s.created_at, count(r.respondent_id) as respondents
from survey as s
left join survey_respondent as r using (survey_id)
where s.tag = 'professional_needs'
group by all
order by s.created_at desc
