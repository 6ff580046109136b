"""Klassenraad › Klasoverzicht: a class by subject, coloured by the latest results and their
trend, with what needs the council's attention first; decisions taken during the meeting, for
one learner or several at once, with their history."""

import streamlit as st

from app import clock, display, permissions, web
from app.council import decisions, overview
from app.council.decisions import Decision
from app.flex import words
from app.i18n import plain
from app.school import school_calendar

viewer, t, db = web.open_page("council_class")
today = clock.today()
school_year = school_calendar.school_year_of(today)
school = web.school_settings()
saves = web.Saves("council_class")
edits = saves.version
decides = permissions.holds(viewer, "council.decide")


NOTICE = "council_class.notice"


def done(message: str, learner_ids: list[int] | None = None,
         decision: Decision | None = None) -> None:
    """Save's message, with the cycles a new decision reaches; a decision that reaches none,
    or that no session can meet, stays on the page as a warning (a toast would pass)."""
    if decision is not None:
        said = decisions.reach_words(
            decisions.reach(db, viewer, learner_ids, decision.kind, decision.subject_id,
                            decision.valid_from, decision.valid_until, today),
            t, _what(decision.kind, decision.subject_id), decision.is_hard)
        message = f"{message} {said.says}"
        if said.warning:
            st.session_state[NOTICE] = said.warning
    saves.saved(message, forget=("council_class.changing",))


def _what(kind: str, subject_id: str | None) -> str:
    return words.what(t, kind, view.subjects.get(subject_id, subject_id) if subject_id else None)


classes = overview.classes(db, viewer.scope, school_year)
if classes.empty:
    st.info(t("council.no_classes"))
    st.stop()
periods = overview.periods(db, school_year)

left, middle, right = st.columns([2, 2, 2], vertical_alignment="bottom")
class_id = web.selectbox(
    t("council.class"), list(classes["class_id"]), key=web.lang_key("council_class.class"),
    format_func=lambda cid: overview.class_label(classes.loc[classes["class_id"] == cid].iloc[0],
                                                 t), where=left)
class_code = str(classes.loc[classes["class_id"] == class_id, "code"].iloc[0])
if not int(classes.loc[classes["class_id"] == class_id, "learners"].iloc[0]):
    # A class made ahead (for newcomers, say): nothing to sort or decide, and said so.
    st.info(t("council.no_learners", code=class_code))
    st.stop()
period_names = dict(zip(periods["period_id"], periods["name"], strict=True))
period_id = web.selectbox(t("council.period"), list(period_names), key="council_class.period",
                          index=max(len(period_names) - 1, 0), format_func=period_names.get,
                          placeholder=t("council.no_results"),
                          where=middle) if period_names else None
only_needs = right.toggle(t("council.only_needs"), key="council_class.only_needs")

view = overview.class_view(
    db, viewer.scope, int(class_id), int(period_id) if period_id is not None else None, today,
    t.lang, float(school["council.low_wellbeing_below"]),
    float(school["flex.rule.remediation_below"]), float(school["flex.rule.deepening_above"]))

left, right = st.columns([2, 3])
subject = web.selectbox(t("council.only_subject"), [None, *view.subjects],
                         key=web.lang_key("council_class.subject"),
                         format_func=lambda s: t("council.all_subjects") if s is None
                         else view.subjects[s], where=left)
kind = right.segmented_control(t("council.only_kind"), list(overview.KINDS),
                               key=web.lang_key("council_class.kind"), format_func=t.kind)
learners = overview.filtered(view, only_needs, subject, kind)
st.caption(t("council.legend"))
picked = web.table(overview.table(view, learners, t, subject), on_select="rerun",
                   selection_mode="multi-row", key=f"council_class.table.{class_id}.{edits}")
chosen = learners.iloc[picked.selection.rows] if picked and picked.selection.rows \
    else learners.iloc[0:0]
if chosen.empty:
    st.caption(t("council.pick_learners"))

# -- one learner: the learner's view beside the teachers', the decisions, the timeline ---------
if len(chosen) == 1:
    learner_id = int(chosen.index[0])
    row = chosen.iloc[0]
    with st.container(border=True):
        st.subheader(plain(row["learner"]))
        for subject_id, own, other in row["disagreements"]:
            st.warning(t.md("council.disagree", subject=view.subjects.get(subject_id, subject_id),
                         own=t.kind(own), other=t.kind(other)), icon=":material/compare_arrows:")
        mine = view.needs[view.needs["learner_id"] == learner_id]
        if mine.empty:
            st.caption(t("council.no_open"))
        reaches = decisions.reach_of_needs(db, viewer, mine, today)
        for need in mine.to_dict("records"):
            line, end_button, change_button = st.columns([6, 1, 1], vertical_alignment="center")
            what = _what(need["kind"], need["subject_id"] if isinstance(need["subject_id"], str)
                         else None)
            line.markdown(t.md("council.open_line", what=what,
                source=t(f"need_source.{need['source']}"),
                hard=t("council.hard") if need["is_hard"] else t("council.advisory"),
                reason=display.text_of(need["reason"]), who=display.text_of(need["decided_by"])))
            said = decisions.reach_words(reaches[int(need["need_id"])], t, what,
                                         bool(need["is_hard"]))
            line.caption(plain(said.says))
            if said.warning:
                line.warning(plain(said.warning), icon=":material/event_busy:")
            if need["source"] == "class_council" and decides:
                if end_button.button(t("council.end"), key=f"council_class.end.{need['need_id']}"):
                    with web.friendly_errors(t):
                        decisions.end(db, viewer, int(need["need_id"]))
                        done(t("council.ended"))
                if change_button.button(t("council.change"),
                                        key=f"council_class.change.{need['need_id']}"):
                    st.session_state["council_class.changing"] = int(need["need_id"])
        web.page_link("council_learner", label=t("council.timeline"),
                     icon=":material/timeline:", query_params={"learner": str(learner_id)})

# -- a decision, for the learners chosen --------------------------------------------------------
if notice := st.session_state.pop(NOTICE, None):
    st.warning(plain(notice), icon=":material/event_busy:")
if len(chosen) and decides:
    changing = st.session_state.get("council_class.changing")
    old = view.needs[view.needs["need_id"] == changing].iloc[0] \
        if changing is not None and (view.needs["need_id"] == changing).any() else None
    start, until = decisions.default_dates(db, today)
    if old is not None:  # a change starts from the decision as it stands, dates included
        start = display.as_date(old["valid_from"]) or start
        until = display.as_date(old["valid_until"])
    title = t("council.change_title") if old is not None else t.plural(
        "council.decide_title", len(chosen))
    # The widgets are keyed by what they edit: a form drawn for a new decision keeps its
    # values in the session, and "Wijzigen" must open on the decision itself, not on those.
    form_id = f"{saves.version}.{int(old['need_id']) if old is not None else 'new'}"
    with st.form(f"council_class.decide.{form_id}"), st.container(border=True):
        st.markdown(f"**{title}**")
        if old is None:
            st.caption(plain(", ".join(chosen["learner"])))
        a, b, c = st.columns(3)
        kinds = list(overview.KINDS)
        new_kind = web.selectbox(t("council.kind"), kinds, format_func=t.kind,
                               index=kinds.index(old["kind"]) if old is not None else 0,
                               key=web.lang_key(f"council_class.decide.kind.{form_id}"), where=a)
        subjects = list(view.subjects) or decisions.subject_codes(db)
        names = view.subjects or {s: s for s in subjects}
        default_subject = old["subject_id"] if old is not None else (subject or None)
        new_subject = web.selectbox(
            t("council.subject"), [None, *subjects], format_func=lambda s: "–" if s is None
            else names.get(s, s), key=web.lang_key(f"council_class.decide.subject.{form_id}"),
            index=([None, *subjects].index(default_subject)
                   if default_subject in subjects else 0), where=b)
        hard = c.toggle(t("council.hard_toggle"), value=bool(old["is_hard"]) if old is not None
                        else True, key=f"council_class.decide.hard.{form_id}",
                        help=t("council.hard_help"))
        reason = st.text_input(t("council.reason"), value=(old["reason"] or "") if old is not None
                               else "", key=f"council_class.decide.reason.{form_id}",
                               max_chars=decisions.MAX_REASON,
                               placeholder=t("council.reason_hint"))
        d, e = st.columns(2)
        valid_from = d.date_input(t("council.from"), value=start, format="DD/MM/YYYY",
                                  key=f"council_class.decide.from.{form_id}")
        valid_until = e.date_input(t("council.until_label"), value=until, format="DD/MM/YYYY",
                                   key=f"council_class.decide.until.{form_id}")
        if st.form_submit_button(t("council.save_decision"), type="primary",
                                 key="council_class.save_decision",
                                 icon=":material/gavel:"):
            decision = Decision(kind=new_kind, subject_id=new_subject, is_hard=hard,
                                reason=reason, valid_from=valid_from, valid_until=valid_until)
            by = t("council.decided_by", klass=class_code)
            with web.friendly_errors(t):
                if old is not None:
                    decisions.change(db, viewer, int(old["need_id"]), decision, by)
                    done(t("council.changed"), [int(old["learner_id"])], decision)
                else:
                    made = decisions.decide(db, viewer, list(chosen.index), decision, by)
                    done(t.plural("council.decided", len(made)), list(chosen.index), decision)
