"""Professionalisering › Overzicht: the budget at a glance (per pot, burn-down), warnings,
requests waiting, evaluation depth, gaps no initiative addresses, and the year report."""

import streamlit as st

from app import clock, display, permissions, web
from app.i18n import plain
from app.prof import budget, competences, overview, plan, report, requests
from app.prof import charts as prof_charts
from app.school import school_calendar

viewer, t, db = web.open_page("prof_overview")
today = clock.today()
year = school_calendar.school_year_of(today)

with web.friendly_errors(t):
    glance = budget.glance(db, year)
    if glance.budget <= 0:
        st.info(t("prof.budget_not_set_up"), icon=":material/savings:")
    else:
        # Three a row: five amounts in euro and cent side by side are cut off ("€ 12.95…")
        # beside the navigation at 1280 pixels.
        money = [("budget", glance.budget), ("allocated", glance.allocated),
                 ("left", glance.left), ("committed", glance.committed), ("spent", glance.spent)]
        for at in (0, 3):
            for column, (name, amount) in zip(st.columns(3), money[at:at + 3], strict=False):
                column.metric(t(f"prof.money.{name}"), t.money(float(amount)))
        pots = budget.pot_money(db, year)
        for warning in budget.warnings(pots, t, year, today):
            st.warning(plain(warning), icon=":material/warning:")
        left, right = st.columns(2)
        with left:
            st.subheader(t("prof.pots"))
            web.chart(prof_charts.pots(budget.pot_groups(pots, t), t), t)
        with right:
            st.subheader(t("prof.burndown"))
            web.chart(prof_charts.burndown(budget.burndown(db, year, glance.budget), t), t)

    st.subheader(t("prof.queue"))
    waiting = requests.queue(requests.visible(db, viewer, year))
    if waiting.empty:
        st.caption(t("prof.queue_empty"))
    else:
        web.table(display.table(waiting, t, [
            display.person("name", "prof.col.staff"), display.text("title", "prof.col.title"),
            display.date("starts_on", "prof.col.starts_on"),
            display.money("cost", "prof.col.cost"),
            display.datetime("submitted_at", "prof.col.submitted_at")]))
        web.page_link("prof_requests", label=t("prof.to_queue"), icon=":material/inbox:")

    left, right = st.columns(2)
    initiatives = plan.depth_table(plan.initiatives(db, year))
    with left:
        st.subheader(t("prof.depth"))
        if initiatives.empty:
            st.caption(t("prof.no_initiatives"))
        else:
            web.chart(prof_charts.depth(initiatives, t), t)
            st.caption(t("prof.depth_help"))
    with right:
        st.subheader(t("prof.uncovered"))
        gaps = competences.load_gaps(db, viewer.scope)
        open_gaps = plan.uncovered(gaps.school_needs, competences.person_needs(gaps.staff),
                                   initiatives, plan.priorities(db, year))
        if open_gaps.empty:
            st.caption(t("prof.uncovered_none"))
        else:
            names = competences.framework(db).set_index("code")[
                competences.name_column(t.lang)]
            web.table(display.table(open_gaps.assign(
                name=[names.get(c, c) for c in open_gaps["code"]]), t, [
                display.text("code", "prof.col.competence"), display.text("name", "prof.col.name"),
                display.count("people", "prof.col.people_short"),
                display.flag("school_need", "prof.col.school_need")]))

    basis = overview.staff_basis(db, today)
    cols = st.columns(3)
    cols[0].metric(t("prof.staff"), t.count(basis.staff))
    cols[1].metric(t("prof.fte"), t.number(basis.fte, 1))
    cols[2].metric(t("prof.starters"), t.count(basis.starters), help=t("prof.starters_help"))

    if permissions.holds(viewer, "prof.report.export"):
        st.subheader(t("prof.report.heading"))
        st.caption(t("prof.report.help"))
        row = st.container(horizontal=True)
        row.download_button(
            t("prof.report.html"), key="prof_overview.report_html", icon=":material/print:",
            data=lambda: report.export(db, viewer, t, year, "html", today),
            file_name=f"{t('export.file.prof_report')}-{year}.html", mime="text/html")
        row.download_button(
            t("prof.report.xlsx"), key="prof_overview.report_xlsx", icon=":material/download:",
            data=lambda: report.export(db, viewer, t, year, "xlsx", today),
            file_name=f"{t('export.file.prof_report')}-{year}.xlsx",
            mime="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
