"""Domain errors raised by services and mapped to HTTP answers in one place.

Services raise these (or Django's ``ValidationError`` / ``PermissionDenied``); the API's
exception handler and the web views translate them: not allowed → 409, no permission →
403, invalid input → 400, not found or out of scope → 404.
"""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _


class DomainError(Exception):
    """Base class: a rule of the domain refused the request."""

    default_message = _("The operation could not be completed.")

    def __init__(self, message: object | None = None) -> None:
        self.message = message if message is not None else self.default_message
        super().__init__(str(self.message))


class TransitionNotAllowed(DomainError):
    """The transition is not possible from the object's current state (409)."""

    default_message = _("This action is not possible in the current state.")


class ConcurrentChange(DomainError):
    """Somebody else changed the object first (409): reload and try again."""

    default_message = _("The case was changed by someone else; reload and try again.")


class OutOfScope(DomainError):
    """The object does not exist for this user: not found, or outside their scope (404)."""

    default_message = _("Not found, or you are not allowed to see it.")
