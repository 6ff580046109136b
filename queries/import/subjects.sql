-- Subjects by code and by name, for imports that name a subject either way.
select
    subject_id,
    name_nl,
    name_en
from subject
