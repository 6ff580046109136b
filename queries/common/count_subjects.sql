-- How many subjects the school has (none: the standard list is added with the first year).
select count(*) as subjects
from subject
