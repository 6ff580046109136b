-- The flex slots (day and lesson hour) that exist.
select
    slot_id,
    weekday,
    lesson_hour
from flex_slot
