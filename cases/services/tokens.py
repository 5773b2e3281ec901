"""API tokens (django-rest-knox): created by their owner or an administrator, stored
only as a hash, each with an expiry; revoking deletes the hash. Both are in the access
log, naming the token by its first characters (never the token or its hash)."""

from __future__ import annotations

from datetime import timedelta
from typing import TYPE_CHECKING

from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext as _
from knox.models import AuthToken

from cases.models import AuditAction, User
from cases.services import audit

if TYPE_CHECKING:
    from django.http import HttpRequest


def record_issued(token: AuthToken, *, request: HttpRequest | None = None,
                  actor: User | None = None) -> None:
    until = f", {timezone.localdate(token.expiry):%Y-%m-%d}" if token.expiry else ""
    audit.record(request, AuditAction.TOKEN_ISSUED, actor=actor, office=token.user.office,
                 detail=f"{token.token_key} → {token.user.get_username()}{until}")


def record_revoked(token: AuthToken, *, request: HttpRequest | None = None,
                   actor: User | None = None) -> None:
    audit.record(request, AuditAction.TOKEN_REVOKED, actor=actor, office=token.user.office,
                 detail=f"{token.token_key} → {token.user.get_username()}")


def create_api_token(*, user: User, days: int, request: HttpRequest | None = None
                     ) -> tuple[AuthToken, str]:
    """A new token for ``user``, valid ``days`` days. The plain token is returned once
    and never stored."""
    if not 1 <= days <= settings.API_TOKEN_MAX_DAYS:
        raise ValidationError({"days": [
            _("Choose from 1 to %(max)d days.") % {"max": settings.API_TOKEN_MAX_DAYS}]})
    token, plain = AuthToken.objects.create(user=user, expiry=timedelta(days=days))
    record_issued(token, request=request, actor=user if request is None else None)
    return token, plain


def revoke_api_token(*, user: User, key: str, request: HttpRequest | None = None) -> bool:
    """Delete ``user``'s token identified by its key (its first characters); False when
    ``user`` has no such token."""
    tokens = list(AuthToken.objects.filter(user=user, token_key=key).select_related("user"))
    for token in tokens:
        token.delete()
        record_revoked(token, request=request, actor=user if request is None else None)
    return bool(tokens)
