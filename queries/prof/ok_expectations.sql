-- The quality expectations of the reference framework that competences may link to.
-- params: none
select code, rubric, text_nl, text_en
from prof_ok_expectation
order by rubric, length(code), code
