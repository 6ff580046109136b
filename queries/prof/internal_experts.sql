-- Colleagues who can share a competence (declared, or completed an initiative on it): the
-- suggestion shown before an external request for the same competence. Names are colleagues'
-- offers to share, not appraisal data.
-- params: $competence_id (INTEGER), $staff_id (INTEGER, the requester, left out)
select distinct
    s.staff_id,
    s.last_name || ', ' || s.first_name as name,
    coalesce(s.subject_team, '')        as subject_team
from staff as s
where s.left_on is null and s.staff_id <> coalesce($staff_id, -1)
    and (
        s.staff_id in (select staff_id from prof_expertise where competence_id = $competence_id)
        or s.staff_id in (select staff_id from prof_request
                          where competence_id = $competence_id
                              and state in ('done', 'evaluated'))
    )
order by name
