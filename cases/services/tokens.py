"""API tokens (django-rest-knox): created by their owner or an administrator, stored
only as a hash, each with an expiry; revoking deletes the hash."""

from __future__ import annotations

from datetime import timedelta

from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from knox.models import AuthToken

from cases.models import User


def create_api_token(*, user: User, days: int) -> tuple[AuthToken, str]:
    """A new token for ``user``, valid ``days`` days. The plain token is returned once
    and never stored."""
    if not 1 <= days <= settings.API_TOKEN_MAX_DAYS:
        raise ValidationError({"days": [
            _("Choose from 1 to %(max)d days.") % {"max": settings.API_TOKEN_MAX_DAYS}]})
    token, plain = AuthToken.objects.create(user=user, expiry=timedelta(days=days))
    return token, plain


def revoke_api_token(*, user: User, key: str) -> bool:
    """Delete ``user``'s token identified by its key (its first characters); False when
    ``user`` has no such token."""
    deleted, _rows = AuthToken.objects.filter(user=user, token_key=key).delete()
    return deleted > 0
