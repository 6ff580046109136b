-- Clear the needed levels before the editor writes them all again (in one transaction).
-- params: none
delete from prof_needed_level
