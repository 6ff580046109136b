-- Every recorded level of staff members: the director sees all, a staff member their own.
-- params: $scope_staff_data (BOOLEAN), $scope_user_id (INTEGER)
select
    l.staff_id,
    l.competence_id,
    l.source,
    l.level,
    l.assessed_on,
    l.note
from prof_staff_level as l
where $scope_staff_data
    or l.staff_id in (select staff_id from app_user where user_id = $scope_user_id)
order by l.staff_id, l.competence_id, l.assessed_on
