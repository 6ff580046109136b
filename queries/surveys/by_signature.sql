-- An earlier survey from the same form (same questions and title): a longer export of it adds
-- its new respondents there instead of making a second survey. The uploader's own comes first
-- (others may have uploaded the same form as a survey of their own).
-- params: $signature (VARCHAR), $title (VARCHAR), $user_id (INTEGER)
select survey_id
from survey
where signature = $signature
    and title = $title
order by coalesce(created_by = $user_id, false) desc, survey_id desc
limit 1
