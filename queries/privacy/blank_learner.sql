-- Erasure, step one: blank the learner's personal fields that no index covers (DuckDB rewrites
-- an update of an indexed column as delete and insert, which its foreign-key check refuses in
-- this transaction, duckdb/duckdb#13819). The identifier goes with the row in step two.
-- params: $learner_ids (INTEGER[])
update learner
set first_name = '–',
    last_name = '–',
    birth_date = null,
    email = null,
    entered_on = null,
    left_on = null
where learner_id in (select unnest($learner_ids::integer[]))
