"""Beheer › Logboek: who did what, when, to which records, and how it ended."""

import datetime as dt

import streamlit as st

from app import auth, clock, display, web
from app.admin import audit_log

_, t, db = web.open_page("admin_log")

today = clock.today()
# A period of two dates needs more room than a choice: "16/11/2026 – 23/11/2026" whole.
left, middle, right, far = st.columns([1.5, 1, 1, 1])
period = left.date_input(t("log.period"), value=(today - dt.timedelta(days=7), today),
                         key="admin_log.period", format="DD/MM/YYYY")
action = web.selectbox(t("log.action"), [None, *audit_log.actions(db)],
                       key=web.lang_key("admin_log.action"),
                       format_func=lambda a: t("log.any") if a is None
                       else display.label(t, "audit.action", a), where=middle)
outcome = web.selectbox(t("log.outcome"), [None, "ok", "refused", "error"],
                        key=web.lang_key("admin_log.outcome"),
                        format_func=lambda o: t("log.any") if o is None else t(f"outcome.{o}"),
                        where=right)
people = auth.users(db)
user_id = web.selectbox(t("log.user"), [None, *people["user_id"]], key="admin_log.user",
                        format_func=lambda u: t("log.any") if u is None
                        else people.loc[people["user_id"] == u, "email"].item(), where=far)
since, until = (period if isinstance(period, tuple) and len(period) == 2 else (today, today))
entries = audit_log.search(db, since, until, action, outcome, user_id)
st.caption(t.plural("log.count", len(entries), limit=t.count(audit_log.MAX_ROWS)))
shown = entries.assign(
    who=entries["user_email"].fillna(entries["scope"]),
    records=[", ".join(r) if isinstance(r, list | tuple) else None
             for r in entries["record_ids"]],
    said=[audit_log.detail_words(d, t) for d in entries["detail"]])
web.table(display.table(shown, t, [
    display.datetime("occurred_at", "log.col.when"), display.text("who", "log.col.user"),
    display.code("action", "log.col.action", codes="audit.action"),
    display.code("entity", "log.col.entity", codes="entity"),
    display.text("records", "log.col.records"),
    display.code("outcome", "log.col.outcome", codes="outcome"),
    display.text("said", "log.col.detail")]))
