"""Professionalisering › Wie doet wat: the transparency page every member of staff may read.
Each teacher-leader role: whom to ask for what, who holds it with the hours released for it,
and its responsibilities."""

import streamlit as st

from app import web
from app.i18n import plain
from app.team import leaders

viewer, t, db = web.open_page("team_roles")

roles = leaders.transparency(db, t.lang, t)
if not roles:
    st.info(t("team.roles.none"))
    st.stop()
search = st.text_input(t("team.roles.search"), key="team_roles.search",
                       placeholder=t("team.roles.search_hint"))
needle = search.strip().lower()
shown = [r for r in roles if not needle or needle in " ".join(
    [r["name"], r["ask_for"], *r["holders"], *r["tasks"]]).lower()]
if not shown:
    st.caption(t("team.roles.nothing_found"))
columns = st.columns(2)
for n, role in enumerate(shown):
    with columns[n % 2].container(border=True):
        st.markdown(f"#### {plain(role['name'])}")
        if role["ask_for"]:
            st.markdown(t.md("team.roles.ask", what=role["ask_for"]))
        st.markdown(f"**{t('team.roles.holders')}**")
        st.markdown("\n".join(f"- {plain(h)}" for h in role["holders"]) if role["holders"]
                    else t("team.roles.no_holder"))
        st.markdown(f"**{t('team.roles.tasks')}**")
        st.markdown("\n".join(f"- {plain(k)}" for k in role["tasks"]) if role["tasks"]
                    else t("team.roles.no_tasks"))
