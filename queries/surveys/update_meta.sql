-- A survey's name, tag and audience, as the person who uploaded it set them.
-- params: $survey_id (INTEGER), $title (VARCHAR), $tag (VARCHAR or NULL), $audience (VARCHAR)
update survey
set title = $title,
    tag = $tag,
    audience = $audience
where survey_id = $survey_id
