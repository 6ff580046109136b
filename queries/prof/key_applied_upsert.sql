-- Record that the key was applied.
-- params: $school_year (VARCHAR), $budget (DECIMAL), $applied_by (VARCHAR),
-- $applied_at (TIMESTAMP)
insert into prof_key_applied (school_year_id, budget, applied_by, applied_at)
values ($school_year, $budget, $applied_by, $applied_at)
on conflict (school_year_id) do update set
    budget = excluded.budget, applied_by = excluded.applied_by, applied_at = excluded.applied_at
