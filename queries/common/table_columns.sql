-- The columns of one of our tables, in order (for the import journal's generic statements).
-- params: $table_name (VARCHAR)
select column_name
from information_schema.columns
where table_schema = 'main'
    and table_name = $table_name
order by ordinal_position
