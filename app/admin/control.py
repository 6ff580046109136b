"""A local control channel, so the command line can ask the running app for a backup.

DuckDB lets one process hold a database file; while the app runs, ``python -m app backup``
cannot open it. The app therefore listens on a Unix socket (mode 0600, only the same user can
connect) and answers two requests: a backup, made by its own connection into ``backups/``, and
the row counts. Nothing else is accepted.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import logging
import os
import socket
import socketserver
import tempfile
import threading
from pathlib import Path

from app.db import Database
from app.errors import UserError

log = logging.getLogger(__name__)
MAX_REQUEST = 4096


def socket_path(db_path: Path) -> Path:
    """Short and fixed per database file (Unix socket paths are limited to about 100 bytes)."""
    digest = hashlib.sha256(str(Path(db_path).resolve()).encode()).hexdigest()[:16]
    return Path(tempfile.gettempdir()) / f"flexwijs-{digest}.sock"


class _Handler(socketserver.StreamRequestHandler):
    def handle(self) -> None:
        from app.admin import backup, stats
        from app.auth import COMMAND_LINE

        db: Database = self.server.db  # type: ignore[attr-defined]
        try:
            request = json.loads(self.rfile.readline(MAX_REQUEST))
            command = request.get("command")
            if command == "backup":
                # Where the command line copies it next, for the log book (nothing is done
                # with that path here).
                out = request.get("out")
                # Whoever may connect holds the database file: the command line's rights.
                path = backup.make_backup(db, COMMAND_LINE,
                                          copied_to=Path(out) if isinstance(out, str) else None)
                answer = {"ok": True, "path": str(path)}
            elif command == "stats":
                answer = {"ok": True, "counts": stats.counts(db)}
            else:
                answer = {"ok": False, "error": "unknown command"}
        except UserError as error:  # a full disk, say: the client shows the same message
            answer = {"ok": False, "error": type(error).__name__, "key": error.key,
                      "params": {k: str(v) for k, v in error.params.items()}}
        except Exception as error:  # the app keeps running whatever a client sends
            log.exception("control request failed")
            answer = {"ok": False, "error": type(error).__name__}
        self.wfile.write(json.dumps(answer).encode() + b"\n")


class ControlServer:
    def __init__(self, db: Database) -> None:
        self.path = socket_path(db.path)
        with contextlib.suppress(FileNotFoundError):
            self.path.unlink()  # left by a process that died: we hold the database now
        self._server = socketserver.ThreadingUnixStreamServer(str(self.path), _Handler)
        self._server.db = db  # type: ignore[attr-defined]
        os.chmod(self.path, 0o600)
        self._thread = threading.Thread(target=self._server.serve_forever, daemon=True,
                                        name="flexwijs-control")
        self._thread.start()

    def close(self) -> None:
        self._server.shutdown()
        self._server.server_close()
        with contextlib.suppress(FileNotFoundError):
            self.path.unlink()


def serve(db: Database) -> ControlServer | None:
    if not hasattr(socket, "AF_UNIX"):
        return None
    try:
        return ControlServer(db)
    except OSError:
        log.warning("no control channel for %s", db.path)
        return None


def ask(db_path: Path, request: dict, timeout: float = 300) -> dict | None:
    """Send one request to the app holding `db_path`; None when no app answers."""
    path = socket_path(db_path)
    if not path.exists():
        return None
    try:
        with socket.socket(socket.AF_UNIX, socket.SOCK_STREAM) as client:
            client.settimeout(timeout)
            client.connect(str(path))
            client.sendall(json.dumps(request).encode() + b"\n")
            data = b""
            while not data.endswith(b"\n"):
                chunk = client.recv(65536)
                if not chunk:
                    break
                data += chunk
        return json.loads(data)
    except (OSError, ValueError):
        return None
