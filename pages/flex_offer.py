"""Flex › Aanbod: the sessions of a cycle per flex moment, edited in a table and saved in one
transaction; the previous cycle's offer copied in one step."""

import streamlit as st

from app import web
from app.errors import UserError
from app.flex import offer, plans, words
from app.i18n import plain

viewer, t, db = web.open_page("flex_offer")


picked_week = web.week_picker(t, "flex_offer.week")
if picked_week is None:
    st.stop()
week_id, cycle_id, _ = picked_week
cycle = db.one("flex/cycle", cycle_id=cycle_id)
pick = offer.choices(db, cycle["school_year_id"], t)
saves = web.Saves("flex_offer", counter=f".{cycle_id}")
version, saved = saves.version, saves.saved


# What the editor started from: kept until saved or reloaded, so edits always apply to the
# rows they were made on, and a save can tell whether someone else changed the offer meanwhile.
loaded_key = f"flex_offer.loaded.{cycle_id}.{version}"
if loaded_key not in st.session_state:
    raw = offer.sessions(db, cycle_id)
    st.session_state[loaded_key] = (offer.fingerprint(raw), raw)
fingerprint, loaded = st.session_state[loaded_key]
original = offer.editable(loaded, pick)
stored_count = len(loaded)

if stored_count == 0:
    st.info(t("offer.empty"), icon=":material/event_note:")
    with web.friendly_errors(t):
        if st.button(t("offer.copy_previous"), key="flex_offer.copy", type="primary",
                     icon=":material/content_copy:", help=t("offer.copy_help")):
            copied = offer.copy_previous(db, viewer, cycle_id)
            saved(t.plural("offer.copied", copied))
    st.caption(t("offer.or_import"))
else:
    fill = plans.fill(db, cycle_id, None, t.lang)
    learners = len(db.read("flex/cycle_learners", scope=viewer.scope,
                           school_year=cycle["school_year_id"]))
    columns = st.columns(len(fill["slot_id"].unique()) + 1)
    columns[0].metric(t("offer.learners"), t.count(learners))
    for column, (_, in_slot) in zip(columns[1:], fill.groupby("slot_id", sort=False),
                                     strict=True):
        places = int(in_slot["capacity"].sum())
        column.metric(t("offer.places_at", slot=words.slot(
            t, in_slot["weekday"].iloc[0], in_slot["lesson_hour"].iloc[0])), t.count(places),
            delta=t("offer.spare", count=t.count(places - learners)),
            delta_color="normal" if places >= learners else "inverse")

st.caption(t("offer.editor_help"))
edited = web.editor(
    offer.form(original, pick, t),
    # The key carries the language: the drop-downs' labels are in it (unsaved edits do not
    # survive a language switch).
    key=f"flex_offer.editor.{cycle_id}.{version}@{t.lang}", num_rows="dynamic",
    height=min(38 + 35 * (len(original) + 2), 640))

buttons = st.container(horizontal=True)
if buttons.button(t("offer.save"), key="flex_offer.save", type="primary",
                  icon=":material/save:"):
    try:
        result = offer.save(db, viewer, cycle_id, fingerprint, edited, pick)
    except UserError as error:
        # Nothing was written and the edits stay in the table: the person decides.
        st.error(error.render(t.md), icon=":material/error:")
        st.session_state["flex_offer.conflict"] = error.key == "offer.error.changed_meanwhile"
    else:
        if result.problems:
            st.error(t("offer.problems", count=t.count(len(result.problems))),
                     icon=":material/error:")
            st.markdown("\n".join(f"- {plain(offer.problem_text(p, t))}"
                                  for p in result.problems))
        else:
            saved(t("offer.saved", added=t.count(result.added), changed=t.count(result.changed),
                    removed=t.count(result.removed)))
if st.session_state.get("flex_offer.conflict") and buttons.button(
        t("offer.reload"), key="flex_offer.reload", icon=":material/refresh:",
        help=t("offer.reload_help")):
    st.session_state.pop("flex_offer.conflict", None)
    saved(t("offer.reloaded"))

with st.expander(t("offer.new_slot"), icon=":material/more_time:"), \
        st.form("flex_offer.new_slot", border=False):
    left, right = st.columns(2)
    weekday = web.selectbox(t("offer.weekday"), [1, 2, 3, 4, 5], format_func=t.weekday,
                            key=web.lang_key("flex_offer.weekday"), where=left)
    hour = right.number_input(t("offer.hour"), min_value=1, max_value=12, value=7, step=1,
                              key="flex_offer.hour")
    if st.form_submit_button(t("offer.add_slot"), icon=":material/add:",
                             key="flex_offer.add_slot"):
        with web.friendly_errors(t):
            offer.add_slot(db, viewer, int(weekday), int(hour))
            saved(t("offer.slot_added", slot=words.slot(t, int(weekday), int(hour))))

# -- the rules the composition follows ----------------------------------------------------------
with st.expander(t("offer.rules.title"), icon=":material/tune:"), \
        st.form("flex_offer.rules", border=False):
    st.caption(t("offer.rules.intro"))
    school = web.school_settings()
    left, right = st.columns(2)
    below = left.number_input(
        t("offer.rules.below"), min_value=0, max_value=100, step=5,
        value=round(school["flex.rule.remediation_below"] * 100), key="flex_offer.rules.below",
        help=t("offer.rules.below_help"))
    above = right.number_input(
        t("offer.rules.above"), min_value=0, max_value=100, step=5,
        value=round(school["flex.rule.deepening_above"] * 100), key="flex_offer.rules.above",
        help=t("offer.rules.above_help"))
    k_cycles = left.number_input(
        t("offer.rules.k"), min_value=1, max_value=12, step=1,
        value=int(school["flex.fairness.max_remediation_cycles"]), key="flex_offer.rules.k",
        help=t("offer.rules.k_help"))
    m_cycles = right.number_input(
        t("offer.rules.m"), min_value=1, max_value=12, step=1,
        value=int(school["flex.fairness.choice_every_cycles"]), key="flex_offer.rules.m",
        help=t("offer.rules.m_help"))
    move_cost = left.number_input(
        t("offer.rules.move_cost"), min_value=0, max_value=99, step=1,
        value=int(school["flex.recompose.move_cost"]), key="flex_offer.rules.move_cost",
        help=t("offer.rules.move_cost_help"))
    if st.form_submit_button(t("offer.rules.save"), icon=":material/save:",
                             key="flex_offer.rules.save"):
        with web.friendly_errors(t):
            offer.save_rules(db, viewer, {
                "flex.rule.remediation_below": below / 100,
                "flex.rule.deepening_above": above / 100,
                "flex.fairness.max_remediation_cycles": int(k_cycles),
                "flex.fairness.choice_every_cycles": int(m_cycles),
                "flex.recompose.move_cost": int(move_cost),
            })
            saved(t("offer.rules.saved"))
