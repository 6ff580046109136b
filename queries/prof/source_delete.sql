-- Remove a budget source.
-- params: $source_id (INTEGER)
delete from prof_budget_source where source_id = $source_id
