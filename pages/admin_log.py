"""Beheer › Logboek: who did what, when, to which records, and how it ended."""

import datetime as dt

import pandas as pd
import streamlit as st

from app import audit_log, auth, clock, tables, web

web.page_access("admin_log")
t = web.translator()
db = web.database()
web.header(t, "admin_log")

today = clock.today()
left, middle, right, far = st.columns(4)
period = left.date_input(t("log.period"), value=(today - dt.timedelta(days=7), today),
                         key="admin_log.period", format="DD/MM/YYYY")
action = middle.selectbox(t("log.action"), [None, *audit_log.actions(db)],
                          key=web.lang_key("admin_log.action"),
                          format_func=lambda a: t("log.any") if a is None else a)
outcome = right.selectbox(t("log.outcome"), [None, "ok", "refused", "error"],
                          key=web.lang_key("admin_log.outcome"),
                          format_func=lambda o: t("log.any") if o is None else t(f"outcome.{o}"))
people = auth.users(db)
user_id = far.selectbox(t("log.user"), [None, *people["user_id"]], key="admin_log.user",
                        format_func=lambda u: t("log.any") if u is None
                        else people.loc[people["user_id"] == u, "email"].item())
since, until = (period if isinstance(period, tuple) and len(period) == 2 else (today, today))
entries = audit_log.search(db, since, until, action, outcome, user_id)
st.caption(t("log.count", count=t.count(len(entries)), limit=t.count(audit_log.MAX_ROWS)))
table = pd.DataFrame({
    t("log.col.when"): entries["occurred_at"],
    t("log.col.user"): entries["user_email"].fillna(entries["scope"]),
    t("log.col.action"): entries["action"],
    t("log.col.entity"): entries["entity"],
    t("log.col.records"): [", ".join(r) if isinstance(r, list | tuple) else "" for r in
                           entries["record_ids"]],
    t("log.col.outcome"): [t(f"outcome.{o}") for o in entries["outcome"]],
    t("log.col.detail"): entries["detail"],
})
st.dataframe(tables.localized(table, t, datetimes=[t("log.col.when")]), hide_index=True,
             width="stretch")
