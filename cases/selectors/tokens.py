"""A user's own API tokens (knox keeps only their hashes)."""

from __future__ import annotations

from django.db.models import QuerySet
from knox.models import AuthToken

from cases.models import User


def api_tokens_of(user: User) -> QuerySet[AuthToken]:
    return AuthToken.objects.filter(user=user).order_by("-created")
