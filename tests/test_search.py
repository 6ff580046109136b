"""One rule for every search for a person: every word typed occurs in what is searched, in the
database (macro matches_words, migration 015) and in memory (app/search.py), and the two agree."""

from __future__ import annotations

import pytest

from app import search
from app.council import timeline
from app.flex import board

HAYSTACKS = ["Verbeke, Lotte 1A 8000004", "Verbeke Lotte 2A 8000153", "De Clercq, Stan 2F 0000017",
             "Van Acker Mats 3B 8000304", "Çelik, Zeynep 1C 1", None]
QUERIES = ["Lotte Verbeke", "Verbeke, Lotte", "verbeke 1a", "De Clercq, Stan", "stan de clercq",
           "van acker", "8000004", "0000017", "ÇELIK", "  ,  ", "", "Lotte 3B", "zeynep, 1c"]


@pytest.mark.parametrize("query", QUERIES)
def test_the_database_and_the_memory_search_agree(db, query):
    in_memory = search.matches(HAYSTACKS, query)
    with db._con.cursor() as cur:
        in_sql = [bool(cur.execute("select coalesce(matches_words($h, $q), false)",
                                   {"h": h, "q": query}).fetchone()[0]) for h in HAYSTACKS]
    assert in_sql == in_memory


def test_a_name_is_found_in_every_form_a_person_types_it():
    assert search.matches(HAYSTACKS, "Lotte Verbeke")[:2] == [True, True]
    assert search.matches(HAYSTACKS, "Verbeke, Lotte 1A") == [True] + [False] * 5
    assert search.matches(HAYSTACKS, "De Clercq, Stan") == [False, False, True, False, False, False]
    assert not any(search.matches(HAYSTACKS, " , "))


def test_the_timeline_finds_a_learner_in_the_form_the_lists_show(demo_db):
    from app.scope import EVERYTHING
    found = timeline.find(demo_db, EVERYTHING, "Lotte Verbeke", "2026-2027")
    assert sorted(found["class_code"]) == ["1A", "2A"]                 # the two namesakes
    shown = found["learner"].iloc[0]                                  # "Verbeke, Lotte"
    assert len(timeline.find(demo_db, EVERYTHING, shown, "2026-2027")) == 2


def test_the_board_finds_a_learner_first_name_first(demo_db):
    import pandas as pd
    rows = pd.DataFrame({"learner": ["Verbeke, Lotte", "Verbeke, Lotte", "Peeters, An"],
                         "class_code": ["1A", "2A", "1A"], "external_id": ["8", "9", "10"]})
    assert list(board.search(rows, "Lotte Verbeke")["class_code"]) == ["1A", "2A"]
    assert list(board.search(rows, "lotte 2a")["external_id"]) == ["9"]
    assert board.search(rows, "").empty
