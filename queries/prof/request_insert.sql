-- A new request, saved as a draft.
-- params: $request_id (INTEGER), $school_year (VARCHAR), $staff_id (INTEGER),
-- $made_by (INTEGER), $initiative_id (INTEGER), $title (VARCHAR), $goal (VARCHAR),
-- $partner (VARCHAR), $form (VARCHAR), $competence_id (INTEGER), $subject_id (VARCHAR),
-- $class_ids (INTEGER[]), $starts_on (DATE), $ends_on (DATE), $fee (DECIMAL),
-- $travel (DECIMAL), $substitute (DECIMAL), $hours (DECIMAL), $sharing_plan (VARCHAR),
-- $now (TIMESTAMP)
insert into prof_request (request_id, school_year_id, staff_id, created_by, initiative_id, title,
                          goal, partner, form, competence_id, subject_id, class_ids, starts_on,
                          ends_on, fee, travel, substitute, hours, sharing_plan, state, version,
                          created_at, updated_at)
values ($request_id, $school_year, $staff_id, $made_by, $initiative_id, $title, $goal, $partner,
        $form, $competence_id, $subject_id, $class_ids, $starts_on, $ends_on, $fee, $travel,
        $substitute, $hours, $sharing_plan, 'draft', 1, $now, $now)
