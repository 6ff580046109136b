-- One learner's feedback notes from flex sessions (feed up, feedback, feed forward) of one
-- school year, as the flex table beside them (the year of the note's week, else of its
-- session's cycle, else of the day it was written), newest first.
-- params: $learner_id (INTEGER), $school_year (VARCHAR), $lang (VARCHAR), $scope_all,
--         $scope_class_ids, $scope_leader, $scope_school_year
select
    f.created_at,
    f.week_id,
    s.code,
    coalesce(s.title, if($lang = 'en', sj.name_en, sj.name_nl))   as topic,
    f.author,
    f.feed_up,
    f.feedback,
    f.feed_forward
from feedback_note as f
join visible_learners($scope_all, $scope_class_ids::integer[], $scope_leader::integer,
                      $scope_school_year::varchar) as v
    using (learner_id)
left join flex_session as s using (session_id)
left join subject as sj on sj.subject_id = s.subject_id
left join week as w on w.week_id = f.week_id
left join flex_cycle as c on c.cycle_id = s.cycle_id
where f.learner_id = $learner_id
    and coalesce(w.school_year_id, c.school_year_id,
                 cast(year(f.created_at) - if(month(f.created_at) >= 9, 0, 1) as varchar)
                 || '-'
                 || cast(year(f.created_at) + if(month(f.created_at) >= 9, 1, 0) as varchar))
        = $school_year
order by f.created_at desc
