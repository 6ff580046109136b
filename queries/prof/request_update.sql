-- Change a request that is still a draft or submitted, only if nobody changed it since it was
-- loaded (its version); returns how many rows changed (0: changed meanwhile, or decided).
-- params: $request_id (INTEGER), $version (INTEGER), $initiative_id (INTEGER), $title (VARCHAR),
-- $goal (VARCHAR), $partner (VARCHAR), $form (VARCHAR), $competence_id (INTEGER),
-- $subject_id (VARCHAR), $class_ids (INTEGER[]), $starts_on (DATE), $ends_on (DATE),
-- $fee (DECIMAL), $travel (DECIMAL), $substitute (DECIMAL), $hours (DECIMAL),
-- $sharing_plan (VARCHAR), $now (TIMESTAMP)
update prof_request set
    initiative_id = $initiative_id,
    title = $title,
    goal = $goal,
    partner = $partner,
    form = $form,
    competence_id = $competence_id,
    subject_id = $subject_id,
    class_ids = $class_ids,
    starts_on = $starts_on,
    ends_on = $ends_on,
    fee = $fee,
    travel = $travel,
    substitute = $substitute,
    hours = $hours,
    sharing_plan = $sharing_plan,
    version = version + 1,
    updated_at = $now
where request_id = $request_id and version = $version and state in ('draft', 'submitted')
