-- One learner's flex sessions per cycle of a school year (the latest published version), with
-- how often they were present, absent or excused, and why they were there.
-- params: $learner_id (INTEGER), $school_year (VARCHAR), $lang (VARCHAR), $scope_all,
--         $scope_class_ids, $scope_leader, $scope_school_year
with plans as (
    select cycle_id, seq, first_monday, plan_id from published_plans($school_year)
),

presence as (
    select
        session_id,
        count(*) filter (where status = 'present')  as present,
        count(*) filter (where status = 'absent')   as absent,
        count(*) filter (where status = 'excused')  as excused
    from flex_attendance
    where learner_id = $learner_id
    group by all
)

select
    p.seq                                                         as cycle,
    p.first_monday,
    sl.weekday,
    sl.lesson_hour,
    s.code,
    s.kind,
    coalesce(s.title, if($lang = 'en', sj.name_en, sj.name_nl))   as topic,
    a.reason_code,
    coalesce(pr.present, 0)                                       as present,
    coalesce(pr.absent, 0)                                        as absent,
    coalesce(pr.excused, 0)                                       as excused
from flex_assignment as a
join visible_learners($scope_all, $scope_class_ids::integer[], $scope_leader::integer,
                      $scope_school_year::varchar) as v
    using (learner_id)
join plans as p using (plan_id)
join flex_session as s using (session_id)
join flex_slot as sl on sl.slot_id = a.slot_id
left join subject as sj on sj.subject_id = s.subject_id
left join presence as pr on pr.session_id = a.session_id
where a.learner_id = $learner_id
order by p.seq, sl.weekday, sl.lesson_hour
