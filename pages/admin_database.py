"""Beheer › Databank: where the data lives, its schema version and how much it holds; leaving
demo mode."""

import pandas as pd
import streamlit as st

from app import auth, demo, display, web
from app.admin import stats
from app.errors import UserError

viewer, t, db = web.open_page("admin_database")

counts = stats.counts(db)
left, right = st.columns(2)
left.metric(t("admin.schema_version"), t.count(counts.pop("schema_version")))
right.metric(t("admin.demo"), t("common.yes") if web.school_settings()["school.demo"]
             else t("common.no"))
st.caption(t.md("admin.path", path=str(db.path)))
for recovery in db.read("admin/recoveries").itertuples():
    st.warning(t.md("admin.wal_set_aside", when=t.datetime(recovery.occurred_at.to_pydatetime()),
                 file=recovery.detail.partition("=")[2]), icon=":material/healing:")
broken = db.read("admin/orphans")
if broken.empty:
    st.success(t("admin.integrity_ok"), icon=":material/verified:")
else:
    st.error(t.md("admin.integrity_broken", references=", ".join(
        f"{r.reference} ({t.count(r.rows)})" for r in broken.itertuples())))
web.table(display.table(pd.DataFrame({"entity": list(counts), "rows": list(counts.values())}),
                        t, [display.code("entity", "admin.entity", codes="admin.count"),
                            display.count("rows", "admin.rows")]), width="content")

if web.school_settings()["school.demo"]:
    st.subheader(t("admin.demo_leave.title"))
    if demo.real_data_in_demo(db):
        st.warning(t("home.demo_real_data"), icon=":material/warning:")
    st.caption(t("admin.demo_leave.what", password=auth.DEMO_PASSWORD))
    sure = st.checkbox(t("admin.demo_leave.sure"), key="admin_database.demo_leave_sure")
    if st.button(t("admin.demo_leave.button"), key="admin_database.demo_leave",
                 disabled=not sure, icon=":material/logout:"):
        try:
            left = demo.leave_demo(db, viewer, need_own_admin=True)
        except UserError as error:
            st.error(error.render(t), icon=":material/block:")
        else:
            # A demo administrator is signed out by this: the sign-in page follows, and says so.
            web.notice_on_sign_in(t("admin.demo_leave.done", accounts=t.count(left.accounts)))
            st.rerun()
