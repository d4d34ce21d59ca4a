"""The one exception landing raises: a file (or folder) that cannot be landed, in one sentence."""

from __future__ import annotations


class LandingError(Exception):
    """A file cannot be landed; ``str(error)`` is one sentence naming the file and the cause."""
