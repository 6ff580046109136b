-- The induction of starting teachers of a school year: starter, mentor, the agreement, and how
-- many activities per strand are planned and done. Names for the director only.
-- params: $school_year (VARCHAR), $scope_staff_data (BOOLEAN)
select
    i.induction_id,
    i.starter_staff_id,
    s.last_name || ', ' || s.first_name                              as starter,
    i.mentor_staff_id,
    m.last_name || ', ' || m.first_name                              as mentor,
    i.agreement,
    i.agreed_on,
    count(a.activity_id) filter (where a.strand = 'welcome')          as welcome,
    count(a.activity_id) filter (where a.strand = 'personal')         as personal,
    count(a.activity_id) filter (where a.strand = 'classroom')        as classroom,
    count(a.activity_id) filter (where a.done_on is not null)         as done,
    count(a.activity_id)                                              as activities
from prof_induction as i
join staff as s on s.staff_id = i.starter_staff_id
left join staff as m on m.staff_id = i.mentor_staff_id
left join prof_induction_activity as a using (induction_id)
where i.school_year_id = $school_year and $scope_staff_data
group by all
order by starter
