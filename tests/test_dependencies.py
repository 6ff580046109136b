"""The lock files are the whole tree with hashes, and they hold what requirements.in and
requirements-dev.in ask for: a pin changed without `make lock` fails here, not at a school."""

from __future__ import annotations

import re

import pytest

from tests.conftest import PROJECT_ROOT

PIN = re.compile(r"^([A-Za-z0-9_.\-\[\]]+)==([^\s;\\]+)")


def _name(text: str) -> str:
    return re.sub(r"[-_.]+", "-", text.split("[")[0]).lower()


def asked(path: str) -> dict[str, str]:
    found = {}
    for line in (PROJECT_ROOT / path).read_text().splitlines():
        line = line.strip()
        if line.startswith("-r "):
            found.update(asked(line.removeprefix("-r ").strip()))
        elif (match := PIN.match(line)) is not None:
            found[_name(match[1])] = match[2]
        else:
            assert not line or line.startswith("#"), f"{path}: not an exact pin: {line}"
    return found


def locked(path: str) -> dict[str, tuple[str, int]]:
    """Each locked package: its version and how many hashes it carries."""
    found: dict[str, tuple[str, int]] = {}
    current = None
    for line in (PROJECT_ROOT / path).read_text().splitlines():
        if (match := PIN.match(line)) is not None:
            current = _name(match[1])
            found[current] = (match[2], 0)
        elif current and "--hash=sha256:" in line:
            version, hashes = found[current]
            found[current] = (version, hashes + 1)
    return found


@pytest.mark.parametrize(("source", "lock"), [("requirements.in", "requirements.txt"),
                                              ("requirements-dev.in", "requirements-dev.txt")])
def test_the_lock_holds_what_is_asked_for_with_hashes(source, lock):
    tree = locked(lock)
    for name, version in asked(source).items():
        assert name in tree, f"{name} is asked for in {source} but not in {lock}: make lock"
        assert tree[name][0] == version, f"{name}: {source} asks {version}, {lock} holds " \
                                         f"{tree[name][0]}: make lock"
    unhashed = [name for name, (_, hashes) in tree.items() if hashes == 0]
    assert not unhashed, f"{lock} has packages without hashes: {unhashed}"
    assert len(tree) > len(asked(source)), "the lock holds the whole tree, not the pins only"


def test_the_development_lock_installs_the_runtime_as_locked():
    runtime, development = locked("requirements.txt"), locked("requirements-dev.txt")
    differ = {name: (runtime[name][0], development[name][0]) for name in runtime
              if name in development and development[name][0] != runtime[name][0]}
    assert not differ, f"the two locks disagree: {differ}: make lock"
    assert set(runtime) <= set(development)
