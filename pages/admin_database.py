"""Beheer › Databank: where the data lives, its schema version and how much it holds."""

import pandas as pd
import streamlit as st

from app import stats, web

web.page_access("admin_database")
t = web.translator()
db = web.database()
web.header(t, "admin_database")

counts = stats.counts(db)
left, right = st.columns(2)
left.metric(t("admin.schema_version"), counts.pop("schema_version"))
right.metric(t("admin.demo"), t("common.yes") if web.school_settings()["school.demo"]
             else t("common.no"))
st.caption(t("admin.path", path=str(db.path)))
for recovery in db.read("admin/recoveries").itertuples():
    st.warning(t("admin.wal_set_aside", when=t.datetime(recovery.occurred_at.to_pydatetime()),
                 file=recovery.detail.partition("=")[2]), icon=":material/healing:")
broken = db.read("admin/orphans")
if broken.empty:
    st.success(t("admin.integrity_ok"), icon=":material/verified:")
else:
    st.error(t("admin.integrity_broken", references=", ".join(
        f"{r.reference} ({t.count(r.rows)})" for r in broken.itertuples())))
st.dataframe(
    pd.DataFrame({t("admin.entity"): list(counts), t("admin.rows"): list(counts.values())}),
    hide_index=True, width="content",
)
