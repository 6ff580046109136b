"""What the requests page (pages/prof_requests.py) shows: which tabs a viewer gets, the choices
of the request form under their labels, a request's head and steps, the queue, the tables of
requests and levels. Plain Python over app/prof/requests.py; who may do what is the permission
model's answer (app/permissions.py)."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

import pandas as pd

from app import display, permissions
from app.auth import Viewer
from app.blank import is_blank
from app.db import Database
from app.i18n import Translator, plain
from app.prof import competences, plan

# The amounts of a request, in the order of the form, with the decimals each is typed with.
AMOUNTS = {"fee": 2, "travel": 2, "substitute": 2, "hours": 1}
# The steps the director takes in the queue are the ones shown as main buttons.
MAIN_STEPS = ("submitted", "approved")
# A request the director can still follow up on (mark done, evaluate) from the list of all.
FOLLOW_UP = ("approved", "done")


def tabs(viewer: Viewer) -> list[str]:
    """The tabs a viewer gets: their own requests, a new one and their own levels (a staff
    member who may file requests and keep levels), the queue and all requests (whoever holds
    the request action over every request: the director)."""
    shown = []
    if viewer.staff_id is not None:
        if permissions.holds(viewer, "prof.request.edit"):
            shown += ["mine", "new"]
        if permissions.holds(viewer, "prof.level.self"):
            shown += ["levels"]
    if permissions.allowed(viewer, "prof.request.edit"):
        shown += ["queue", "all"]
    return shown


@dataclass(frozen=True)
class Choices:
    """What the request form offers, by id, under the labels the reader sees."""

    competences: dict[int, str]
    initiatives: dict[int, str]
    subjects: dict[str, str]
    classes: dict[int, str]


def choices(db: Database, school_year: str, t: Translator) -> Choices:
    framework = competences.framework(db)
    framework = framework[framework["is_active"]]
    name = competences.name_column(t.lang)
    found = db.read("prof/subjects_and_classes", school_year=school_year)
    subjects, classes = found[found["kind"] == "subject"], found[found["kind"] == "class"]
    return Choices(
        competences={int(r.competence_id): f"{r.code} · {getattr(r, name)}"
                     for r in framework.itertuples()},
        initiatives={int(r.initiative_id): r.title
                     for r in plan.initiatives(db, school_year).itertuples()},
        subjects={r.id: r.label for r in subjects.itertuples()},
        classes={int(r.id): r.label for r in classes.itertuples()})


def optional(labels: Mapping, value: object) -> tuple[list, int]:
    """A choice that may stay empty: the options (none first) and the position of `value`."""
    options = [None, *labels]
    return options, options.index(value) if value in labels else 0


def experts_text(experts: pd.DataFrame, t: Translator, with_team: bool = True) -> str | None:
    """Colleagues who declared the expertise a request is about (Markdown), or None."""
    if experts.empty:
        return None
    names = [f"{r.name} ({r.subject_team})" if with_team else r.name
             for r in experts.itertuples()]
    return t.md("prof.internal_experts", names=t.join(names))


# -- one request ---------------------------------------------------------------------------

def _state(row: Mapping, t: Translator) -> str:
    return t(f"prof.state.{row['state']}")


def head(row: Mapping, t: Translator) -> str:
    """'**Title** · state · € cost' (Markdown, the title made plain)."""
    return f"**{plain(row['title'])}** · {_state(row, t)} · {t.money(float(row['cost']))}"


def caption(row: Mapping, t: Translator) -> list[str]:
    """Who, when, what form and goal; and the promise to share, when there is one."""
    lines = [t.md("prof.request_caption", name=row["name"], date=t.date(row["starts_on"]),
                  form=t(f"prof.form.{row['form']}"), goal=row["goal"])]
    if not is_blank(row["sharing_plan"]):
        lines.append(t.md("prof.sharing_caption", plan=row["sharing_plan"]))
    return lines


def steps_table(steps: pd.DataFrame, request_id: int, t: Translator) -> display.Table:
    return display.table(steps[steps["request_id"] == request_id], t, [
        display.code("to_state", "prof.col.step", codes="prof.state"),
        display.person("by_name", "prof.col.by"),
        display.datetime("stepped_at", "prof.col.when"),
        display.text("note", "prof.col.note")])


def own_title(row: Mapping, t: Translator) -> str:
    """A request in the viewer's own list: its title and state (plain)."""
    return plain(f"{row['title']} · {_state(row, t)}")


def queue_title(row: Mapping, t: Translator) -> str:
    """A request in the director's queue: who, what, how much (plain)."""
    return plain(f"{row['name']} · {row['title']} · {t.money(float(row['cost']))}")


def still_open(row: Mapping) -> bool:
    """A request its owner still works on: shown opened in their list."""
    return row["state"] in ("draft", "submitted")


def sharing_due(row: Mapping) -> bool:
    """Done, with a promise to share what was learnt, and not shared yet."""
    return (row["state"] in ("done", "evaluated") and not is_blank(row["sharing_plan"])
            and is_blank(row["shared_on"]))


def experts_wanted(row: Mapping) -> int | None:
    """The competence to look for colleagues with, for an external training in the queue (an
    internal expert may make it unnecessary)."""
    if is_blank(row["competence_id"]) or row["form"] != "external_training":
        return None
    return int(row["competence_id"])


# -- the tables ----------------------------------------------------------------------------

def requests_table(requests: pd.DataFrame, t: Translator) -> display.Table:
    return display.table(requests, t, [
        display.person("name", "prof.col.staff"), display.text("title", "prof.col.title"),
        display.code("state", "prof.col.state", codes="prof.state"),
        display.date("starts_on", "prof.col.starts_on"),
        display.money("cost", "prof.col.cost"),
        display.number("hours", "prof.col.hours", decimals=1),
        display.date("shared_on", "prof.col.shared_on")])


def follow_ups(requests: pd.DataFrame) -> dict[int, str]:
    """The requests the director can take a next step on from the list: 'name · title'."""
    movable = requests[requests["state"].isin(FOLLOW_UP)]
    return {int(r.request_id): f"{r.name} · {r.title}" for r in movable.itertuples()}


def levels_table(levels: pd.DataFrame, staff_id: int | None, labels: Mapping[int, str],
                 t: Translator) -> display.Table:
    """The viewer's own competence levels, each competence under its label."""
    mine = levels[levels["staff_id"] == staff_id]
    return display.table(mine.assign(competence=[labels.get(int(c))
                                                 for c in mine["competence_id"]]), t, [
        display.text("competence", "prof.col.competence"),
        display.code("source", "prof.col.source", codes="prof.level_source"),
        display.code("level", "prof.col.level", codes="prof.level"),
        display.date("assessed_on", "prof.col.assessed_on")])
