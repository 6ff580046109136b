"""The audit log: who did what, when, to which records, and how it ended.

Every write transaction carries an :class:`Audit` (see :meth:`app.db.Database.transaction`), so
a write path cannot forget to log. Entries hold ids and kinds, never personal data: no names,
no e-mail addresses, no file contents. They survive the erasure of the learners they mention.
"""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass
class Audit:
    action: str                              # 'login', 'import', 'edit', 'publish', 'export', ...
    entity: str | None = None                # 'learner', 'user', 'flex_plan', ...
    user_id: int | None = None
    scope: str | None = None                 # the viewer's scope key: 'all', 'classes:3,4', 'cli'
    record_ids: list[str] = field(default_factory=list)
    detail: str | None = None                # counts and codes, never names or content
    outcome: str = "ok"                      # written on commit; 'refused' records a refusal

    def params(self, outcome: str) -> dict:
        return {
            "user_id": self.user_id,
            "action": self.action,
            "entity": self.entity,
            "record_ids": [str(r) for r in self.record_ids][:1000] or None,
            "scope": self.scope,
            "outcome": outcome,
            "detail": self.detail[:500] if self.detail else None,
        }


# The command line runs as the administrator who can reach the database file.
def cli(action: str, entity: str | None = None, **kwargs) -> Audit:
    return Audit(action=action, entity=entity, scope="cli", **kwargs)
