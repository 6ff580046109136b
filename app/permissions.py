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
class Learners:
    """Several learners at once (a decision for a selection): each one must be covered, and a
    refusal counts those that are not."""

    learners: tuple[Learner, ...]


@dataclass(frozen=True)
class Survey:
    """A survey: who uploaded it, and the learners its respondents are linked to."""

    survey_id: int | None
    owner_user_id: int | None
    learners: tuple[Learner, ...] = ()


@dataclass(frozen=True)
class FlexSession:
    """A flex session of a plan, and the staff member who leads it (None: nobody yet)."""

    session_id: int
    leader_staff_id: int | None


@dataclass(frozen=True)
class StaffMember:
    """Something about one staff member: their professionalisation request, their level."""

    staff_id: int | None
    record_id: int | None = None


@dataclass(frozen=True)
class Trajectory:
    """A work-coaching trajectory and its three parties (user ids)."""

    trajectory_id: int
    teacher_user_id: int | None
    adviser_user_id: int | None
    manager_user_id: int | None


Record = Learner | Learners | Survey | FlexSession | StaffMember | Trajectory


def _learners(record: Record) -> tuple[Learner, ...] | None:
    if isinstance(record, Learner):
        return (record,)
    if isinstance(record, Survey | Learners):
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


def _led(viewer: Viewer, record: Record) -> bool:
    """A session the viewer leads (their staff link); a session without leader is nobody's."""
    return (isinstance(record, FlexSession) and record.leader_staff_id is not None
            and record.leader_staff_id == viewer.staff_id)


def _self(viewer: Viewer, record: Record) -> bool:
    """About the viewer's own staff record."""
    return (isinstance(record, StaffMember) and record.staff_id is not None
            and record.staff_id == viewer.staff_id)


def _party(who: str) -> Callable[[Viewer, Record], bool]:
    def check(viewer: Viewer, record: Record) -> bool:
        user_id = getattr(record, f"{who}_user_id", None) if isinstance(record, Trajectory) \
            else None
        return user_id is not None and viewer.user_id is not None and user_id == viewer.user_id
    check.__name__ = f"_as_{who}"
    return check


ANY, CLASSES, OWN, LED, SELF = "any", "classes", "own", "led", "self"
# In a work-coaching trajectory: as its teacher, its adviser, its manager (the director).
AS_TEACHER, AS_ADVISER, AS_MANAGER = "as_teacher", "as_adviser", "as_manager"
SCOPES: dict[str, Callable[[Viewer, Record], bool]] = {
    ANY: _any, CLASSES: _classes, OWN: _own, LED: _led, SELF: _self,
    AS_TEACHER: _party("teacher"), AS_ADVISER: _party("adviser"), AS_MANAGER: _party("manager"),
}

# -- the table ---------------------------------------------------------------------------------

_ = None
COLUMNS = ("admin", "director", "flex_team", "class_council", "teacher", "adviser")
# Who holds what, over which records. The reasons are in README.md, "Who sees what".
TABLE: dict[str, tuple[str | None, ...]] = {
    # action                            admin director flex_team class_council teacher adviser
    # pages: who may open each page (app/navigation.py lists them; the navigation asks here)
    "page.home":                       (ANY,  ANY,     ANY,      ANY,          ANY,    ANY),
    "page.flex_board":                 (ANY,  ANY,     ANY,      _,            ANY,    _),
    "page.flex_offer":                 (ANY,  _,       ANY,      _,            _,      _),
    "page.flex_lists":                 (ANY,  ANY,     ANY,      _,            ANY,    _),
    "page.flex_attendance":            (ANY,  _,       ANY,      _,            ANY,    _),
    "page.flex_progress":              (ANY,  ANY,     ANY,      _,            _,      _),
    "page.team_selfcheck":             (ANY,  ANY,     ANY,      _,            _,      _),
    "page.council_class":              (ANY,  ANY,     ANY,      ANY,          _,      _),
    "page.council_learner":            (ANY,  ANY,     ANY,      ANY,          _,      _),
    "page.prof_overview":              (_,    ANY,     _,        _,            _,      _),
    "page.prof_requests":              (_,    ANY,     ANY,      ANY,          ANY,    _),
    "page.prof_budget":                (_,    ANY,     _,        _,            _,      _),
    "page.prof_competences":           (_,    ANY,     _,        _,            _,      _),
    "page.prof_plan":                  (_,    ANY,     _,        _,            _,      _),
    "page.team_leaders":               (ANY,  ANY,     _,        _,            _,      _),
    "page.team_roles":                 (ANY,  ANY,     ANY,      ANY,          ANY,    ANY),
    # confidential: the page opens for these roles, each trajectory only for its three parties
    "page.team_coaching":              (_,    ANY,     _,        _,            ANY,    ANY),
    "page.surveys":                    (ANY,  ANY,     ANY,      ANY,          ANY,    ANY),
    "page.admin_import":               (ANY,  ANY,     ANY,      _,            _,      _),
    "page.admin_users":                (ANY,  _,       _,        _,            _,      _),
    "page.admin_log":                  (ANY,  _,       _,        _,            _,      _),
    "page.admin_privacy":              (ANY,  _,       _,        _,            _,      _),
    "page.admin_database":             (ANY,  _,       _,        _,            _,      _),
    # flex: the offer, the composition and its publication belong to the flex team
    "flex.offer.edit":                 (ANY,  _,       ANY,      _,            _,      _),
    "flex.rules.edit":                 (ANY,  _,       ANY,      _,            _,      _),
    "flex.plan.compose":               (ANY,  _,       ANY,      _,            _,      _),
    "flex.plan.publish":               (ANY,  _,       ANY,      _,            _,      _),
    # the start page's open needs: counted over the learners each role may see; a role that
    # sees none (the adviser) gets no row of zeros
    "home.learner_figures":            (ANY,  ANY,     ANY,      CLASSES,      LED,    _),
    # a flex teacher keeps the register of the sessions they lead
    "flex.attendance.record":          (ANY,  _,       ANY,      _,            LED,    _),
    # class councils decide for the learners of their own classes
    "council.decide":                  (ANY,  ANY,     _,        CLASSES,      _,      _),
    # professionalisation: the plan and the money are the director's; a request or a level
    # about oneself is every staff member's own
    "prof.plan.edit":                  (_,    ANY,     _,        _,            _,      _),
    "prof.sources.edit":               (_,    ANY,     _,        _,            _,      _),
    "prof.competences.edit":           (_,    ANY,     _,        _,            _,      _),
    "prof.level.appraise":             (_,    ANY,     _,        _,            _,      _),
    "prof.level.self":                 (_,    SELF,    SELF,     SELF,         SELF,   SELF),
    "prof.expertise.declare":          (_,    SELF,    SELF,     SELF,         SELF,   SELF),
    "prof.request.edit":               (_,    ANY,     SELF,     SELF,         SELF,   _),
    "prof.report.export":              (_,    ANY,     _,        _,            _,      _),
    # teacher leaders and the flex self-assessment
    "team.leaders.edit":               (ANY,  ANY,     _,        _,            _,      _),
    "team.selfcheck.edit":             (ANY,  ANY,     ANY,      _,            _,      _),
    # work coaching: the director commissions; within a trajectory each party has its part
    "team.coaching.create":            (_,    ANY,     _,        _,            _,      _),
    "team.coaching.steer":             (_,    AS_MANAGER, _,     _,            _,      AS_ADVISER),
    "team.coaching.observe":           (_,    _,       _,        _,            _,      AS_ADVISER),
    "team.coaching.self_assess":       (_,    _,       _,        _,            AS_TEACHER, _),
    "team.coaching.export":            (_,    AS_MANAGER, _,     _,        AS_TEACHER, AS_ADVISER),
    # exports: the rows are the viewer's own scope; the kind is the permission
    "export.learners":                 (ANY,  ANY,     ANY,      _,            _,      _),
    "export.results":                  (ANY,  ANY,     ANY,      _,            _,      _),
    "export.needs":                    (ANY,  ANY,     ANY,      _,            _,      _),
    "export.assignments":              (ANY,  ANY,     ANY,      _,            ANY,    _),
    "export.sessions":                 (ANY,  ANY,     ANY,      _,            ANY,    _),
    "export.messages":                 (ANY,  ANY,     ANY,      _,            ANY,    _),
    "export.survey":                   (ANY,  ANY,     ANY,      ANY,          ANY,    ANY),
    "export.timeline":                 (ANY,  ANY,     ANY,      CLASSES,      _,      _),
    # the administrator's: accounts, backups, erasure, limits, leaving the demo school
    "admin.users.edit":                (ANY,  _,       _,        _,            _,      _),
    "admin.backup":                    (ANY,  _,       _,        _,            _,      _),
    "admin.erase":                     (ANY,  _,       _,        _,            _,      _),
    "admin.settings":                  (ANY,  _,       _,        _,            _,      _),
    "admin.demo.leave":                (ANY,  _,       _,        _,            _,      _),
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

# Writes that no viewer asks for, and so no permission guards: what signing in and out writes,
# the audit entries of a view or a refusal, building the demo school from the command line,
# and the file-level recovery of the command line (whoever holds the database file). Every
# other function in app/ that writes takes the viewer and calls require() first
# (tests/test_permissions.py lists them all).
SYSTEM_WRITES = {
    "app/auth.py": {"secret_key", "_record_failure", "sign_in", "sign_in_by_identity"},
    "app/sessions.py": {"start", "resume", "end"},
    "app/web.py": {"_log_view_once", "database_audit_refusal"},
    "app/permissions.py": {"require"},
    "app/demo.py": {"build_demo"},
    "app/prof/demo.py": {"build"},
    "app/team/demo.py": {"build"},
    "app/admin/control.py": {"handle"},
    "app/admin/backup.py": {"restore"},
    "app/importing/pipeline.py": {"_rehearse"},
}

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


def roles_holding(action: str) -> frozenset[str]:
    """The roles that hold an action over some records: who the navigation offers a page."""
    return frozenset(role for role, _scope in holders(action))


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


def action_label(action: str, translate: Callable[..., str]) -> str:
    """An action in words: 'flexgroepen publiceren', 'de pagina Weekbord openen'."""
    if action.startswith("page."):
        return translate("permission.action.page",
                         page=translate(f"page.{action.removeprefix('page.')}.title"))
    return translate(f"permission.action.{action}")


class Refused(AccessDenied):
    """A write the viewer's roles do not allow: says what, and who may (or over what)."""

    def __init__(self, action: str, scope: str | None = None, count: int = 0) -> None:
        key = f"permission.outside.{scope}" if scope else "permission.refused"
        super().__init__(key, action=action, count=count)
        self.action = action
        self.scope = scope

    def render(self, translate: Callable[..., str]) -> str:
        return translate(self.key, action=action_label(self.action, translate),
                         holders=holders_text(self.action, translate),
                         count=self.params["count"])


def _ids(record: Record | None) -> list[Any]:
    found = {Learner: "learner_id", Survey: "survey_id", FlexSession: "session_id",
             StaffMember: "record_id", Trajectory: "trajectory_id"}
    name = found.get(type(record))
    if isinstance(record, Learners):
        return [one.learner_id for one in record.learners]
    value = getattr(record, name, None) if name else None
    if value is None and isinstance(record, StaffMember):
        value = record.staff_id
    return [] if value is None else [value]


# The audit log's words for what a refused write was about (app/locales/*/audit.toml).
_ENTITY = {Learner: "learner", Learners: "learner", Survey: "survey",
           FlexSession: "flex_session", StaffMember: "staff", Trajectory: "wb_trajectory"}


def require(db: Database, viewer: Viewer, action: str,
            record: Record | Callable[[], Record | None] | None = None) -> Record | None:
    """Refuse (and log the refusal) unless the viewer may do this to this record; the first
    line of every write in app/. The record may be given as a function that reads it: it is
    read only when a grant depends on it (a flex teacher's own session), never for a viewer
    who holds the action over every record or not at all. Returns the record it checked."""
    scopes = grants(viewer, action)
    if callable(record):
        record = record() if scopes and ANY not in scopes else None
    if allowed(viewer, action, record) or (ANY in scopes):
        return record
    scope = next((s for s in scopes if s != ANY), None)
    learners = _learners(record) if record is not None else None
    count = len(outside(viewer, action, learners)) if scope == CLASSES and learners else 0
    entity = _ENTITY.get(type(record)) if record is not None else None
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
