"""Beheer › Privacy: erase learners for good, and keep backups."""

import datetime as dt

import pandas as pd
import streamlit as st

from app import clock, display, web
from app.admin import backup, privacy
from app.i18n import plain

viewer, t, db = web.open_page("admin_privacy")

done = st.session_state.pop("admin_privacy.done", None)
if done:
    lines = privacy.describe(done, t)
    clean = not done.rewrite_failed and not done.pending and all(
        c.outcome not in ("failed", "missing") for c in done.copies)
    (st.success if clean else st.warning)("\n\n".join(lines), icon=":material/delete_forever:")

waiting, rewrite = privacy.pending(db)
if waiting or rewrite:
    if waiting:
        st.warning(t("privacy.pending.copies", count=t.count(waiting)), icon=":material/warning:")
    if rewrite:
        st.warning(t("privacy.pending.rewrite"), icon=":material/warning:")
    if st.button(t("privacy.pending.finish"), key="admin_privacy.finish", type="primary"):
        st.session_state["admin_privacy.done"] = privacy.finish(db, viewer)
        st.rerun()


def _learner_table(found: pd.DataFrame) -> display.Table:
    return display.table(found, t, [
        display.text("external_id", "privacy.col.external_id"),
        display.person("learner", "privacy.col.learner", detail="last_class"),
        display.text("last_class", "privacy.col.class"),
        display.date("left_on", "privacy.col.left_on")])


def _erase(ids: list[int]) -> None:
    st.session_state["admin_privacy.done"] = privacy.erase(db, viewer, ids)
    st.rerun()


one, leavers, copies = st.tabs([t("privacy.one"), t("privacy.leavers"), t("privacy.backups")])

with one:
    st.caption(t("privacy.one_intro"))
    text = st.text_input(t("privacy.search"), key="admin_privacy.search")
    found = privacy.find(db, viewer.scope, text) if text.strip() else pd.DataFrame()
    if text.strip() and found.empty:
        st.info(t("privacy.not_found"))
    elif not found.empty:
        learner_id = web.selectbox(
            t("privacy.pick"), list(found["learner_id"]), key="admin_privacy.pick",
            format_func=lambda i: "{learner} ({external_id}, {last_class})".format(**{
                k: display.text_of(v) for k, v in
                found.loc[found["learner_id"] == i].iloc[0].to_dict().items()}),
        )
        row = found.loc[found["learner_id"] == learner_id].iloc[0]
        rows = privacy.footprint(db, [int(learner_id)])
        st.write(t("privacy.footprint", rows=", ".join(
            f"{t(f'entity.{k}')}: {t.count(v)}" for k, v in rows.items())))
        if pd.isna(row["left_on"]):
            st.warning(t("privacy.still_enrolled"), icon=":material/warning:")
        confirm = st.text_input(t.md("privacy.confirm", external_id=row["external_id"]),
                                key=f"admin_privacy.confirm.{learner_id}")
        if st.button(t("privacy.erase_one"), type="primary", key="admin_privacy.erase_one",
                     disabled=confirm.strip() != row["external_id"]):
            _erase([int(learner_id)])

with leavers:
    st.caption(t("privacy.leavers_intro"))
    day = st.date_input(t("privacy.left_before"), key="admin_privacy.left_before",
                        value=clock.today().replace(month=9, day=1) - dt.timedelta(days=365),
                        format="DD/MM/YYYY")
    planned = privacy.left_before(db, viewer.scope, day)
    st.write(t("privacy.dry_run", count=t.count(len(planned)), date=t.date(day)))
    if not planned.empty:
        web.table(_learner_table(planned))
        sure = st.checkbox(t("privacy.leavers_sure", count=t.count(len(planned))),
                           key="admin_privacy.leavers_sure")
        if st.button(t("privacy.erase_leavers", count=t.count(len(planned))), type="primary",
                     key="admin_privacy.erase_leavers", disabled=not sure):
            _erase([int(i) for i in planned["learner_id"]])

with copies:
    st.caption(t("privacy.backups_intro"))
    if st.button(t("privacy.backup_now"), key="admin_privacy.backup", icon=":material/backup:"):
        path = backup.make_backup(db, viewer)
        st.success(t.md("privacy.backup_made", name=path.name))
    files = backup.backups(db)
    if not files:
        st.info(t("privacy.no_backups"))
    for file in files:
        st.markdown(plain(f"{file.path.name} · {t.datetime(file.made_at)} · "
                          f"{t.number(file.size / 1e6, 1)} MB"))
    st.caption(t("privacy.restore_help", folder=str(backup.backup_dir(db))))
