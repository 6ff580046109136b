-- The subject teams, other teams, roles and grades a key line or needed level may target.
-- params: none
select distinct 'subject_team' as kind, subject_team as target from staff
where left_on is null and subject_team is not null
union
select distinct 'team' as kind, team as target from prof_team_member
union
select distinct 'role' as kind, role as target from staff_role
union
select distinct 'grade' as kind, grade::varchar as target from class
order by kind, target
