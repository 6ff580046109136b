-- The steps of the requests a viewer may see: who moved what when.
-- params: $school_year (VARCHAR), $scope_staff_data (BOOLEAN), $scope_user_id (INTEGER)
select s.request_id, s.seq, s.from_state, s.to_state, s.by_name, s.stepped_at, s.note
from prof_request_step as s
join prof_request as r using (request_id)
where r.school_year_id = $school_year
    and ($scope_staff_data
         or r.staff_id in (select staff_id from app_user where user_id = $scope_user_id)
         or r.created_by = $scope_user_id)
order by s.request_id, s.seq
