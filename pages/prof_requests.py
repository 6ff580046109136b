"""Professionalisering › Aanvragen: a staff member files and follows their own requests and
keeps their own competence levels; the director works through the queue of requests waiting.
The tabs, labels and tables come from app/prof/requests_view.py."""

import streamlit as st

from app import clock, web
from app.prof import competences, plan, requests, rules
from app.prof import requests_view as view
from app.school import school_calendar

viewer, t, db = web.open_page("prof_requests")
today = clock.today()
year = school_calendar.school_year_of(today)
saves = web.Saves("prof_requests")
offered = view.choices(db, year, t)
all_requests = requests.visible(db, viewer, year)
all_steps = requests.steps(db, viewer, year)


def optional(label_key: str, labels: dict, value, key: str, **kwargs):
    """A choice that may stay empty ('geen')."""
    options, index = view.optional(labels, value)
    return web.selectbox(t(label_key), options, index=index, key=web.lang_key(key),
                         format_func=lambda v: t("prof.none") if v is None else labels[v],
                         **kwargs)


def request_form(prefix: str, start: requests.RequestForm | None) -> requests.RequestForm | None:
    """The short form; returns what was filled in when its button is pressed."""
    start = start or requests.RequestForm(title="", goal="", starts_on=None)
    competence = optional("prof.col.competence", offered.competences, start.competence_id,
                          f"{prefix}.competence")
    if competence is not None and (experts := view.experts_text(
            plan.internal_experts(db, competence, viewer.staff_id), t)):
        st.info(experts, icon=":material/diversity_3:")
    with st.form(key=f"{prefix}.form", border=True):
        title = st.text_input(t("prof.col.title"), value=start.title, key=f"{prefix}.title")
        goal = st.text_area(t("prof.col.goal"), value=start.goal, key=f"{prefix}.goal",
                            help=t("prof.goal_help"))
        c1, c2 = st.columns(2)
        initiative = optional("prof.col.initiative", offered.initiatives, start.initiative_id,
                              f"{prefix}.init", where=c1)
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
        # Text fields read the local way: a decimal comma (12,50) is 12.5, never 1250.
        amounts = {name: web.number_field(t, f"prof.col.{name}", f"{prefix}.{name}",
                                          getattr(start, name), decimals=decimals, minimum=0,
                                          container=column)
                   for (name, decimals), column in zip(view.AMOUNTS.items(), st.columns(4),
                                                       strict=True)}
        sharing = st.text_area(t("prof.col.sharing_plan"), value=start.sharing_plan or "",
                               key=f"{prefix}.sharing", help=t("prof.sharing_help"))
        c7, c8 = st.columns(2)
        subject = optional("prof.col.subject", offered.subjects, start.subject_id,
                           f"{prefix}.subject", help=t("prof.classes_help"), where=c7)
        classes = web.multiselect(t("prof.col.classes"), list(offered.classes),
                                  default=[c for c in start.class_ids if c in offered.classes],
                                  key=f"{prefix}.classes", format_func=offered.classes.get,
                                  where=c8)
        pressed = st.form_submit_button(t("prof.save_draft"), key=f"{prefix}.save",
                                        icon=":material/save:", type="primary")
    if not pressed:
        return None
    return requests.RequestForm(
        title=title, goal=goal, starts_on=starts_on, ends_on=ends_on, partner=partner,
        form=form, initiative_id=initiative, competence_id=competence, subject_id=subject,
        class_ids=tuple(classes), sharing_plan=sharing,
        **{name: entered.value or 0 for name, entered in amounts.items()})


def show_request(row, prefix: str) -> None:
    """Details, the steps so far, and the buttons for the steps this viewer may take."""
    request_id = int(row["request_id"])
    st.markdown(view.head(row, t))
    for line in view.caption(row, t):
        st.caption(line)
    web.table(view.steps_table(all_steps, request_id, t))
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
                          type="primary" if to in view.MAIN_STEPS else "secondary"):
            with web.friendly_errors(t), rules.named_columns(t):
                requests.move(db, viewer, request_id, int(row["version"]), to, note=note,
                              actual_cost=cost.value if to == "done" else None)
                saves.saved(t("prof.moved", state=t(f"prof.state.{to}")))


if not (tabs := view.tabs(viewer)):
    st.info(t("prof.no_staff_link"), icon=":material/link_off:")
    st.stop()
shown = dict(zip(tabs, st.tabs([t(f"prof.tab.{k}") for k in tabs]), strict=True))

if "mine" in shown:
    with shown["mine"]:
        mine = all_requests[all_requests["staff_id"] == viewer.staff_id]
        if mine.empty:
            st.caption(t("prof.no_requests"))
        for _, row in mine.iterrows():
            request_id = int(row["request_id"])
            with st.expander(view.own_title(row, t), expanded=view.still_open(row)):
                show_request(row, "prof_requests.mine")
                if row["state"] in rules.EDITABLE and st.toggle(
                        t("prof.edit"), key=f"prof_requests.edit.{request_id}"):
                    filled = request_form(f"prof_requests.edit_{request_id}",
                                          requests.form_of(row))
                    if filled is not None:
                        with web.friendly_errors(t), rules.named_columns(t):
                            requests.update(db, viewer, request_id, int(row["version"]), filled)
                            saves.saved(t("prof.saved"))
                if view.sharing_due(row) and st.button(
                        t("prof.mark_shared"), key=f"prof_requests.shared.{request_id}"):
                    with web.friendly_errors(t), rules.named_columns(t):
                        requests.mark_shared(db, viewer, request_id, today, None)
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
        levels = view.levels_table(db.read("prof/staff_levels", scope=viewer.scope),
                                   viewer.staff_id, offered.competences, t)
        if len(levels.frame):
            web.table(levels)
        with st.form(key="prof_requests.level_form"):
            competence = web.selectbox(t("prof.col.competence"), list(offered.competences),
                                       key=web.lang_key("prof_requests.level_competence"),
                                       format_func=offered.competences.get)
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
        for _, row in waiting.iterrows():
            with st.expander(view.queue_title(row, t), expanded=True):
                show_request(row, "prof_requests.queue")
                competence = view.experts_wanted(row)
                if competence is not None and (experts := view.experts_text(
                        plan.internal_experts(db, competence, int(row["staff_id"])), t,
                        with_team=False)):
                    st.info(experts, icon=":material/diversity_3:")

if "all" in shown:
    with shown["all"]:
        states = web.multiselect(t("prof.col.state"), list(rules.STATES),
                                 default=list(rules.STATES), key="prof_requests.states",
                                 format_func=lambda s: t(f"prof.state.{s}"))
        chosen = all_requests[all_requests["state"].isin(states)]
        web.table(view.requests_table(chosen, t))
        if follow := view.follow_ups(chosen):
            pick = web.selectbox(t("prof.follow_up"), list(follow), format_func=follow.get,
                                 key=web.lang_key("prof_requests.follow_up"))
            show_request(chosen[chosen["request_id"] == pick].iloc[0], "prof_requests.all")
