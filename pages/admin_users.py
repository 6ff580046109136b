"""Beheer › Gebruikers: accounts, roles and the classes a class-council member sees."""

import pandas as pd
import streamlit as st

from app import auth, clock, display, web
from app.admin import users
from app.council import overview
from app.errors import UserError
from app.school import school_calendar

viewer, t, db = web.open_page("admin_users")

people = auth.users(db)
classes = overview.classes(db, viewer.scope, school_calendar.school_year_of(clock.today()))
class_codes = dict(zip(classes["class_id"], classes["code"], strict=True))
staff = db.read("common/staff_options")
staff_names = display.staff_labels(staff)  # namesakes told apart, as in every staff picker
role_label = {r: t(f"role.{r}") for r in auth.ROLES}

shown = st.session_state.pop("admin_users.shown_password", None)
if shown:
    st.success(t.md("users.password_once", email=shown[0]), icon=":material/key:")
    st.code(shown[1], language=None)

web.table(display.table(people, t, [
    display.text("email", "users.col.email"), display.person("display_name", "users.col.name"),
    display.items("roles", "users.col.roles", codes="role"),
    display.items("classes", "users.col.classes"),
    display.person("staff_name", "users.col.staff"),
    display.flag("is_active", "users.col.active"),
    display.datetime("last_login_at", "users.col.last_login")]))


def _role_fields(prefix: str, roles=(), class_ids=(), staff_id=None):
    chosen = web.multiselect(t("users.roles"), list(auth.ROLES), default=list(roles),
                             format_func=role_label.get, key=web.lang_key(f"{prefix}.roles"))
    scoped = web.multiselect(t("users.classes"), list(class_codes), default=list(class_ids),
                             format_func=class_codes.get, key=f"{prefix}.classes",
                             help=t("users.classes_help"))
    linked = web.selectbox(t("users.staff"), [None, *staff_names],
                           index=([None, *staff_names].index(staff_id)
                                  if staff_id in staff_names else 0),
                           format_func=lambda s: t("users.no_staff") if s is None
                           else staff_names[s], key=f"{prefix}.staff")
    return chosen, scoped, linked


add, edit = st.tabs([t("users.add"), t("users.edit")])
with add, st.form("admin_users.add", clear_on_submit=False):
    email = st.text_input(t("users.email"), key="admin_users.add.email")
    name = st.text_input(t("users.name"), key="admin_users.add.name")
    roles, class_ids, staff_id = _role_fields("admin_users.add")
    local = st.checkbox(t("users.local_password"), value=not web.oidc_configured(),
                        key="admin_users.add.local", help=t("users.local_password_help"))
    if st.form_submit_button(t("users.create"), type="primary",
                             key="admin_users.add.save"):
        password = auth.generate_password() if local else None
        try:
            users.add_user(db, viewer, email=email, name=name, roles=roles,
                          class_ids=class_ids, staff_id=staff_id, password=password)
        except UserError as error:
            st.error(error.render(t.md))
        else:
            if password:
                st.session_state["admin_users.shown_password"] = (email.strip().lower(), password)
            st.toast(t.md("users.created", email=email.strip().lower()))
            st.rerun()

with edit:
    if people.empty:
        st.info(t("users.none"))
    else:
        user_id = web.selectbox(t("users.pick"), list(people["user_id"]), key="admin_users.pick",
                                format_func=lambda u: people.loc[people["user_id"] == u,
                                                                 "email"].item())
        person = people.loc[people["user_id"] == user_id].iloc[0]
        with st.form(f"admin_users.edit.{user_id}"):
            name = st.text_input(t("users.name"), value=person["display_name"],
                                 key=f"admin_users.edit.{user_id}.name")
            roles, class_ids, staff_id = _role_fields(
                f"admin_users.edit.{user_id}", person["roles"], person["class_ids"],
                person["staff_id"] if pd.notna(person["staff_id"]) else None)
            active = st.checkbox(t("users.active"), value=bool(person["is_active"]),
                                 key=f"admin_users.edit.{user_id}.active")
            if st.form_submit_button(t("users.save"), type="primary",
                                     key=f"admin_users.edit.{user_id}.save"):
                try:
                    users.update_user(db, viewer, int(user_id),
                                     name=name, roles=roles, class_ids=class_ids,
                                     staff_id=staff_id, is_active=active)
                except UserError as error:
                    st.error(error.render(t.md))
                else:
                    st.toast(t("users.saved"))
                    st.rerun()
        if st.button(t("users.reset_password"), key=f"admin_users.reset.{user_id}",
                     icon=":material/key:"):
            password = auth.generate_password()
            users.set_password(db, viewer, int(user_id), password)
            st.session_state["admin_users.shown_password"] = (person["email"], password)
            st.rerun()
