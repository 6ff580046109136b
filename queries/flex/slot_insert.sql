-- A new flex moment in the week: a day and a lesson hour.
-- params: $slot_id (INTEGER), $weekday (INTEGER), $lesson_hour (INTEGER)
insert into flex_slot (slot_id, weekday, lesson_hour)
values ($slot_id, $weekday, $lesson_hour)
