-- How many learners the database holds at all (an empty database gets the demo on `make run`).
select count(*) as learners
from learner
