-- An earlier survey from the same form (same questions and title): a longer export of it adds
-- its new respondents there instead of making a second survey.
-- params: $signature (VARCHAR), $title (VARCHAR)
select survey_id
from survey
where signature = $signature
    and title = $title
order by survey_id desc
limit 1
