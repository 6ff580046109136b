-- Record the feedback talk after a coaching visit: when, the teacher's reflection and the
-- adviser's concrete advice (the visit took place).
-- params: $visit_id (INTEGER), $talk_on (DATE), $reflection (VARCHAR), $advice (VARCHAR)
update wb_visit
set held = true,
    talk_on = $talk_on,
    reflection = $reflection,
    advice = $advice
where visit_id = $visit_id
