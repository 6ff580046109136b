"""Professionalisering › Aanvragen: a staff member files and follows their own requests and
keeps their own competence levels; the director works through the queue of requests waiting."""

import pandas as pd
import streamlit as st

from app import clock, display, permissions, web
from app.i18n import plain
from app.prof import competences, plan, requests, rules
from app.school import school_calendar

viewer, t, db = web.open_page("prof_requests")
today = clock.today()
year = school_calendar.school_year_of(today)
# Whoever holds the action over every request (the director) works through the queue.
decides = permissions.allowed(viewer, "prof.request.edit")

saves = web.Saves("prof_requests")


framework = competences.framework(db)
framework = framework[framework["is_active"]]
name_col = competences.name_column(t.lang)
comp_label = {int(r.competence_id): f"{r.code} · {getattr(r, name_col)}"
              for r in framework.itertuples()}
initiatives = plan.initiatives(db, year)
init_label = {int(r.initiative_id): r.title for r in initiatives.itertuples()}
choices = db.read("prof/subjects_and_classes", school_year=year)
class_label = {int(r.id): r.label for r in choices[choices["kind"] == "class"].itertuples()}
subject_label = {r.id: r.label for r in choices[choices["kind"] == "subject"].itertuples()}
all_requests = requests.visible(db, viewer, year)
all_steps = requests.steps(db, viewer, year)


def request_form(prefix: str, start: requests.RequestForm | None) -> requests.RequestForm | None:
    """The short form; returns what was filled in when its button is pressed."""
    start = start or requests.RequestForm(title="", goal="", starts_on=None)
    competence = web.selectbox(
        t("prof.col.competence"), [None, *comp_label], key=web.lang_key(f"{prefix}.competence"),
        index=([None, *comp_label].index(start.competence_id)
               if start.competence_id in comp_label else 0),
        format_func=lambda c: t("prof.none") if c is None else comp_label[c])
    if competence is not None:
        experts = plan.internal_experts(db, competence, viewer.staff_id)
        if len(experts):
            st.info(t.md("prof.internal_experts", names=t.join(
                [f"{r.name} ({r.subject_team})" for r in experts.itertuples()])),
                icon=":material/diversity_3:")
    with st.form(key=f"{prefix}.form", border=True):
        title = st.text_input(t("prof.col.title"), value=start.title, key=f"{prefix}.title")
        goal = st.text_area(t("prof.col.goal"), value=start.goal, key=f"{prefix}.goal",
                            help=t("prof.goal_help"))
        c1, c2 = st.columns(2)
        initiative = web.selectbox(
            t("prof.col.initiative"), [None, *init_label], key=web.lang_key(f"{prefix}.init"),
            index=([None, *init_label].index(start.initiative_id)
                   if start.initiative_id in init_label else 0),
            format_func=lambda i: t("prof.none") if i is None else init_label[i], where=c1)
        form = web.selectbox(t("prof.col.form"), list(rules.FORMS),
                             index=list(rules.FORMS).index(start.form),
                             key=web.lang_key(f"{prefix}.kind"),
                             format_func=lambda f: t(f"prof.form.{f}"), where=c2)
        partner = c1.text_input(t("prof.col.partner"), value=start.partner or "",
                                key=f"{prefix}.partner")
        starts_on = c2.date_input(t("prof.col.starts_on"), value=start.starts_on,
                                  key=f"{prefix}.starts_on", format="DD/MM/YYYY")
        ends_on = c2.date_input(t("prof.col.ends_on"), value=start.ends_on,
                                key=f"{prefix}.ends_on", format="DD/MM/YYYY")
        c3, c4, c5, c6 = st.columns(4)
        # Text fields read the local way: a decimal comma (12,50) is 12.5, never 1250.
        fee = web.number_field(t, "prof.col.fee", f"{prefix}.fee", start.fee, decimals=2,
                               minimum=0, container=c3)
        travel = web.number_field(t, "prof.col.travel", f"{prefix}.travel", start.travel,
                                  decimals=2, minimum=0, container=c4)
        substitute = web.number_field(t, "prof.col.substitute", f"{prefix}.substitute",
                                      start.substitute, decimals=2, minimum=0, container=c5)
        hours = web.number_field(t, "prof.col.hours", f"{prefix}.hours", start.hours,
                                 decimals=1, minimum=0, container=c6)
        sharing = st.text_area(t("prof.col.sharing_plan"), value=start.sharing_plan or "",
                               key=f"{prefix}.sharing", help=t("prof.sharing_help"))
        c7, c8 = st.columns(2)
        subject = web.selectbox(
            t("prof.col.subject"), [None, *subject_label], key=web.lang_key(f"{prefix}.subject"),
            index=([None, *subject_label].index(start.subject_id)
                   if start.subject_id in subject_label else 0),
            format_func=lambda s: t("prof.none") if s is None else subject_label[s],
            help=t("prof.classes_help"), where=c7)
        classes = web.multiselect(t("prof.col.classes"), list(class_label),
                                  default=[c for c in start.class_ids if c in class_label],
                                  key=f"{prefix}.classes", format_func=lambda c: class_label[c],
                                  where=c8)
        pressed = st.form_submit_button(t("prof.save_draft"), key=f"{prefix}.save",
                                        icon=":material/save:", type="primary")
    if not pressed:
        return None
    return requests.RequestForm(
        title=title, goal=goal, starts_on=starts_on, ends_on=ends_on, partner=partner,
        form=form, initiative_id=initiative, competence_id=competence, subject_id=subject,
        class_ids=tuple(classes), fee=fee.value or 0, travel=travel.value or 0,
        substitute=substitute.value or 0, hours=hours.value or 0, sharing_plan=sharing)


def show_request(row: pd.Series, prefix: str) -> None:
    """Details, the steps so far, and the buttons for the steps this viewer may take."""
    request_id = int(row["request_id"])
    st.markdown(f"**{plain(row['title'])}** · {t(f'prof.state.{row.state}')} · "
                f"{t.money(float(row['cost']))}")
    st.caption(t.md("prof.request_caption", name=row["name"], date=t.date(row["starts_on"]),
                 form=t(f"prof.form.{row['form']}"), goal=row["goal"]))
    if isinstance(row["sharing_plan"], str):
        st.caption(t.md("prof.sharing_caption", plan=row["sharing_plan"]))
    history = all_steps[all_steps["request_id"] == request_id]
    web.table(display.table(history, t, [
        display.code("to_state", "prof.col.step", codes="prof.state"),
        display.person("by_name", "prof.col.by"),
        display.datetime("stepped_at", "prof.col.when"),
        display.text("note", "prof.col.note")]))
    moves = requests.next_steps(viewer, row)
    if not moves:
        return
    note = st.text_input(t("prof.step_note"), key=f"{prefix}.note.{request_id}",
                         help=t("prof.step_note_help"))
    cost = None
    if "done" in moves:
        cost = web.number_field(t, "prof.actual_cost", f"{prefix}.cost.{request_id}",
                                row["cost"], decimals=2, minimum=0)
    buttons = st.container(horizontal=True)
    for to in moves:
        if buttons.button(t(f"prof.move.{to}"), key=f"{prefix}.move.{request_id}.{to}",
                          type="primary" if to in ("submitted", "approved") else "secondary"):
            with web.friendly_errors(t), rules.named_columns(t):
                requests.move(db, viewer, request_id, int(row["version"]), to, note=note,
                              actual_cost=cost.value if to == "done" else None)
                saves.saved(t("prof.moved", state=t(f"prof.state.{to}")))


tabs = []
if viewer.staff_id is not None:
    if permissions.holds(viewer, "prof.request.edit"):
        tabs += ["mine", "new"]
    if permissions.holds(viewer, "prof.level.self"):
        tabs += ["levels"]
if decides:
    tabs += ["queue", "all"]
if not tabs:
    st.info(t("prof.no_staff_link"), icon=":material/link_off:")
    st.stop()
shown = dict(zip(tabs, st.tabs([t(f"prof.tab.{k}") for k in tabs]), strict=True))

if "mine" in shown:
    with shown["mine"]:
        mine = all_requests[all_requests["staff_id"] == viewer.staff_id]
        if mine.empty:
            st.caption(t("prof.no_requests"))
        for _, row in mine.iterrows():
            with st.expander(plain(f"{row['title']} · {t(f'prof.state.{row.state}')}"),
                             expanded=row["state"] in ("draft", "submitted")):
                show_request(row, "prof_requests.mine")
                if row["state"] in rules.EDITABLE and st.toggle(
                        t("prof.edit"), key=f"prof_requests.edit.{row['request_id']}"):
                    filled = request_form(f"prof_requests.edit_{row['request_id']}",
                                          requests.form_of(row))
                    if filled is not None:
                        with web.friendly_errors(t), rules.named_columns(t):
                            requests.update(db, viewer, int(row["request_id"]),
                                            int(row["version"]), filled)
                            saves.saved(t("prof.saved"))
                promised = row["state"] in ("done", "evaluated") and isinstance(
                    row["sharing_plan"], str) and pd.isna(row["shared_on"])
                if promised and st.button(t("prof.mark_shared"),
                                          key=f"prof_requests.shared.{row['request_id']}"):
                    with web.friendly_errors(t), rules.named_columns(t):
                        requests.mark_shared(db, viewer, int(row["request_id"]), today, None)
                        saves.saved(t("prof.saved"))

if "new" in shown:
    with shown["new"]:
        st.caption(t("prof.new_help"))
        filled = request_form("prof_requests.new", None)
        if filled is not None:
            with web.friendly_errors(t), rules.named_columns(t):
                requests.create(db, viewer, year, filled)
                saves.saved(t("prof.draft_saved"))

if "levels" in shown:
    with shown["levels"]:
        st.caption(t("prof.levels_help"))
        levels = db.read("prof/staff_levels", scope=viewer.scope)
        mine = levels[levels["staff_id"] == viewer.staff_id]
        if len(mine):
            web.table(display.table(mine.assign(competence=[
                comp_label.get(int(c)) for c in mine["competence_id"]]), t, [
                display.text("competence", "prof.col.competence"),
                display.code("source", "prof.col.source", codes="prof.level_source"),
                display.code("level", "prof.col.level", codes="prof.level"),
                display.date("assessed_on", "prof.col.assessed_on")]))
        with st.form(key="prof_requests.level_form"):
            competence = web.selectbox(t("prof.col.competence"), list(comp_label),
                                      key=web.lang_key("prof_requests.level_competence"),
                                      format_func=lambda c: comp_label[c])
            level = st.radio(t("prof.col.level"), list(rules.LEVELS), horizontal=True,
                             key=web.lang_key("prof_requests.level"),
                             format_func=lambda v: t(f"prof.level.{v}"))
            expert = st.checkbox(t("prof.can_share"), key="prof_requests.can_share")
            if st.form_submit_button(t("prof.save_level"), key="prof_requests.save_level"):
                with web.friendly_errors(t), rules.named_columns(t):
                    competences.record_own_level(db, viewer, viewer.staff_id, competence,
                                                 level, today)
                    if expert:
                        plan.declare_expertise(db, viewer, competence, None, today)
                    saves.saved(t("prof.saved"))

if "queue" in shown:
    with shown["queue"]:
        waiting = requests.queue(all_requests)
        if waiting.empty:
            st.info(t("prof.queue_empty"), icon=":material/inbox:")
        pots = db.read("prof/pot_money", school_year=year)
        for _, row in waiting.iterrows():
            with st.expander(plain(f"{row['name']} · {row['title']} · "
                                   f"{t.money(float(row['cost']))}"),
                             expanded=True):
                show_request(row, "prof_requests.queue")
                if not pd.isna(row["competence_id"]) and row["form"] == "external_training":
                    experts = plan.internal_experts(db, int(row["competence_id"]),
                                                    int(row["staff_id"]))
                    if len(experts):
                        st.info(t.md("prof.internal_experts", names=t.join(
                            list(experts["name"]))), icon=":material/diversity_3:")

if "all" in shown:
    with shown["all"]:
        states = web.multiselect(t("prof.col.state"), list(rules.STATES),
                                default=list(rules.STATES), key="prof_requests.states",
                                format_func=lambda s: t(f"prof.state.{s}"))
        chosen = all_requests[all_requests["state"].isin(states)]
        web.table(display.table(chosen, t, [
            display.person("name", "prof.col.staff"), display.text("title", "prof.col.title"),
            display.code("state", "prof.col.state", codes="prof.state"),
            display.date("starts_on", "prof.col.starts_on"),
            display.money("cost", "prof.col.cost"),
            display.number("hours", "prof.col.hours", decimals=1),
            display.date("shared_on", "prof.col.shared_on")]))
        movable = chosen[chosen["state"].isin(["approved", "done"])]
        if len(movable):
            pick = web.selectbox(
                t("prof.follow_up"), list(movable["request_id"]),
                key=web.lang_key("prof_requests.follow_up"),
                format_func=lambda r: " · ".join(
                    str(v) for v in movable.loc[movable["request_id"] == r,
                                                ["name", "title"]].iloc[0]))
            show_request(movable[movable["request_id"] == pick].iloc[0], "prof_requests.all")
