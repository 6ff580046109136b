"""The school's calendar and its years: weeks, holidays, periods, subjects."""
