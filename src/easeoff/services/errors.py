"""Errors the services raise; each front door turns them into its own kind of answer."""

from __future__ import annotations

from collections.abc import Mapping


class ServiceError(Exception):
    """Base class for expected failures of a use case."""


class NotAllowed(ServiceError):
    """The acting user may not see or change this data (the web answers 404 or 403)."""


class InvalidInput(ServiceError):
    """Input was rejected; `problems` maps each offending field to what it allows."""

    def __init__(self, problems: Mapping[str, str], summary: str = "") -> None:
        self.problems = dict(problems)
        details = "; ".join(f"{field}: {message}" for field, message in self.problems.items())
        super().__init__(f"{summary}: {details}" if summary else details)
