-- Row counts per entity, for `python -m app stats` and the Beheer page.
-- survey_responses: distinct respondents per survey, summed.
-- params: $school_year (VARCHAR, the current school year, for the *_current counts)
select
    (select count(*) from learner)                                      as learners,
    (select count(*) from enrolment where school_year_id = $school_year) as learners_current,
    (select count(*) from learner where left_on is not null)            as learners_left,
    (select count(*) from staff)                                        as staff,
    (select count(*) from class)                                        as classes,
    (select count(*) from class where school_year_id = $school_year)    as classes_current,
    (select count(*) from subject)                                      as subjects,
    (select count(*) from school_year)                                  as school_years,
    (select count(*) from result)                                       as results,
    (select count(*) from need)                                         as needs,
    (select count(*) from flex_slot)                                    as flex_slots,
    (select count(*) from flex_session)                                 as flex_sessions,
    (select count(*) from flex_assignment)                              as flex_assignments,
    (select count(*) from flex_attendance)                              as flex_attendance,
    (select count(*) from feedback_note)                                as feedback_notes,
    (select count(*) from survey)                                       as surveys,
    (select count(*) from survey_respondent)                            as survey_responses,
    (select count(*) from survey_answer)                                as survey_answers,
    (select count(*) from import_log)                                   as imports,
    (select count(*) from audit_log)                                    as audit_entries
