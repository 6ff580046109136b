-- Levels from a staff survey tagged 'professional needs': answers on a scale to questions that
-- name a competence code ('[DID3] ...' or 'DID3 ...'), rescaled to levels 1 to 4.
-- params: $survey_id (INTEGER)
with questions as (
    select q.question_no, q.scale_min, q.scale_max, c.competence_id
    from survey_question as q
    join prof_competence as c
        on regexp_matches(upper(q.question), '(^|\[|\s)' || c.code || '(\]|\s|:|$)')
    where q.survey_id = $survey_id and q.question_type = 'scale'
        and q.scale_max > q.scale_min
),

answers as (
    select
        r.staff_id,
        q.competence_id,
        a.answer_value,
        q.scale_min,
        q.scale_max,
        coalesce(r.answered_at, s.created_at)::date as assessed_on
    from survey_answer as a
    join survey_respondent as r using (survey_id, respondent_id)
    join survey as s using (survey_id)
    join questions as q on q.question_no = a.question_no
    where a.survey_id = $survey_id and s.tag = 'professional_needs'
        and r.staff_id is not null and a.answer_value is not null
)

select
    staff_id,
    competence_id,
    greatest(1, least(4, round(1 + 3 * (avg(answer_value) - min(scale_min))
        / (max(scale_max) - min(scale_min)))))::integer as level,
    max(assessed_on)                                      as assessed_on
from answers
group by staff_id, competence_id
