-- Add a budget source or change its amount (by school year, kind and label).
-- params: $school_year (VARCHAR), $kind (VARCHAR), $label (VARCHAR), $amount (DECIMAL)
insert into prof_budget_source (source_id, school_year_id, kind, label, amount)
values (nextval('prof_source_id_seq'), $school_year, $kind, $label, $amount)
on conflict (school_year_id, kind, label) do update set amount = excluded.amount
