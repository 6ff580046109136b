"""Every query file binds against the real schema, and says what it is for and what it takes."""

from __future__ import annotations

import datetime as dt
import re

import pytest

from app import sql

# One plausible value per parameter name used anywhere in queries/. A new parameter name must be
# added here, which is the moment to check its documentation too.
SAMPLE_PARAMS = {
    "school_year": "2026-2027",
    "school_year_start": dt.date(2026, 9, 1),
    "today": dt.date(2026, 11, 23),
    "monday": dt.date(2026, 11, 23),
    "cycle_id": 1,
    "session_id": 1,
    "class_id": 1,
    "survey_id": 1,
    "lang": "nl",
    "sequence": "learner_id_seq",
    "n": 2,
    "key": "school.name",
    "value": '"x"',
    "user_id": 1,
    "action": "test",
    "entity": "learner",
    "record_ids": ["1"],
    "scope": "all",
    "outcome": "ok",
    "detail": None,
    "email": "a@b.be",
    "password_hash": "x",
    "display_name": "A",
    "staff_id": 1,
    "is_demo": False,
    "is_active": True,
    "role": "admin",
    "subject_hash": "h",
    "succeeded": False,
    "attempted_at": dt.datetime(2026, 11, 23, 9, 0),
    "since": dt.datetime(2026, 11, 23, 8, 0),
    "codes": ["1A"],
    "external_id": "8000001",
    "learner_ids": [1, 2],
    "left_before": dt.date(2026, 9, 1),
    "text": "Pee",
    "until": dt.datetime(2026, 11, 24),
    "limit": 100,
    "table_name": "learner",
    "kind": "learners",
    "signature": "abc",
    "mapping": "{}",
    "saved_by": 1,
    "import_id": 1,
    "file_name": "x.csv",
    "file_sha256": "ab",
    "source": "google_forms",
    "n_new": 1,
    "n_updated": 0,
    "n_unchanged": 0,
    "n_refused": 0,
    "status": "done",
    "question_no": 1,
    "label": "Akkoord",
    "scale_value": 4.0,
    "title": "Welbevinden",
    "tag": "wellbeing",
    "audience": "learners",
    "scope_all": True,
    "scope_class_ids": [1],
    "scope_leader": None,
    "scope_school_year": "2026-2027",
    "scope_user_id": 1,
    "scope_staff_data": True,
    "day": dt.date(2026, 11, 30),
    "below": 0.5,
    "above": 0.8,
    "before": dt.date(2026, 11, 30),
    "cycles": 2,
    "week_id": "2026-W49",
    "plan_id": 1,
    "learner_id": 1,
    "slot_id": 1,
    "locked": True,
    "moved_by": "An",
    "moved_at": dt.datetime(2026, 11, 23, 10, 0),
    "from_session": 1,
    "to_session": 2,
    "from_plan": 1,
    "to_plan": 2,
    "created_by": "An",
    "objective": 1.0,
    "bound": 1.0,
    "gap": 0.0,
    "seconds": 0.5,
    "report": "{}",
    "published_by": "An",
    "published_at": dt.datetime(2026, 11, 23, 10, 0),
    "session_ids": [1, 2],
    "from_cycle": 1,
    "to_cycle": 2,
    "code": "WIS-R1",
    "subject_id": "WIS",
    "leader_staff_id": 1,
    "leader_name": None,
    "leader_kind": "teacher",
    "room": "A1.01",
    "capacity": 16,
    "years_of_study": [1, 2],
    "class_codes": ["1A"],
    "weekday": 2,
    "lesson_hour": 7,
    "recorded_by": "An",
    "recorded_at": dt.datetime(2026, 11, 23, 10, 0),
    "author": "An",
    "feed_up": "Breuken",
    "feedback": "Lukt al",
    "feed_forward": "Oefenen",
}

QUERY_NAMES = sql.all_query_names()


def _header(text: str) -> str:
    lines = []
    for line in text.splitlines():
        if not line.startswith("--"):
            break
        lines.append(line)
    return "\n".join(lines)


# A parameter without a sample above gets one from the type its header declares:
# "$amount (DECIMAL)", "$ids (INTEGER[])". New parameters need no edit here when typed.
TYPE_SAMPLES = {
    "INTEGER": 1, "BIGINT": 1, "SMALLINT": 1, "DOUBLE": 1.5, "DECIMAL": 1.5, "VARCHAR": "x",
    "BOOLEAN": True, "DATE": dt.date(2026, 11, 23), "TIMESTAMP": dt.datetime(2026, 11, 23, 9),
    "JSON": "{}",
}


def _declared_types(text: str) -> dict[str, str]:
    return {name: kind.upper() for name, kind in
            re.findall(r"\$([A-Za-z_][A-Za-z0-9_]*) \(([A-Za-z]+(?:\[\])?)", _header(text))}


def sample_params(query) -> dict:
    values = {}
    declared = _declared_types(query.text)
    for name in query.params:
        if name in SAMPLE_PARAMS:
            values[name] = SAMPLE_PARAMS[name]
        elif name in declared:
            kind = declared[name]
            base = TYPE_SAMPLES.get(kind.removesuffix("[]"))
            values[name] = [base] if kind.endswith("[]") else base
    return values


@pytest.mark.parametrize("name", QUERY_NAMES)
def test_query_explains_against_the_schema(db, name):
    query = sql.query(name)
    unknown = query.params - sample_params(query).keys()
    assert not unknown, (f"declare the type of {sorted(unknown)} in the header, "
                         "e.g. '$amount (DECIMAL)', or add a sample to SAMPLE_PARAMS")
    with db._con.cursor() as cur:
        cur.execute("explain " + query.text, query.bind(sample_params(query)))


@pytest.mark.parametrize("name", QUERY_NAMES)
def test_query_says_what_it_is_for_and_documents_its_parameters(name):
    text = sql.query(name).text
    header = _header(text)
    assert header, f"{name}: start with a comment that says what the query is for"
    documented = set(re.findall(r"\$([A-Za-z_][A-Za-z0-9_]*)", header))
    assert documented == set(sql.query(name).params), (
        f"{name}: the header comment must name exactly the parameters the query uses"
    )


def test_parameters_in_comments_and_strings_are_not_parameters():
    assert sql.parameters_of("select '$a', $b -- $c\nfrom t where x = $d") == {"b", "d"}


def test_missing_parameter_fails_before_duckdb():
    with pytest.raises(TypeError, match="needs parameters"):
        sql.query("home/open_needs").bind({"today": dt.date(2026, 1, 1)})


@pytest.mark.parametrize("bad", ["../etc/passwd", "home/../../x", "Home/Open", "a b"])
def test_query_names_cannot_leave_the_queries_folder(bad):
    with pytest.raises(ValueError):
        sql.query(bad)


# "The latest published version of a cycle" once had three spellings that could disagree (a
# board counting one version, progress another). Only the macro of migration 014 may pick a plan
# by its version among the published ones; every other query asks latest_published_plan or
# published_plans.
_PICKS_BY_VERSION = re.compile(r"max_by\([^)]*version|order\s+by[^;]*\bversion\b\s+desc", re.I)


@pytest.mark.parametrize("name", [n for n in QUERY_NAMES if not n.startswith("schema/")])
def test_no_query_spells_out_the_latest_published_plan(name):
    text = sql.query(name).text
    assert not ("'published'" in text and _PICKS_BY_VERSION.search(text)), (
        f"{name}: ask latest_published_plan(cycle_id) or published_plans(school_year) "
        "(migration 014) instead of picking the highest published version here")
