"""Flex › Kijkwijzer: the flex self-assessment. Rounds in which the school scores each indicator
of the eleven desired effects on four points and decides to drop, adjust or secure it, with a
note and an owner; evidence from the data beside each indicator, with the query behind it; the
evolution across rounds per effect; a printable report of a round."""

import streamlit as st

from app import clock, web
from app.i18n import plain
from app.school import school_calendar
from app.team import charts as team_charts
from app.team import problem_text, selfcheck

viewer, t, db = web.open_page("team_selfcheck")
today = clock.today()
saves = web.Saves("team_selfcheck")
version = saves.version
pick_key = web.lang_key("team_selfcheck.round")

items = selfcheck.checklist(db)
found = selfcheck.evidence(db, school_calendar.school_year_of(today), today)
listing = selfcheck.rounds(db)

# -- a new round ----------------------------------------------------------------------------------
with st.expander(t("team.selfcheck.new_round"), expanded=listing.empty,
                 icon=":material/add_task:"), st.form(f"team_selfcheck.new.{version}"):
    left, right = st.columns([1, 3])
    held_on = left.date_input(t("team.selfcheck.held_on"), value=today, max_value=today,
                              format="DD/MM/YYYY", key=f"team_selfcheck.held_on.{version}")
    participants = right.text_input(t("team.selfcheck.participants"),
                                    placeholder=t("team.selfcheck.participants_hint"),
                                    key=f"team_selfcheck.participants.{version}")
    if st.form_submit_button(t("team.selfcheck.create"), type="primary",
                             key="team_selfcheck.create",
                             icon=":material/add:"):
        with web.friendly_errors(t):
            new_id = selfcheck.create_round(db, viewer, held_on, participants, today)
            saves.saved(t("team.selfcheck.created"), show=(pick_key, new_id))

if listing.empty:
    st.info(t("team.selfcheck.no_rounds"), icon=":material/checklist:")
    round_id = None
else:
    labels = {int(r.round_id): t("team.selfcheck.round_label", day=t.date(r.held_on),
                                 participants=r.participants, scored=t.count(int(r.scored)),
                                 total=t.count(len(items)))
              for r in listing.itertuples()}
    round_id = web.record_picker(t("team.selfcheck.round"), list(labels), key=pick_key,
                                 labels=labels)

given = selfcheck.scores(db, round_id).set_index("indicator_id") if round_id else None

# -- the checklist, with the evidence and (with a round) the scores --------------------------------
missing = [selfcheck.number(i) for i, code in zip(items["indicator_id"], items["evidence"],
                                                  strict=True)
           if not isinstance(code, str) or not found[code].has_data]
st.caption(t("team.selfcheck.scale"))
st.info(t("team.selfcheck.no_data", numbers=", ".join(missing), count=len(missing),
          total=len(items)), icon=":material/database_off:")


def _stored(indicator_id: int, column: str):
    if given is None or indicator_id not in given.index:
        return None
    value = given.loc[indicator_id, column]
    return None if value is None or value != value else value


def evidence_line(code) -> None:
    if not isinstance(code, str):
        st.caption(t("team.selfcheck.evidence.none"), help=t("team.selfcheck.no_query"))
        return
    line, query = st.columns([5, 1], vertical_alignment="center")
    line.caption(":material/database: " + selfcheck.evidence_text(found[code], t))
    with query.popover(t("team.selfcheck.query"), icon=":material/code:"):
        st.caption(t.md("team.selfcheck.query_intro", name=selfcheck.evidence_query(code)))
        st.code(selfcheck.evidence_sql(code), language="sql")


decisions = [None, *selfcheck.DECISIONS]
form = st.form(f"team_selfcheck.scores.{round_id}.{version}") if round_id else st.container()
with form:
    for effect_id, rows in items.groupby("effect_id", sort=True):
        title = f"{int(effect_id)}. {selfcheck.text_of(rows.iloc[0], t.lang, 'effect')}"
        with st.expander(plain(title), expanded=int(effect_id) == 1):
            for row in rows.to_dict("records"):
                iid = int(row["indicator_id"])
                st.markdown(f"**{selfcheck.number(iid)}** "
                            f"{plain(selfcheck.text_of(row, t.lang))}")
                evidence_line(row["evidence"])
                if round_id is None:
                    continue
                a, b, c, d = st.columns([2, 2, 3, 2])
                score = _stored(iid, "score")
                a.radio(t("team.selfcheck.col.score"), list(selfcheck.SCORES), horizontal=True,
                        index=None if score is None else int(score) - 1,
                        key=f"team_selfcheck.score.{round_id}.{iid}.{version}")
                decision = _stored(iid, "decision")
                web.selectbox(t("team.selfcheck.col.decision"), decisions,
                              index=decisions.index(decision),
                              format_func=lambda d: t(f"team.decision.{d}") if d else "–",
                              key=web.lang_key(f"team_selfcheck.decision.{round_id}.{iid}."
                                               f"{version}"), where=b)
                c.text_input(t("team.selfcheck.col.note"), value=_stored(iid, "note") or "",
                             key=f"team_selfcheck.note.{round_id}.{iid}.{version}")
                d.text_input(t("team.selfcheck.col.owner"), value=_stored(iid, "owner") or "",
                             key=f"team_selfcheck.owner.{round_id}.{iid}.{version}")
                st.divider()
    if round_id is not None:
        submitted = st.form_submit_button(t("team.selfcheck.save"), type="primary",
                                          key=f"team_selfcheck.save.{round_id}",
                                          icon=":material/save:")

if round_id is not None and submitted:
    entries = {}
    for iid in (int(i) for i in items["indicator_id"]):
        entries[iid] = {
            "score": st.session_state.get(f"team_selfcheck.score.{round_id}.{iid}.{version}"),
            "decision": st.session_state.get(
                web.lang_key(f"team_selfcheck.decision.{round_id}.{iid}.{version}")),
            "note": st.session_state.get(f"team_selfcheck.note.{round_id}.{iid}.{version}"),
            "owner": st.session_state.get(f"team_selfcheck.owner.{round_id}.{iid}.{version}"),
        }
    with web.friendly_errors(t):
        problems = selfcheck.save_scores(db, viewer, round_id, entries)
        if problems:
            st.error(t("team.selfcheck.problems", count=len(problems)),
                     icon=":material/error:")
            st.markdown("\n".join(f"- {plain(problem_text(p, t))}" for p in problems))
        else:
            saves.saved(t("team.selfcheck.saved"), show=(pick_key, round_id))

# -- evolution and the report --------------------------------------------------------------------
st.subheader(t("team.selfcheck.evolution"))
trend = selfcheck.evolution(db, t.lang)
if trend.empty:
    st.caption(t("team.selfcheck.no_evolution"))
else:
    web.chart(team_charts.selfcheck_evolution(trend, t), t, key="team_selfcheck.chart")
if round_id is not None:
    school = web.school_settings().get("school.name", "")
    # Made with the page, not on the click: the report is small and logs nothing, and a
    # deferred download once hung on a busy machine (spinner, no file, nothing logged).
    report = selfcheck.report_html(db, round_id, t, school, found)
    st.download_button(
        t("team.selfcheck.print_button"), icon=":material/print:", mime="text/html",
        file_name=f"{t('export.file.selfcheck')}-{round_id}.html", key="team_selfcheck.print",
        data=report)
