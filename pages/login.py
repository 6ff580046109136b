"""Aanmelden: OpenID Connect when the school set it up, else a local account; demo accounts in a
demo school only."""

import streamlit as st

from app import auth, web
from app.errors import UserError
from app.i18n import plain

t = web.translator()
db = web.database()
st.title(t("page.login.title"))
st.caption(t("page.login.intro"))
if notice := web.pending_sign_in_notice():
    st.success(notice, icon=":material/task_alt:")


def _enter(viewer) -> None:
    web.start_session(viewer)
    web.after_sign_in()  # the page asked for, else the start page


if web.oidc_configured():
    if st.session_state.get(web.OIDC_REFUSED_KEY):
        st.error(t("auth.error.no_account"), icon=":material/block:")
        if st.button(t("auth.sign_out"), key="login.oidc_sign_out"):
            st.session_state.pop(web.OIDC_REFUSED_KEY, None)
            st.logout()
    elif st.button(t("auth.oidc_button"), key="login.oidc", type="primary",
                   icon=":material/key:"):
        st.login()
    st.divider()

if not auth.has_users(db):
    st.info(t("auth.no_users"), icon=":material/person_add:")

with st.form("login.form"):
    email = st.text_input(t("auth.email"), key="login.email", autocomplete="username")
    password = st.text_input(t("auth.password"), type="password", key="login.password",
                             autocomplete="current-password")
    submitted = st.form_submit_button(t("auth.sign_in"), type="primary", key="login.sign_in")
if submitted:
    try:
        _enter(auth.sign_in(db, email, password, address=web.client_address()))
    except UserError as error:
        st.error(error.render(t.md), icon=":material/error:")

school = web.school_settings()
if school["school.demo"]:
    st.subheader(t("auth.demo.title"))
    st.caption(t("auth.demo.intro", password=auth.DEMO_PASSWORD))
    for account in db.records("auth/demo_accounts"):
        roles = ", ".join(t(f"role.{r}") for r in account["roles"])
        if st.button(t("auth.demo.as", roles=roles), key=f"login.demo.{account['user_id']}",
                     help=plain(account["email"])):
            try:  # demo accounts are throttled like any other
                _enter(auth.sign_in(db, account["email"], auth.DEMO_PASSWORD,
                                    address=web.client_address()))
            except UserError as error:
                st.error(error.render(t.md), icon=":material/error:")
