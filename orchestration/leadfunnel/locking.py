"""The build lock: one process at a time works on ``build.duckdb``.

DuckDB allows one writing process per database file, and a writer blocks readers in other
processes. Every step that opens ``build.duckdb`` (landing, the quality gate, dbt, publishing,
the landing sensor reading the ledger) holds ``$LEADFUNNEL_HOME/.build.lock`` while it does,
whether it runs from the CLI or from Dagster, so a CLI run and a Dagster run never collide.
Inside Dagster the concurrency pool :data:`BUILD_POOL` (limit one) already serializes runs;
the file lock is what also covers the CLI and a second Dagster instance.

The lock is an ``fcntl.flock`` on the lock file: the kernel releases it when the holder exits,
even on a crash, so a stale lock file never blocks anyone. The holder writes who it is into
the file, so a waiting process can say what it waits for. The lock is re-entrant within one
thread (``leadfunnel run`` holds it around steps that take it too).
"""

from __future__ import annotations

import fcntl
import os
import socket
import sys
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path

from leadfunnel.paths import Home

BUILD_POOL = "leadfunnel_build_duckdb"
DEFAULT_TIMEOUT_SECONDS = 600.0
TIMEOUT_ENV = "LEADFUNNEL_LOCK_TIMEOUT"
POLL_SECONDS = 0.2


class LockHeldError(RuntimeError):
    """Another process holds the build lock and did not let go within the timeout."""


_held: dict[tuple[str, int], tuple[int, int]] = {}  # (path, thread id) -> (fd, depth)
_held_guard = threading.Lock()


def lock_timeout() -> float:
    """Seconds to wait for the build lock: env ``LEADFUNNEL_LOCK_TIMEOUT``, default 600."""
    value = os.environ.get(TIMEOUT_ENV, "").strip()
    if not value:
        return DEFAULT_TIMEOUT_SECONDS
    try:
        return max(0.0, float(value))
    except ValueError:
        raise ValueError(f"{TIMEOUT_ENV}='{value}' is not a number of seconds") from None


def holder(lock_file: Path) -> str:
    """Who holds (or last held) the lock, as its holder wrote it; '' when unknown."""
    try:
        return lock_file.read_text(encoding="utf-8").strip()
    except OSError:
        return ""


@contextmanager
def build_lock(
    home: Home,
    *,
    purpose: str = "",
    timeout: float | None = None,
    on_wait: Callable[[str], None] | None = None,
) -> Iterator[None]:
    """Hold ``home``'s build lock for the block; wait up to ``timeout`` seconds for it.

    ``timeout`` None means :func:`lock_timeout`; 0 means fail at once when it is held.
    ``on_wait`` is told once, with the holder's description, when the lock is busy.
    """
    path = home.lock_file
    key = (str(path), threading.get_ident())
    with _held_guard:
        if key in _held:
            fd, depth = _held[key]
            _held[key] = (fd, depth + 1)
            reentered = True
        else:
            reentered = False
    if reentered:
        try:
            yield
        finally:
            with _held_guard:
                fd, depth = _held[key]
                _held[key] = (fd, depth - 1)
        return

    path.parent.mkdir(parents=True, exist_ok=True)
    fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o644)
    try:
        _acquire(fd, path, lock_timeout() if timeout is None else timeout, on_wait)
        _describe(fd, purpose)
        with _held_guard:
            _held[key] = (fd, 1)
        try:
            yield
        finally:
            with _held_guard:
                del _held[key]
            fcntl.flock(fd, fcntl.LOCK_UN)
    finally:
        os.close(fd)


def _acquire(fd: int, path: Path, timeout: float, on_wait: Callable[[str], None] | None) -> None:
    deadline = time.monotonic() + timeout
    told = False
    while True:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            return
        except BlockingIOError:
            pass
        who = holder(path) or "another process"
        if time.monotonic() >= deadline:
            waited = f" after waiting {timeout:.0f}s" if timeout else ""
            raise LockHeldError(
                f"the warehouse is busy{waited}: {who} holds {path}; "
                f"try again when it has finished (or raise {TIMEOUT_ENV})"
            )
        if not told and on_wait is not None:
            on_wait(f"waiting for the build lock held by {who}")
            told = True
        time.sleep(POLL_SECONDS)


def _describe(fd: int, purpose: str) -> None:
    command = purpose or " ".join([os.path.basename(sys.argv[0] or "python"), *sys.argv[1:3]])
    since = datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
    text = f"{command} (pid {os.getpid()} on {socket.gethostname()}, since {since})\n"
    os.ftruncate(fd, 0)
    os.pwrite(fd, text.encode("utf-8"), 0)
