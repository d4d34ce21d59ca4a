"""What landing raises: a file that cannot be landed, or one that is not for the contract."""

from __future__ import annotations


class LandingError(Exception):
    """A file cannot be landed; ``str(error)`` is one sentence naming the file and the cause."""


class OutsideContract(Exception):
    """Not an error: the file holds no table of the contract (``str`` says which it names).

    Such a file is recorded as ignored and left where it is; it is not quarantined.
    """
