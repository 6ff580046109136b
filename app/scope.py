"""What a viewer may see, as parameters every scoped query takes.

A query that reads learner data joins ``visible_learners($scope_all, $scope_class_ids,
$scope_leader, $scope_school_year)`` (a table macro, migrations 002, 005 and 011).
:class:`app.db.Database` fills those parameters from a :class:`Scope` and refuses to run such a
query without one: fail closed.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

SCOPE_PARAMS = frozenset(
    {"scope_all", "scope_class_ids", "scope_leader", "scope_school_year", "scope_user_id",
     "scope_staff_data"}
)


@dataclass(frozen=True)
class Scope:
    all_learners: bool = False
    class_ids: tuple[int, ...] = ()          # class-council member: these classes
    leader_staff_id: int | None = None       # flex teacher: learners of the sessions they lead
    # ... in this school year's published plans ('2026-2027'); passed in from the app's today
    # (app/clock.py), never SQL's current_date, which a pinned date does not move. Without it a
    # leader sees nobody: fail closed.
    school_year: str | None = None
    user_id: int | None = None               # own records (survey owner, own requests)
    staff_data: bool = False                 # other staff members' confidential data

    @property
    def key(self) -> str:
        """A short, stable text for the audit log and cache keys: 'all', 'classes:3,4', ..."""
        parts = []
        if self.all_learners:
            parts.append("all")
        if self.class_ids:
            parts.append("classes:" + ",".join(str(c) for c in sorted(self.class_ids)))
        if self.leader_staff_id is not None:
            parts.append(f"leader:{self.leader_staff_id}@{self.school_year or '-'}")
        if self.staff_data:
            parts.append("staff")
        if self.user_id is not None:
            parts.append(f"user:{self.user_id}")
        return "|".join(parts) or "none"

    def params(self) -> dict[str, Any]:
        return {
            "scope_all": self.all_learners,
            "scope_class_ids": list(self.class_ids),
            "scope_leader": self.leader_staff_id,
            "scope_school_year": self.school_year,
            "scope_user_id": self.user_id,
            "scope_staff_data": self.staff_data,
        }


# The command line: the administrator who holds the database file sees everything in it.
EVERYTHING = Scope(all_learners=True, staff_data=True)


class ScopeRequired(RuntimeError):
    """A scoped query was called without a scope: a programming error, never shown to users."""
