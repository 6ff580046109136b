-- A staff member belongs to a team (other than their subject team).
-- params: $team (VARCHAR), $staff_id (INTEGER)
insert into prof_team_member (team, staff_id) values ($team, $staff_id)
on conflict do nothing
