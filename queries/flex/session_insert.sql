-- A new session in a cycle's offer.
-- params: $session_id (INTEGER), $cycle_id (INTEGER), $slot_id (INTEGER), $code (VARCHAR),
--         $kind (VARCHAR), $subject_id (VARCHAR), $title (VARCHAR), $leader_staff_id (INTEGER),
--         $leader_name (VARCHAR), $leader_kind (VARCHAR), $room (VARCHAR), $capacity (INTEGER),
--         $years_of_study (SMALLINT[]), $class_codes (VARCHAR[])
insert into flex_session (session_id, cycle_id, slot_id, code, kind, subject_id, title,
                          leader_staff_id, leader_name, leader_kind, room, capacity,
                          years_of_study, class_codes)
values ($session_id, $cycle_id, $slot_id, $code, $kind, $subject_id, $title, $leader_staff_id,
        $leader_name, $leader_kind, $room, $capacity, $years_of_study::smallint[],
        $class_codes::varchar[])
