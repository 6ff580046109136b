"""How Flexwijs is served: ``streamlit run app/server.py`` (``make run``).

Streamlit finds the ``st.App`` below and serves ``app/main.py`` with it, plus two small routes of
our own, because a script run cannot set a cookie (``app/sessions.py``):

- ``POST /_flexwijs/session`` takes the one-time token a page handed the browser after a sign-in
  and answers with the session cookie: ``HttpOnly``, ``SameSite=Lax``, ``Secure`` over https,
  for the hours of ``session.hours``;
- ``POST /_flexwijs/session/end`` clears the cookie after signing out (the session itself is
  already gone from the database, so a cookie left behind signs nobody in).

Both answer only requests that carry the ``X-Flexwijs`` header, which a page of another site
cannot send here (the browser would ask first, and CORS stays on). AppTest runs ``app/main.py``
directly: the routes are not needed to sign in, only to survive a refresh.
"""

import json
import sys
from pathlib import Path

# Streamlit puts this file's folder (app/) first on sys.path; our modules are the `app` package
# of the project root (see app/main.py).
_ROOT = Path(__file__).resolve().parent.parent
_HERE = str(Path(__file__).resolve().parent)
sys.path[:] = [p for p in sys.path if p != _HERE]
if str(_ROOT) not in sys.path:
    sys.path.insert(0, str(_ROOT))

import streamlit as st  # noqa: E402
from starlette.requests import Request  # noqa: E402
from starlette.responses import Response  # noqa: E402
from starlette.routing import Route  # noqa: E402

from app import sessions  # noqa: E402

MAX_BODY = 1024


def _refused(request: Request) -> bool:
    return request.headers.get(sessions.REQUEST_HEADER) != "1"


def _secure(request: Request) -> bool:
    # Behind the school's https proxy the connection here is plain http; the proxy says https.
    # A browser that writes the header itself over plain http only loses its own cookie.
    return (request.url.scheme == "https"
            or request.headers.get("x-forwarded-proto", "").lower() == "https")


async def start_session(request: Request) -> Response:
    if _refused(request):
        return Response(status_code=403)
    body = await request.body()
    try:
        token = json.loads(body[:MAX_BODY]).get("token") if len(body) <= MAX_BODY else None
    except (ValueError, AttributeError):
        token = None
    handed = sessions.collect(token) if isinstance(token, str) else None
    if handed is None:
        return Response(status_code=404)
    cookie, max_age = handed
    response = Response(status_code=204, headers={"Cache-Control": "no-store"})
    response.set_cookie(sessions.COOKIE, cookie, max_age=max_age, path="/", httponly=True,
                        samesite="lax", secure=_secure(request))
    return response


async def end_session(request: Request) -> Response:
    if _refused(request):
        return Response(status_code=403)
    response = Response(status_code=204, headers={"Cache-Control": "no-store"})
    response.delete_cookie(sessions.COOKIE, path="/", httponly=True, samesite="lax",
                           secure=_secure(request))
    return response


app = st.App(
    "main.py",
    routes=[
        Route(sessions.ROUTE, start_session, methods=["POST"]),
        Route(sessions.END_ROUTE, end_session, methods=["POST"]),
    ],
)
