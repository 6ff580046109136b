-- Before a priority is removed: its initiatives stay, without a priority.
-- params: $priority_id (INTEGER)
update prof_initiative set priority_id = null where priority_id = $priority_id
