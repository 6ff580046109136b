-- A decision or need for one learner (a change adds a successor that names what it replaces).
-- params: $need_id (INTEGER), $learner_id (INTEGER), $subject_id (VARCHAR), $kind (VARCHAR),
--         $source (VARCHAR), $priority (INTEGER), $is_hard (BOOLEAN), $reason (VARCHAR),
--         $valid_from (DATE), $valid_until (DATE), $decided_by (VARCHAR),
--         $recorded_by (VARCHAR), $replaces_need_id (INTEGER)
insert into need (need_id, learner_id, subject_id, kind, source, priority, is_hard, reason,
                  valid_from, valid_until, decided_by, recorded_by, replaces_need_id)
values ($need_id, $learner_id, $subject_id, $kind, $source, $priority, $is_hard, $reason,
        $valid_from, $valid_until, $decided_by, $recorded_by, $replaces_need_id)
