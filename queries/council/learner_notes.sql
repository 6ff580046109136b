-- One learner's feedback notes from flex sessions (feed up, feedback, feed forward), newest
-- first.
-- params: $learner_id (INTEGER), $lang (VARCHAR), $scope_all, $scope_class_ids, $scope_leader,
--         $scope_school_year
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
where f.learner_id = $learner_id
order by f.created_at desc
