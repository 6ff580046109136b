-- Record that a visit took place.
-- params: $visit_id (INTEGER)
update wb_visit
set held = true
where visit_id = $visit_id
