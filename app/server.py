"""How Flexwijs is served: ``streamlit run app/server.py`` (``make run``).

Streamlit finds the ``st.App`` below and serves ``app/main.py`` with it, plus two small routes of
our own, because a script run cannot set a cookie (``app/sessions.py``):

- ``POST /_flexwijs/session`` takes the one-time token a page handed the browser after a sign-in
  and answers with the session cookie: ``HttpOnly``, ``SameSite=Lax``, ``Secure`` over https,
  for the hours of ``session.hours``;
- ``POST /_flexwijs/session/end`` clears the cookie after signing out (the session itself is
  already gone from the database, so a cookie left behind signs nobody in).

and one middleware, ``ReadersLanguage``: the page Streamlit serves says ``lang="en"`` and its
date picker takes the browser's locale, whatever the language of the interface; the page goes
out with the reader's language and a head script that gives the picker their locale
(``app/look.py``, streamlit/streamlit#12699).

Both answer only requests that carry the ``X-Flexwijs`` header, which a page of another site
cannot send here (the browser would ask first, and CORS stays on). AppTest runs ``app/main.py``
directly: the routes are not needed to sign in, only to survive a refresh.
"""

import gzip
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
from starlette.middleware import Middleware  # noqa: E402
from starlette.requests import Request  # noqa: E402
from starlette.responses import Response  # noqa: E402
from starlette.routing import Route  # noqa: E402
from starlette.types import ASGIApp, Message, Receive, Scope, Send  # noqa: E402

from app import look, sessions  # noqa: E402
from app.config import DEFAULT_LANGUAGE  # noqa: E402

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


class ReadersLanguage:
    """Rewrites the one HTML page Streamlit serves (its index.html, for every page address) with
    ``look.served_page``; every other answer passes untouched. The page is a few kilobytes, so
    a compressed one is unpacked, rewritten and sent as it is."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope["method"] != "GET":
            await self.app(scope, receive, send)
            return
        start: Message | None = None
        body: list[bytes] = []

        async def rewrite(message: Message) -> None:
            nonlocal start
            if message["type"] == "http.response.start":
                headers = dict(message.get("headers", []))
                if b"text/html" not in headers.get(b"content-type", b""):
                    start = None
                    await send(message)
                    return
                start = message
                return
            if start is None:
                await send(message)
                return
            body.append(message.get("body", b""))
            if message.get("more_body", False):
                return
            data = b"".join(body)
            headers = [(k, v) for k, v in start.get("headers", [])
                       if k not in (b"content-length", b"content-encoding", b"etag")]
            if dict(start.get("headers", [])).get(b"content-encoding") == b"gzip":
                data = gzip.decompress(data)
            if data:
                data = look.served_page(data.decode("utf-8"), DEFAULT_LANGUAGE).encode("utf-8")
            headers.append((b"content-length", str(len(data)).encode()))
            await send({**start, "headers": headers})
            await send({"type": "http.response.body", "body": data})

        await self.app(scope, receive, rewrite)


app = st.App(
    "main.py",
    routes=[
        Route(sessions.ROUTE, start_session, methods=["POST"]),
        Route(sessions.END_ROUTE, end_session, methods=["POST"]),
    ],
    middleware=[Middleware(ReadersLanguage)],
)
