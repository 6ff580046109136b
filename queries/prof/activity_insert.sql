-- Plan an activity of an induction.
-- params: $induction_id (INTEGER), $strand (VARCHAR), $title (VARCHAR), $planned_on (DATE),
-- $done_on (DATE)
insert into prof_induction_activity (induction_id, strand, title, planned_on, done_on)
values ($induction_id, $strand, $title, $planned_on, $done_on)
