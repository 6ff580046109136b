"""Every write in app/ asks the one permission model (app/permissions.py), and each refuses a
viewer without the permission: nothing changes, the refusal is logged.

The list is read from the code, so a new write is in it the day it is written: a function that
opens a transaction or writes through the database is a write. It takes the viewer and calls
``permissions.require`` before it reads its input, or it is one of the few writes no viewer
asks for (``permissions.SYSTEM_WRITES``, each with its reason).
"""

from __future__ import annotations

import ast
import importlib
import inspect
import shutil
from dataclasses import dataclass

import pytest

from app import permissions
from app.auth import ROLES, Viewer
from app.db import Database
from tests.conftest import PROJECT_ROOT, table_counts

APP = PROJECT_ROOT / "app"
# What a function calls on the database to write: a transaction, a write, an audit entry.
WRITING = {"transaction", "write", "write_many", "record"}


@dataclass(frozen=True)
class Write:
    path: str                   # app/flex/plans.py
    name: str
    node: ast.FunctionDef

    @property
    def where(self) -> str:
        return f"{self.path}:{self.node.lineno} {self.name}"

    @property
    def module(self) -> str:
        return self.path.removesuffix(".py").replace("/", ".")


def _called(node: ast.AST, *, methods_only: bool = False) -> set[str]:
    """The names a function calls: `db.write(...)` gives 'write', `require(...)` 'require'
    (unless methods_only: a local function named `write` is not the database's)."""
    names = set()
    for call in ast.walk(node):
        if isinstance(call, ast.Call):
            func = call.func
            if isinstance(func, ast.Attribute) and not (
                    isinstance(func.value, ast.Name) and func.value.id == "st"):
                names.add(func.attr)
            elif isinstance(func, ast.Name) and not methods_only:
                names.add(func.id)
    return names


def _functions(tree: ast.Module):
    """Module-level functions and methods (not functions nested in another: they belong to
    the one around them)."""
    for node in tree.body:
        if isinstance(node, ast.FunctionDef):
            yield node
        elif isinstance(node, ast.ClassDef):
            yield from (n for n in node.body if isinstance(n, ast.FunctionDef))


def writes() -> list[Write]:
    found = []
    for path in sorted(APP.rglob("*.py")):
        rel = path.relative_to(PROJECT_ROOT).as_posix()
        if rel == "app/db.py":
            continue
        tree = ast.parse(path.read_text(encoding="utf-8"))
        found += [Write(rel, node.name, node) for node in _functions(tree)
                  if _called(node, methods_only=True) & WRITING]
    return found


def _asks(write: Write) -> bool:
    return "require" in _called(write.node)


def _callers(write: Write) -> list[Write]:
    tree = ast.parse((PROJECT_ROOT / write.path).read_text(encoding="utf-8"))
    return [Write(write.path, node.name, node) for node in _functions(tree)
            if node is not write.node and write.name in _called(node)]


def guarded(write: Write) -> bool:
    """Calls require itself, or is a private helper whose every caller in its module does."""
    if _asks(write):
        return True
    if not write.name.startswith("_"):
        return False
    callers = _callers(write)
    return bool(callers) and all(guarded(c) for c in callers)


def action_of(write: Write) -> str | None:
    """The action its require() names, when it is written out."""
    for call in ast.walk(write.node):
        if isinstance(call, ast.Call) and (
                getattr(call.func, "attr", None) == "require"
                or getattr(call.func, "id", None) == "require"):
            args = list(call.args) + [k.value for k in call.keywords if k.arg == "action"]
            if len(args) >= 3 and isinstance(args[2], ast.Constant):
                return args[2].value
    return None


def _is_system(write: Write) -> bool:
    return write.name in permissions.SYSTEM_WRITES.get(write.path, set())


WRITES = writes()
ASKED = [w for w in WRITES if not _is_system(w) and not w.name.startswith("_")]


def test_the_list_of_writes_is_read_from_the_code():
    names = {(w.path, w.name) for w in WRITES}
    assert ("app/flex/plans.py", "publish") in names
    assert ("app/admin/users.py", "add_user") in names
    assert len(WRITES) > 60


def test_every_system_write_is_still_a_write():
    """A stale exemption would let a new function of that name through unasked."""
    names = {(w.path, w.name) for w in WRITES}
    for path, functions in permissions.SYSTEM_WRITES.items():
        for name in functions:
            assert (path, name) in names, f"{path} {name} writes no more: drop its exemption"


def test_every_write_asks_the_permission_model():
    unasked = [w.where for w in WRITES if not _is_system(w) and not guarded(w)]
    assert not unasked, "writes that call no permissions.require():\n" + "\n".join(unasked)


def test_every_write_takes_the_viewer():
    without = [w.where for w in ASKED
               if "viewer" not in [a.arg for a in w.node.args.args + w.node.args.kwonlyargs]]
    assert not without, "writes that take no viewer:\n" + "\n".join(without)


def test_every_written_out_action_is_in_the_table():
    unknown = [(w.where, action_of(w)) for w in ASKED
               if action_of(w) is not None and action_of(w) not in permissions.TABLE]
    assert not unknown


def test_no_page_builds_its_own_audit_entry():
    """The write writes its own audit entry, in its own transaction."""
    built = []
    for path in sorted((PROJECT_ROOT / "pages").glob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        built += [f"pages/{path.name}:{call.lineno}" for call in ast.walk(tree)
                  if isinstance(call, ast.Call) and getattr(call.func, "attr", None) == "audit"]
    assert not built, "pages that build audit entries:\n" + "\n".join(built)


# Role checks a page might make by hand instead of asking permissions.allowed/holds.
ROLE_NAMES = set(ROLES)


def _is_role_check(node: ast.AST) -> bool:
    name = getattr(node, "id", None) or getattr(node, "attr", None)
    if isinstance(node, ast.Name | ast.Attribute) and isinstance(name, str) and name.startswith(
            ("can_edit", "can_decide", "EDIT_ROLES", "DECIDE_ROLES")):
        return True
    if isinstance(node, ast.Attribute) and isinstance(node.value, ast.Name):
        return node.value.id == "viewer" and node.attr in ("roles", "has")
    if isinstance(node, ast.Attribute) and isinstance(node.value, ast.Attribute):
        # viewer.scope.all_learners: a role check in disguise
        inner = node.value
        return inner.attr == "scope" and isinstance(inner.value, ast.Name) \
            and inner.value.id == "viewer"
    return isinstance(node, ast.Compare) and isinstance(node.left, ast.Constant) \
        and node.left.value in ROLE_NAMES \
        and any(isinstance(op, ast.In | ast.NotIn) for op in node.ops)


def _role_checks(tree: ast.AST) -> list[int]:
    return sorted({node.lineno for node in ast.walk(tree) if _is_role_check(node)})


def test_no_page_checks_a_role_by_hand():
    """Pages ask permissions.allowed / holds (the one function), never the roles themselves."""
    found = []
    for path in sorted((PROJECT_ROOT / "pages").glob("*.py")):
        lines = _role_checks(ast.parse(path.read_text(encoding="utf-8")))
        found += [f"pages/{path.name}:{line}" for line in lines]
    assert not found, "role checks by hand:\n" + "\n".join(found)


def test_the_role_check_finder_finds_each_kind():
    source = ('a = viewer.roles\nb = viewer.has("director")\nc = viewer.scope.all_learners\n'
              'd = plans.can_edit(x)\ne = "director" in roles\nf = viewer.scope\n')
    assert _role_checks(ast.parse(source)) == [1, 2, 3, 4, 5]


# -- each write refuses a viewer without the permission -----------------------------------------

@pytest.fixture(scope="module")
def school(demo_file, tmp_path_factory):
    path = tmp_path_factory.mktemp("writes") / "school.duckdb"
    shutil.copyfile(demo_file, path)
    db = Database(path)
    yield db
    db.close()


def _refusals(db: Database) -> list[tuple]:
    with db._con.cursor() as con:
        return con.execute("select action, outcome from audit_log"
                               " where outcome = 'refused' order by audit_id").fetchall()


def _sample_import(db: Database):
    from app.auth import COMMAND_LINE
    from app.importing import pipeline

    data = (PROJECT_ROOT / "data" / "samples" / "personeel.csv").read_bytes()
    return pipeline.prepare(db, COMMAND_LINE, "staff", "personeel.csv", data)


def _undoable_import(db: Database) -> dict:
    from app.auth import COMMAND_LINE
    from app.importing import pipeline

    pipeline.commit(db, COMMAND_LINE, _sample_import(db), partial=True)
    return {}


# Writes whose permission depends on what they are given (the kind of a prepared file or of
# an export, the latest import): what they are given, made for real; anything else stays a stand-in.
GIVEN = {
    ("app/importing/pipeline.py", "commit"): lambda db: {"prepared": _sample_import(db)},
    ("app/importing/pipeline.py", "undo_last"): _undoable_import,
    ("app/export.py", "export"): lambda db: {"kind": "learners"},
}


def _lacking(action: str | None) -> Viewer:
    """Every role that does not hold the action (no role at all when every role holds it)."""
    roles = (frozenset(ROLES) - permissions.roles_holding(action)) if action else frozenset()
    return Viewer(user_id=999_999, email="niemand@school.be", name="Niemand", roles=roles,
                  staff_id=999_999, class_ids=(999_999,))


@pytest.mark.parametrize("write", ASKED, ids=lambda w: f"{w.path}::{w.name}")
def test_each_write_refuses_a_viewer_without_the_permission(school, write):
    function = getattr(importlib.import_module(write.module), write.name)
    action = action_of(write)
    viewer = _lacking(action)
    arguments = {}
    for name, parameter in inspect.signature(function).parameters.items():
        if name == "db":
            arguments[name] = school
        elif name == "viewer":
            arguments[name] = viewer
        elif parameter.default is inspect.Parameter.empty and parameter.kind not in (
                parameter.VAR_POSITIONAL, parameter.VAR_KEYWORD):
            # Nothing else is read before the permission is asked: a stand-in will do.
            arguments[name] = None
    arguments.update(GIVEN.get((write.path, write.name), lambda db: {})(school))
    before, refused = table_counts(school), len(_refusals(school))
    with pytest.raises(permissions.Refused):
        function(**arguments)
    assert table_counts(school) == before, "a refused write changed the school's data"
    logged = _refusals(school)[refused:]
    assert len(logged) == 1, "the refusal is logged once"
    if action is not None:
        assert logged[0][0] == action
