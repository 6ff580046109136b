"""Import kind `flex-choices`: the learners' own ranked choices for a cycle, as a form export
gives them (one row per learner, a column per choice: '1e keuze', '2e keuze', '3e keuze').

A choice is written as the offer names it: a broadening's title ('Debat'), or a subject with
its kind ('Wiskunde verdieping', 'verdieping wiskunde', 'WIS remediëring'). Choices that are not
in the cycle's offer are problems, with what the offer does hold.
"""

from __future__ import annotations

import pandas as pd

from app import clock
from app.blank import is_blank
from app.db import Transaction
from app.importing.journal import Counts, apply
from app.importing.kinds import STAMBOEK, _cycle, _finish
from app.importing.specs import (
    KIND_WORDS,
    BuildContext,
    Built,
    ImportSpec,
    _f,
    duplicate_keys,
    learner_ids,
    register,
)
from app.importing.values import fold

RANKS = (1, 2, 3)
Choice = tuple[str, str | None, str | None]          # kind, subject id, title


def offer_words(sessions: pd.DataFrame, subjects: pd.DataFrame) -> dict[str, Choice]:
    """Every way a learner may write a content of the offer, folded, to what it is."""
    names: dict[str, list[str]] = {}
    for row in subjects.itertuples():
        names[row.subject_id] = [row.subject_id, row.name_nl, row.name_en]
    lookup: dict[str, Choice] = {}
    for s in sessions.itertuples():
        if s.kind == "broadening":
            if isinstance(s.title, str) and s.title.strip():
                lookup[fold(s.title)] = ("broadening", None, s.title.strip())
            continue
        for name in names.get(s.subject_id, [s.subject_id]):
            for kind_word in (*KIND_WORDS[s.kind][:2], s.kind):
                for text in (f"{name} {kind_word}", f"{kind_word} {name}"):
                    lookup[fold(text)] = (s.kind, s.subject_id, None)
    return lookup


def _build_choices(ctx: BuildContext) -> Built:
    built = Built(rows=len(ctx.frame))
    duplicate_keys(ctx, built, ["learner", "cycle"], ["choice_1", "choice_2", "choice_3"])
    learners = learner_ids(ctx, built, "learner")
    cycles = ctx.db.read("import/cycles", school_year=ctx.school_year)
    by_seq = dict(zip(cycles["seq"], cycles["cycle_id"], strict=True))
    upcoming = ctx.db.scalar("flex/next_cycle", today=ctx.today)
    if "cycle" in ctx.frame:
        cycle = ctx.parse(built, "cycle", lambda v: _cycle(v, by_seq, ctx.date_order, cycles))
    else:
        # No cycle column: the choices are for the next cycle to start, as a form usually is.
        if upcoming is None:
            ctx.problem(built, int(ctx.frame["_row"].iloc[0]) if len(ctx.frame) else 1,
                        "cycle", None, "import.problem.unknown_cycle", cycles=len(by_seq))
        cycle = [None if upcoming is None else int(upcoming)] * len(ctx.frame)
    subjects = ctx.db.read("import/subjects")
    offers: dict[int, dict[str, Choice]] = {}
    rows = ctx.frame["_row"].tolist()
    records = []
    for rank in RANKS:
        name = f"choice_{rank}"
        if name not in ctx.frame:
            continue
        raw = ctx.frame[name].tolist()
        for position, text in enumerate(raw):
            if is_blank(text) or cycle[position] is None:
                continue
            if cycle[position] not in offers:
                sessions = ctx.db.read("flex/cycle_sessions", cycle_id=cycle[position],
                                       lang="nl")
                offers[cycle[position]] = offer_words(sessions, subjects)
            found = offers[cycle[position]].get(fold(str(text)))
            if found is None and not offers[cycle[position]]:
                ctx.problem(built, rows[position], name, text, "import.problem.no_offer")
                continue
            if found is None:
                shown = sorted({c[2] or f"{c[1]} {KIND_WORDS[c[0]][0]}"
                                for c in offers[cycle[position]].values()})
                ctx.problem(built, rows[position], name, text, "import.problem.unknown_choice",
                            allowed=", ".join(shown[:12]) + (" …" if len(shown) > 12 else ""))
                continue
            records.append({"_row": rows[position], "cycle_id": cycle[position],
                            "learner_id": learners[position], "rank": rank,
                            "kind": found[0], "subject_id": found[1], "title": found[2]})
    frame = pd.DataFrame(records, columns=["_row", "cycle_id", "learner_id", "rank", "kind",
                                           "subject_id", "title"])
    frame = frame[~frame["_row"].isin(built.refused_rows) & frame["learner_id"].notna()]
    # The same wish twice keeps its best rank.
    frame = frame.drop_duplicates(["cycle_id", "learner_id", "kind", "subject_id", "title"])
    frame = frame.assign(created_at=clock.now())
    built.frames["flex_choice"] = frame
    built.preview = frame.drop(columns=["_row", "cycle_id", "created_at"])
    return built


def _write_choices(tx: Transaction, built: Built, import_id: int) -> Counts:
    frame = built.frames["flex_choice"].drop(columns=["_row"])
    frame = frame.astype({"cycle_id": int, "learner_id": int, "rank": int})
    return apply(tx, import_id, "flex_choice", frame,
                 update_columns=["kind", "subject_id", "title"])


register(ImportSpec(
    kind="flex-choices", entity="flex_choice", key_fields=("learner", "cycle"),
    fields=(
        _f("learner", True, *STAMBOEK, "leerling"),
        _f("cycle", False, "cyclus", "cycle", "week", "vanaf week", "periode"),
        _f("choice_1", True, "1e keuze", "eerste keuze", "keuze 1", "keuze1", "first choice",
           "choice 1", "1st choice", "voorkeur 1"),
        _f("choice_2", False, "2e keuze", "tweede keuze", "keuze 2", "keuze2", "second choice",
           "choice 2", "2nd choice", "voorkeur 2"),
        _f("choice_3", False, "3e keuze", "derde keuze", "keuze 3", "keuze3", "third choice",
           "choice 3", "3rd choice", "voorkeur 3"),
    ),
    build=lambda ctx: _finish(ctx, _build_choices(ctx)),
    write=_write_choices,
))
