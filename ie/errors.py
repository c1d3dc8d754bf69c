"""Typed errors: the channel for bad settings, bad resources and API misuse.

Bad *document content* never raises; it becomes an entry in ``Report.issues``.
Every message names the offending value so a user can fix the call.
"""
from __future__ import annotations


class IeError(Exception):
    """Base class of every error raised by ogi-ie."""


class SettingsError(IeError, ValueError):
    """A caller passed an invalid argument or option (e.g. ``year=-3``, ``method="magic"``)."""


class ResourceError(IeError, ValueError):
    """A data file under ``ie/resources`` (or a user-supplied one) is malformed.

    The message names the file, the key and the offending value.
    """

    def __init__(self, file: str, key: str, value: object, problem: str) -> None:
        self.file, self.key, self.value, self.problem = file, key, value, problem
        super().__init__(f"{file}: {key}={value!r}: {problem}")


class ModelError(IeError):
    """A model directory is missing, incomplete or incompatible with this version."""


class LoaderError(IeError):
    """A file could not be opened at all (missing path, unsupported extension)."""
