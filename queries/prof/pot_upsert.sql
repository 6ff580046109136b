-- A pot the key made, with its allocation.
-- params: $school_year (VARCHAR), $target_kind (VARCHAR), $target (VARCHAR), $allocated (DECIMAL)
insert into prof_pot (pot_id, school_year_id, target_kind, target, allocated)
values (nextval('prof_pot_id_seq'), $school_year, $target_kind, $target, $allocated)
on conflict (school_year_id, target_kind, target) do update set allocated = excluded.allocated
