"""Who may do what: every action has a name, one table says which roles hold it and over which
records, and one function answers.

This is the start of the one permission model every write in Flexwijs will ask (imports and
surveys first). The shape follows datasette's ``allowed()`` / ``ensure_permission()``:

- :func:`allowed` answers ``allowed(viewer, action, record)``: true when one of the viewer's
  roles holds the action over that record. Without a record, only a grant over every record
  counts, so a write that forgets to name its record is refused, never let through.
- :func:`holds` says whether the viewer holds the action over some records at all: to decide
  what a page offers (a kind in a list, a tag in a select box), never to let a write through.
- :func:`require` is what a write calls: it refuses with :class:`Refused` (words in both
  catalogues) and writes an audit entry with outcome 'refused', whatever page called it.

A grant is one of the scopes in ``SCOPES``: ``any`` record, learners of the viewer's own
``classes`` (a class-council member), or records the viewer made themselves (``own``).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

from app.auth import ROLES, Viewer
from app.db import Database
from app.errors import AccessDenied

# -- records an action can be about ------------------------------------------------------------


@dataclass(frozen=True)
class Learner:
    """A learner, with the classes they are (or were) enrolled in."""

    learner_id: int
    class_ids: frozenset[int] = frozenset()


@dataclass(frozen=True)
class Survey:
    """A survey: who uploaded it, and the learners its respondents are linked to."""

    survey_id: int | None
    owner_user_id: int | None
    learners: tuple[Learner, ...] = ()


Record = Learner | Survey


def _learners(record: Record) -> tuple[Learner, ...] | None:
    if isinstance(record, Learner):
        return (record,)
    if isinstance(record, Survey):
        return record.learners
    return None


def _in_own_classes(viewer: Viewer, learner: Learner) -> bool:
    return bool(learner.class_ids & set(viewer.class_ids))


def _any(viewer: Viewer, record: Record) -> bool:
    return True


def _classes(viewer: Viewer, record: Record) -> bool:
    """Every learner the record is about is in one of the viewer's classes (a survey linked to
    nobody is about no learner: nothing falls outside)."""
    learners = _learners(record)
    return learners is not None and all(_in_own_classes(viewer, one) for one in learners)


def _own(viewer: Viewer, record: Record) -> bool:
    owner = getattr(record, "owner_user_id", None)
    return owner is not None and owner == viewer.user_id


ANY, CLASSES, OWN = "any", "classes", "own"
SCOPES: dict[str, Callable[[Viewer, Record], bool]] = {ANY: _any, CLASSES: _classes, OWN: _own}

# -- the table ---------------------------------------------------------------------------------

_ = None
COLUMNS = ("admin", "director", "flex_team", "class_council", "teacher", "adviser")
# Who holds what, over which records. The reasons are in README.md, "Who sees what".
TABLE: dict[str, tuple[str | None, ...]] = {
    # action                            admin director flex_team class_council teacher adviser
    # imports: the school's data from its own systems, each kind a permission
    "import.learners":                 (ANY,  _,       ANY,      _,            _,      _),
    "import.staff":                    (ANY,  _,       _,        _,            _,      _),
    "import.results":                  (ANY,  _,       ANY,      _,            _,      _),
    "import.needs":                    (ANY,  _,       ANY,      _,            _,      _),
    "import.flex-sessions":            (ANY,  _,       ANY,      _,            _,      _),
    "import.flex-choices":             (ANY,  _,       ANY,      _,            _,      _),
    "import.initiatives":              (ANY,  ANY,     _,        _,            _,      _),
    "import.budget":                   (ANY,  ANY,     _,        _,            _,      _),
    "import.competences":              (ANY,  ANY,     _,        _,            _,      _),
    # surveys: anyone uploads and sees their own charted; links and tags are learner or
    # staff data, for the roles that write that data
    "survey.upload":                   (ANY,  ANY,     ANY,      ANY,          ANY,    ANY),
    "survey.edit":                     (ANY,  OWN,     OWN,      OWN,          OWN,    OWN),
    "survey.link.learner":             (ANY,  _,       ANY,      CLASSES,      _,      _),
    "survey.link.staff":               (ANY,  ANY,     _,        _,            _,      _),
    "survey.tag.wellbeing":            (ANY,  _,       ANY,      CLASSES,      _,      _),
    "survey.tag.self_reflection":      (ANY,  _,       ANY,      CLASSES,      _,      _),
    "survey.tag.staff_wellbeing":      (ANY,  ANY,     _,        _,            _,      _),
    "survey.tag.professional_needs":   (ANY,  ANY,     _,        _,            _,      _),
    "survey.tag.evaluation":           (ANY,  ANY,     _,        _,            _,      _),
    "survey.tag.time_registration":    (ANY,  ANY,     _,        _,            _,      _),
}
assert COLUMNS == ROLES, "the table's columns are the roles of app/auth.py, in order"
assert all(len(row) == len(COLUMNS) and set(row) <= {*SCOPES, None} for row in TABLE.values())

# Tags whose learner-linked answers other pages read as that learner's data, whatever the
# survey's audience: the class overview's ☁ flag, the timeline, the progress trends, the
# self-assessment's evidence.
LEARNER_TAGS = frozenset({"wellbeing", "self_reflection"})


def import_action(kind: str) -> str:
    """The permission an import kind needs: 'import.budget'; a survey is 'survey.upload'."""
    return "survey.upload" if kind == "survey" else f"import.{kind}"


def tag_action(tag: str, audience: str | None) -> str:
    """The permission to give a survey this tag: staff well-being is the director's data,
    learners' well-being the data of whoever writes learner data."""
    if tag == "wellbeing" and audience == "staff":
        return "survey.tag.staff_wellbeing"
    return f"survey.tag.{tag}"


# -- the answers -------------------------------------------------------------------------------

def grants(viewer: Viewer, action: str) -> list[str]:
    """The scopes over which the viewer's roles hold an action (empty: not at all)."""
    try:
        row = TABLE[action]
    except KeyError:
        # A typo must not read as 'nobody may': that would hide a bug behind a refusal.
        raise LookupError(f"unknown action {action!r}: add it to app/permissions.py") from None
    return [scope for role, scope in zip(COLUMNS, row, strict=True)
            if scope is not None and role in viewer.roles]


def holds(viewer: Viewer, action: str) -> bool:
    """Whether the viewer holds the action over some records: for what a page offers."""
    return bool(grants(viewer, action))


def allowed(viewer: Viewer, action: str, record: Record | None = None) -> bool:
    """Whether the viewer may do this to this record. Without a record only a grant over every
    record counts: fail closed."""
    scopes = grants(viewer, action)
    if record is None:
        return ANY in scopes
    return any(SCOPES[scope](viewer, record) for scope in scopes)


def outside(viewer: Viewer, action: str, learners: Iterable[Learner]) -> list[Learner]:
    """The learners the viewer may not do this for."""
    return [one for one in learners if not allowed(viewer, action, one)]


def holders(action: str) -> list[tuple[str, str]]:
    """(role, scope) of every role that holds an action, for telling who may."""
    return [(role, scope) for role, scope in zip(COLUMNS, TABLE[action], strict=True)
            if scope is not None]


def holders_text(action: str, translate: Callable[..., str]) -> str:
    """Who may do this, in words: 'beheerder, flexteam, klassenraad (eigen klassen)'."""
    return ", ".join(
        translate(f"role.{role}") + ("" if scope == ANY else
                                     " (" + translate(f"permission.scope.{scope}") + ")")
        for role, scope in holders(action))


class Refused(AccessDenied):
    """A write the viewer's roles do not allow: says what, and who may (or over what)."""

    def __init__(self, action: str, scope: str | None = None, count: int = 0) -> None:
        key = f"permission.outside.{scope}" if scope else "permission.refused"
        super().__init__(key, action=action, count=count)
        self.action = action
        self.scope = scope

    def render(self, translate: Callable[..., str]) -> str:
        return translate(self.key, action=translate(f"permission.action.{self.action}"),
                         holders=holders_text(self.action, translate),
                         count=self.params["count"])


def _ids(record: Record | None) -> list[Any]:
    if isinstance(record, Learner):
        return [record.learner_id]
    if isinstance(record, Survey) and record.survey_id is not None:
        return [record.survey_id]
    return []


def require(db: Database, viewer: Viewer, action: str, record: Record | None = None) -> None:
    """Refuse (and log the refusal) unless the viewer may do this to this record."""
    if allowed(viewer, action, record):
        return
    scopes = grants(viewer, action)
    scope = next((s for s in scopes if s != ANY), None)
    learners = _learners(record) if record is not None else None
    count = len(outside(viewer, action, learners)) if scope == CLASSES and learners else 0
    entity = type(record).__name__.lower() if record is not None else None
    audit = viewer.audit(action, entity, _ids(record),
                         detail=f"permission scope={scope} outside={count}" if scope
                         else "permission not held")
    audit.outcome = "refused"
    db.record(audit)
    raise Refused(action, scope, count)


# -- records from the database -----------------------------------------------------------------

def learner_records(db: Database, learner_ids: Iterable[int]) -> dict[int, Learner]:
    """Learners with their classes, to check a permission on each."""
    ids = sorted({int(i) for i in learner_ids})
    if not ids:
        return {}
    rows = db.read("auth/learner_classes", learner_ids=ids)
    found = {int(r.learner_id): Learner(int(r.learner_id),
                                        frozenset(int(c) for c in r.class_ids))
             for r in rows.itertuples()}
    return {i: found.get(i, Learner(i)) for i in ids}
