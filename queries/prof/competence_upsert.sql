-- Add a competence (no id yet) or change one, from the framework editor.
-- params: $competence_id (INTEGER, null for a new item), $domain_id (VARCHAR), $code (VARCHAR),
-- $name_nl (VARCHAR), $name_en (VARCHAR), $ok_codes (VARCHAR[]), $seq (INTEGER),
-- $is_active (BOOLEAN)
insert into prof_competence (competence_id, domain_id, code, name_nl, name_en, ok_codes, seq,
                             is_active)
values (coalesce($competence_id, nextval('prof_competence_id_seq')), $domain_id, $code, $name_nl,
        $name_en, $ok_codes, $seq, $is_active)
on conflict (competence_id) do update set
    domain_id = excluded.domain_id,
    code = excluded.code,
    name_nl = excluded.name_nl,
    name_en = excluded.name_en,
    ok_codes = excluded.ok_codes,
    seq = excluded.seq,
    is_active = excluded.is_active
