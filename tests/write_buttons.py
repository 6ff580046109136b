"""Which buttons of the pages write something, read from the source (no page is run).

A button is `<anything>.button(...)` or `<anything>.form_submit_button(...)` in pages/,
app/web.py or app/main.py (download and link buttons excluded: they write nothing of ours). It
writes when what runs on its click reaches a write: the body of the `if` that tests it (or tests
the name it was assigned to), and its `on_click` callback, followed through every function of
the page and of app/ they call, down to the database's writing doors (`transaction`, `write`,
`write_many`, `record`, `backup`, `compact`, `insert_frame`).

A call is followed when its target can be named from the source: a function of the same module,
a function imported by name, `module.function` for an imported module, `Class.method` and
`Class(...)` (its __init__). A method of an object whose class the source does not name (`x.go()`)
counts as a write only when its name is one of the writing doors.
"""

from __future__ import annotations

import ast
import functools
from dataclasses import dataclass
from pathlib import Path

from tests.conftest import PROJECT_ROOT

# Opening the database migrates it and finishes a cut-off erasure: that is the start of any
# run, not what a button does.
NOT_FOLLOWED = frozenset({"app.web.database", "app.web._open_database", "app.db.Database.__init__"})
WRITING_DOORS = frozenset({"transaction", "write", "write_many", "record", "backup", "compact",
                           "insert_frame", "_raw_transaction"})
BUTTONS = frozenset({"button", "form_submit_button"})


@dataclass(frozen=True)
class Button:
    key: str          # the key; an f-string's fields read `*`
    path: str         # the page, relative to the project root
    line: int
    writes: tuple[str, ...]   # the functions through which it reaches a write


def _module_name(path: Path) -> str:
    return ".".join(path.relative_to(PROJECT_ROOT).with_suffix("").parts)


class _Module:
    """A module's functions and what its names refer to."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.name = _module_name(path)
        self.tree = ast.parse(path.read_text(encoding="utf-8"))
        self.functions: dict[str, ast.AST] = {}
        self.names: dict[str, str] = {}      # local name -> dotted target
        for node in self.tree.body:
            if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
                self.functions[node.name] = node
            elif isinstance(node, ast.ClassDef):
                for item in node.body:
                    if isinstance(item, ast.FunctionDef | ast.AsyncFunctionDef):
                        self.functions[f"{node.name}.{item.name}"] = item
        for node in ast.walk(self.tree):
            if isinstance(node, ast.Import):
                for alias in node.names:
                    self.names[alias.asname or alias.name.split(".")[0]] = \
                        alias.name if alias.asname else alias.name.split(".")[0]
            elif isinstance(node, ast.ImportFrom) and node.module:
                base = node.module
                if node.level:
                    parent = self.name.split(".")[: -node.level]
                    base = ".".join([*parent, node.module])
                for alias in node.names:
                    self.names[alias.asname or alias.name] = f"{base}.{alias.name}"


@functools.cache
def _modules() -> dict[str, _Module]:
    found = {}
    for path in sorted((PROJECT_ROOT / "app").rglob("*.py")):
        module = _Module(path)
        found[module.name] = module
    return found


def _target(module: _Module, call: ast.Call) -> str | None:
    """The dotted name of what a call runs, when the source names it."""
    func = call.func
    if isinstance(func, ast.Name):
        if func.id in module.functions:
            return f"{module.name}.{func.id}"
        return module.names.get(func.id)
    if isinstance(func, ast.Attribute):
        parts = []
        node = func
        while isinstance(node, ast.Attribute):
            parts.append(node.attr)
            node = node.value
        if isinstance(node, ast.Name):
            parts.append(node.id)
            parts.reverse()
            head = module.names.get(parts[0])
            if head is not None:
                return ".".join([head, *parts[1:]])
            if f"{parts[0]}.{parts[1]}" in module.functions and len(parts) == 2:
                return f"{module.name}.{parts[0]}.{parts[1]}"
    return None


def _resolve(dotted: str) -> tuple[_Module, str] | None:
    """A dotted target -> (module, function name in it), following re-exports once."""
    modules = _modules()
    parts = dotted.split(".")
    for cut in range(len(parts) - 1, 0, -1):
        module = modules.get(".".join(parts[:cut]))
        if module is None:
            continue
        rest = ".".join(parts[cut:])
        if rest in module.functions:
            return module, rest
        if f"{rest}.__init__" in module.functions:
            return module, f"{rest}.__init__"
        if rest in module.names and module.names[rest] != dotted:
            return _resolve(module.names[rest])
        return None
    return None


def _calls(body: list[ast.AST] | ast.AST) -> list[ast.Call]:
    nodes = body if isinstance(body, list) else [body]
    return [n for node in nodes for n in ast.walk(node) if isinstance(n, ast.Call)]


def _writes_through(module: _Module, calls: list[ast.Call], seen: set[str]) -> list[str]:
    """The targets among `calls` that reach a write (a writing door itself reads as its name)."""
    found = []
    for call in calls:
        if isinstance(call.func, ast.Attribute) and call.func.attr in WRITING_DOORS:
            found.append(call.func.attr)
            continue
        dotted = _target(module, call)
        if dotted is None:
            continue
        if _function_writes(dotted, seen):
            found.append(dotted)
    return found


def _function_writes(dotted: str, seen: set[str]) -> bool:
    resolved = _resolve(dotted)
    if resolved is None:
        return False
    module, name = resolved
    full = f"{module.name}.{name}"
    if full in NOT_FOLLOWED or dotted in NOT_FOLLOWED:
        return False
    if full in seen:
        return _WRITES.get(full, False)
    seen.add(full)
    result = bool(_writes_through(module, _calls(module.functions[name]), seen))
    _WRITES[full] = result
    return result


_WRITES: dict[str, bool] = {}


def _text(node: ast.AST, bound: dict[str, str] | None = None) -> str:
    """A key as the source writes it: an f-string's fields read `*`, or the value a caller
    passed for a parameter of the function around the button."""
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return node.value
    if isinstance(node, ast.JoinedStr):
        parts = []
        for part in node.values:
            if isinstance(part, ast.Constant):
                parts.append(str(part.value))
            elif isinstance(part, ast.FormattedValue) and isinstance(part.value, ast.Name) \
                    and bound and part.value.id in bound:
                parts.append(bound[part.value.id])
            else:
                parts.append("*")
        return "".join(parts)
    return "*"


def _key(call: ast.Call, bound: dict[str, str] | None = None) -> str:
    for keyword in call.keywords:
        if keyword.arg == "key":
            return _text(keyword.value, bound)
    return ""


def _is_button(node: ast.AST) -> bool:
    return isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) \
        and node.func.attr in BUTTONS


def _page_module(path: Path) -> _Module:
    return _modules().get(_module_name(path)) or _Module(path)


def _if_bodies(scope: ast.AST, calls: set[int], names: set[str]) -> list[ast.AST]:
    """The bodies of the `if`s in `scope` that test one of `calls` or one of `names`."""
    bodies = []
    for node in ast.walk(scope):
        if isinstance(node, ast.If) and any(
                id(n) in calls or (isinstance(n, ast.Name) and n.id in names)
                for n in ast.walk(node.test)):
            bodies.extend(node.body)
    return bodies


def _assigned_names(scope: ast.AST, value_is) -> set[str]:
    return {target.id for node in ast.walk(scope) if isinstance(node, ast.Assign)
            and value_is(node.value) for target in node.targets if isinstance(target, ast.Name)}


def buttons(paths: list[Path] | None = None) -> list[Button]:
    """Every button of the pages, the web edge and the entry, with what it writes through.

    A button inside a function of the page is one button per call of that function: its key
    with the caller's arguments, and, when the function hands the click back (a form that
    returns what was filled in, or None), what the caller does with the answer."""
    if paths is None:
        paths = [*sorted((PROJECT_ROOT / "pages").glob("*.py")),
                 PROJECT_ROOT / "app" / "web.py", PROJECT_ROOT / "app" / "main.py"]
    found = []
    for path in paths:
        module = _page_module(path)
        tree = module.tree
        local = {n.name: n for n in ast.walk(tree)
                 if isinstance(n, ast.FunctionDef | ast.AsyncFunctionDef)}
        around = {id(call): function for function in local.values()
                  for call in ast.walk(function) if _is_button(call)}
        where = str(path.relative_to(PROJECT_ROOT))
        for node in ast.walk(tree):
            if not _is_button(node):
                continue
            function = around.get(id(node))
            scope = function or tree
            names = _assigned_names(scope, lambda value, node=node: value is node)
            run = _if_bodies(scope, {id(node)}, names)
            for keyword in node.keywords:
                if keyword.arg == "on_click" and isinstance(keyword.value, ast.Name) \
                        and keyword.value.id in local:
                    run.extend(local[keyword.value.id].body)
            writes = _follow(module, local, run)
            sites = _call_sites(tree, function.name) if function is not None else []
            if not sites:
                found.append(Button(_key(node), where, node.lineno, tuple(sorted(set(writes)))))
                continue
            for call, statements in sites:
                handled = list(writes)
                if not writes and names:   # the click comes back as the function's answer
                    answers = _assigned_names(ast.Module(body=statements, type_ignores=[]),
                                              lambda value, call=call: value is call)
                    handled = _follow(module, local, _if_bodies(
                        ast.Module(body=statements, type_ignores=[]), set(), answers))
                found.append(Button(_key(node, _bind(function, call)), where, node.lineno,
                                    tuple(sorted(set(handled)))))
    return found


def _blocks(tree: ast.AST) -> list[list[ast.stmt]]:
    found = []
    for node in ast.walk(tree):
        for field in ("body", "orelse", "finalbody"):
            block = getattr(node, field, None)
            if isinstance(block, list) and block and isinstance(block[0], ast.stmt):
                found.append(block)
    return found


def _call_sites(tree: ast.AST, name: str) -> list[tuple[ast.Call, list[ast.stmt]]]:
    """Every call of the page's function `name`, with the statements from the one holding it
    to the end of its block (where what it answers is used)."""
    sites = []
    for block in _blocks(tree):
        for number, statement in enumerate(block):
            if isinstance(statement, ast.FunctionDef | ast.AsyncFunctionDef):
                continue
            for node in ast.walk(statement):
                if isinstance(node, ast.Call) and isinstance(node.func, ast.Name) \
                        and node.func.id == name and not _inside_inner_block(statement, node):
                    sites.append((node, block[number:]))
    return sites


def _inside_inner_block(statement: ast.stmt, call: ast.Call) -> bool:
    """Whether `call` sits in a nested block of `statement` (found again there)."""
    for field in ("body", "orelse", "finalbody", "handlers"):
        for inner in getattr(statement, field, None) or []:
            if any(n is call for n in ast.walk(inner)):
                return True
    return False


def _bind(function: ast.FunctionDef, call: ast.Call) -> dict[str, str]:
    params = [a.arg for a in function.args.args]
    bound = {params[i]: _text(arg) for i, arg in enumerate(call.args) if i < len(params)}
    bound |= {k.arg: _text(k.value) for k in call.keywords if k.arg}
    return bound


def _follow(module: _Module, local: dict[str, ast.AST], run: list[ast.AST]) -> list[str]:
    """What the statements `run` write through, entering the page's own functions."""
    writes, entered, queue = [], set(), list(run)
    while queue:
        calls = _calls(queue)
        queue = []
        for call in calls:
            if isinstance(call.func, ast.Name) and call.func.id in local \
                    and call.func.id not in entered:
                entered.add(call.func.id)
                queue.extend(local[call.func.id].body)
        writes += _writes_through(module, calls, set())
    return writes


def write_buttons() -> list[Button]:
    return [button for button in buttons() if button.writes]
