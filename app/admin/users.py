"""Beheer › Gebruikers: accounts, their roles, the classes a class council sees, passwords.
Every write asks the permission model (admin.users.edit) and writes its own audit entry; a
change of roles, classes or staff link, or a new password, ends the user's browser sessions."""

from __future__ import annotations

from app import permissions
from app.auth import (
    ROLES,
    Viewer,
    check_password_rules,
    hash_password,
    normalise_email,
)
from app.db import Database, Transaction
from app.errors import UserError


def _check_roles(roles: list[str], class_ids: list[int]) -> None:
    unknown = [r for r in roles if r not in ROLES]
    if unknown or not roles:
        raise UserError("auth.error.roles", roles=", ".join(unknown) or "–")
    if "class_council" in roles and not class_ids:
        raise UserError("auth.error.classes_needed")


def _write_roles(tx: Transaction, user_id: int, roles: list[str], class_ids: list[int]) -> None:
    tx.execute("auth/delete_roles", user_id=user_id)
    tx.execute("auth/delete_user_classes", user_id=user_id)
    for role in sorted(set(roles)):
        tx.execute("auth/insert_role", user_id=user_id, role=role)
    for class_id in sorted(set(class_ids)) if "class_council" in roles else []:
        tx.execute("auth/insert_user_class", user_id=user_id, class_id=class_id)


def add_user(db: Database, viewer: Viewer, *, email: str, name: str, roles: list[str],
             class_ids: list[int] = (), staff_id: int | None = None,
             password: str | None = None, is_demo: bool = False) -> int:
    """Create an account. Without a password it can sign in through OpenID Connect only."""
    permissions.require(db, viewer, "admin.users.edit")
    email = normalise_email(email)
    if not name.strip():
        raise UserError("auth.error.name_missing")
    _check_roles(roles, list(class_ids))
    if password is not None and not is_demo:
        check_password_rules(password)
    if db.one("auth/user_by_email", email=email):
        raise UserError("auth.error.email_taken")
    audit = viewer.audit("user_add", "user")
    with db.transaction(audit) as tx:
        user_id = int(tx.scalar(
            "auth/insert_user", email=email, display_name=name.strip(),
            password_hash=hash_password(password) if password else None,
            staff_id=staff_id, is_demo=is_demo,
        ))
        _write_roles(tx, user_id, roles, list(class_ids))
        audit.record_ids.append(str(user_id))
        audit.detail = "roles=" + ",".join(sorted(roles))
    return user_id


def update_user(db: Database, viewer: Viewer, user_id: int, *, name: str, roles: list[str],
                class_ids: list[int], staff_id: int | None, is_active: bool) -> None:
    permissions.require(db, viewer, "admin.users.edit")
    if not name.strip():
        raise UserError("auth.error.name_missing")
    _check_roles(roles, list(class_ids))
    audit = viewer.audit("user_edit", "user")
    with db.transaction(audit) as tx:
        before = tx.records("auth/user", user_id=user_id)
        tx.execute("auth/update_user", user_id=user_id, display_name=name.strip(),
                   staff_id=staff_id, is_active=is_active)
        _write_roles(tx, user_id, roles, class_ids)
        after = tx.records("auth/user", user_id=user_id)
        # Disabled, or other roles, classes or staff link: every browser session of the user
        # ends at once (app/sessions.py), in every tab; a new name alone changes nothing.
        if [_grant(u) for u in before] != [_grant(u) for u in after]:
            tx.execute("session/delete_user", user_id=user_id)
        audit.record_ids.append(str(user_id))
        audit.detail = "roles=" + ",".join(sorted(roles)) + f" active={is_active}"


def _grant(user: dict) -> tuple:
    return (bool(user["is_active"]), list(user["roles"]), list(user["class_ids"]),
            user["staff_id"])


def set_password(db: Database, viewer: Viewer, user_id: int, password: str) -> None:
    """A new password; every browser still signed in with the old one is signed out."""
    permissions.require(db, viewer, "admin.users.edit")
    check_password_rules(password)
    audit = viewer.audit("user_password", "user", [user_id])
    with db.transaction(audit) as tx:
        tx.execute("auth/set_password", user_id=user_id, password_hash=hash_password(password))
        tx.execute("session/delete_user", user_id=user_id)
