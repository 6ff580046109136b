-- Change a session of an offer.
-- params: $session_id (INTEGER), $slot_id (INTEGER), $code (VARCHAR), $kind (VARCHAR),
--         $subject_id (VARCHAR), $title (VARCHAR), $leader_staff_id (INTEGER),
--         $leader_name (VARCHAR), $leader_kind (VARCHAR), $room (VARCHAR), $capacity (INTEGER),
--         $years_of_study (SMALLINT[]), $class_codes (VARCHAR[])
update flex_session
set slot_id = $slot_id,
    code = $code,
    kind = $kind,
    subject_id = $subject_id,
    title = $title,
    leader_staff_id = $leader_staff_id,
    leader_name = $leader_name,
    leader_kind = $leader_kind,
    room = $room,
    capacity = $capacity,
    years_of_study = $years_of_study::smallint[],
    class_codes = $class_codes::varchar[]
where session_id = $session_id
