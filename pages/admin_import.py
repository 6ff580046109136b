"""Beheer › Importeren: upload an export, link its columns, see every problem, then import.
Only the kinds the viewer may import are offered (app/permissions.py); the pipeline refuses the
others whatever this page does."""

import pandas as pd
import streamlit as st

from app import permissions, tables, web
from app.errors import UserError
from app.importing import pipeline

viewer, t, db = web.open_page("admin_import")

done = st.session_state.pop("admin_import.done", None)
if done:
    warning = done.pop("warning", None)
    st.success(t("import.ui.done", **done), icon=":material/task_alt:")
    if warning:
        st.warning(t(warning), icon=":material/hard_drive:")

kinds = pipeline.kinds_for(viewer)
kind = web.selectbox(t("import.ui.kind"), kinds, key=web.lang_key("admin_import.kind"),
                     format_func=lambda k: t(f"import.kind.{k}"))
upload = web.file_uploader(t("import.ui.file"), key=f"admin_import.file.{kind}",
                           help=t("import.ui.file_help"))

if upload is not None:
    data = upload.getvalue()
    sheet = st.session_state.get(f"admin_import.sheet.{kind}")
    order = st.session_state.get(web.lang_key(f"admin_import.order.{kind}"))
    mapping = st.session_state.get(f"admin_import.mapping.{kind}")
    state_key = (kind, upload.file_id, sheet, order, repr(sorted((mapping or {}).items())))
    cached = st.session_state.get("admin_import.prepared")
    try:
        if cached and cached[0] == state_key and cached[2] == db.version:
            prepared = cached[1]
        else:
            with st.spinner(t("import.ui.checking")):
                prepared = pipeline.prepare(db, viewer, kind, upload.name, data, sheet=sheet,
                                            mapping=mapping, order=order)
            st.session_state["admin_import.prepared"] = (state_key, prepared, db.version)
    except UserError as error:  # unreadable, not this kind, or not the viewer's to import
        st.error(pipeline.refusal(error, upload.name, t.md), icon=":material/block:")
        st.stop()

    table = prepared.table
    described = t.md("import.ui.read", rows=t.plural("count.rows", len(table.lines)),
                     columns=t.plural("count.columns", len(table.header)),
                  format=table.file_format.upper())
    if table.encoding:
        described += " " + t.md("import.ui.encoding", encoding=table.encoding,
                             delimiter={"\t": "tab"}.get(table.delimiter, table.delimiter))
    if prepared.source:
        described += " " + t("import.ui.source", source=t(f"import.source.{prepared.source}"))
    st.caption(described)
    if len(table.sheets) > 1:
        web.selectbox(t("import.ui.sheet"), table.sheets, key=f"admin_import.sheet.{kind}")

    spec = prepared.spec
    if not spec.all_columns:
        with st.expander(t("import.ui.mapping"), expanded=bool(prepared.missing)):
            if prepared.missing:
                st.warning(t("import.ui.missing", fields=", ".join(
                    t(f"field.{f}") for f in prepared.missing)), icon=":material/link_off:")
            elif prepared.mapping_saved:
                st.caption(t("import.ui.mapping_saved"))
            options = ["", *[h for h in table.header if h]]
            chosen = {}
            columns = st.columns(3)
            for i, field in enumerate(spec.fields):
                label = t(f"field.{field.name}") + (" *" if field.required else "")
                current = prepared.mapping.get(field.name, "")
                chosen[field.name] = web.selectbox(
                    label, options, index=options.index(current) if current in options else 0,
                    key=f"admin_import.map.{kind}.{field.name}",
                    format_func=lambda h: h or t("import.ui.no_column"), where=columns[i % 3],
                )
            if st.button(t("import.ui.apply_mapping"), key=f"admin_import.apply.{kind}"):
                st.session_state[f"admin_import.mapping.{kind}"] = chosen
                st.rerun()
            if prepared.ignored_columns:
                st.caption(t.md("import.ui.ignored",
                                columns=", ".join(prepared.ignored_columns)))
    if prepared.missing:
        st.stop()
    if prepared.needs_date_order:
        st.radio(t("import.ui.date_order"), ["dmy", "mdy"],
                 key=web.lang_key(f"admin_import.order.{kind}"), index=None,
                 format_func=lambda o: t(f"import.ui.order_{o}"), horizontal=True)
        st.stop()

    built = prepared.built
    for note in built.notes:
        st.info(pipeline.render_note(note, t.md), icon=":material/info:")
    for note in built.held_back:
        st.warning(pipeline.render_note(note, t.md), icon=":material/link_off:")
    partial = False
    if built.problems:
        st.error(t("import.ui.problems", problems=t.count(len(built.problems)),
                   rows=t.count(len(built.refused_rows)), total=t.count(built.rows)),
                 icon=":material/error:")
        web.dataframe(pipeline.problems_table(prepared, t), hide_index=True, width="stretch",
                      height=min(400, 38 + 35 * len(built.problems)))
        st.download_button(t("import.ui.refused_rows"),
                           data=pipeline.refused_rows_csv(prepared, t),
                           file_name=f"{t('export.file.refused')}-{prepared.file_name}.csv",
                           mime="text/csv",
                           key="admin_import.refused", icon=":material/download:")
        if prepared.partial_counts is not None:
            partial = st.checkbox(t("import.ui.partial", rows=t.plural(
                "count.rows", built.rows - len(built.refused_rows))), key="admin_import.partial")
    counts = prepared.counts if not built.problems else prepared.partial_counts
    if counts is not None and (not built.problems or partial):
        new, changed, same = st.columns(3)
        new.metric(t("import.ui.new"), t.count(counts.new))
        changed.metric(t("import.ui.updated"), t.count(counts.updated))
        same.metric(t("import.ui.unchanged"), t.count(counts.unchanged))
        st.caption(t("import.ui.preview"))
        web.table(pipeline.preview_table(prepared, t, db))
        if st.button(t("import.ui.confirm"), type="primary", key="admin_import.confirm",
                     disabled=counts.new + counts.updated == 0 and not built.problems):
            result = pipeline.commit(db, viewer, prepared, partial=partial)
            st.session_state.pop("admin_import.prepared", None)
            st.session_state["admin_import.done"] = {
                "new": t.count(result.counts.new), "updated": t.count(result.counts.updated),
                "unchanged": t.count(result.counts.unchanged), "refused": t.count(result.refused),
                "warning": result.warning,
            }
            st.rerun()
        if counts.new + counts.updated == 0 and not built.problems:
            st.caption(t("import.ui.nothing_new"))

st.divider()
st.subheader(t("import.ui.log"))
history = pipeline.log(db, limit=20)
if history.empty:
    st.caption(t("import.ui.no_log"))
else:
    web.dataframe(tables.localized(pd.DataFrame({
        t("import.ui.col.when"): history["started_at"],
        t("import.ui.col.kind"): [t(f"import.kind.{k}") if t.has(f"import.kind.{k}") else k
                                  for k in history["kind"]],
        t("import.ui.col.file"): history["file_name"],
        t("import.ui.new"): history["n_new"],
        t("import.ui.updated"): history["n_updated"],
        t("import.ui.unchanged"): history["n_unchanged"],
        t("import.ui.refused"): history["n_refused"],
        t("import.ui.col.status"): [t(f"import.status.{s}") for s in history["status"]],
    }), t, datetimes=[t("import.ui.col.when")]), hide_index=True, width="stretch")
    last = pipeline.last_undoable(db)
    if last and last["kind"] == "survey" and not pipeline.may_undo(viewer, last):
        st.caption(t.md("import.ui.undo_not_yours_survey", file=last["file_name"]))
    elif last and not pipeline.may_undo(viewer, last):
        st.caption(t.md("import.ui.undo_not_yours", kind=t(f"import.kind.{last['kind']}"),
                        holders=permissions.holders_text(
                            permissions.import_action(last["kind"]), t)))
    elif last:
        sure = st.checkbox(t.md("import.ui.undo_sure", file=last["file_name"],
                             when=t.datetime(last["started_at"])),
                           key=f"admin_import.undo_sure.{last['import_id']}")
        if st.button(t("import.ui.undo"), key="admin_import.undo", disabled=not sure,
                     icon=":material/undo:"):
            undone = pipeline.undo_last(db, viewer)
            st.toast(t.md("import.ui.undone", file=undone["file_name"]))
            st.rerun()

# The way back out of the learner-side imports, for those who may make them.
round_trip = [k for k in ("learners", "results", "needs") if k in kinds]
if round_trip:
    st.divider()
    st.subheader(t("import.ui.exports"))
for export_kind in round_trip:
    st.caption(t(f"import.ui.export_{export_kind}"))
    web.export_buttons(viewer, t, export_kind, key=f"admin_import.export.{export_kind}")
