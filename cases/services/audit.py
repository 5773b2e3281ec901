"""One call per place that reads or exports something worth recording (访问日志)."""

from __future__ import annotations

import ipaddress
import re
from datetime import timedelta
from typing import TYPE_CHECKING, Any
from urllib.parse import unquote_plus

from django.conf import settings
from django.utils import timezone

from cases.models import AuditEntry

if TYPE_CHECKING:
    from django.http import HttpRequest, QueryDict

    from cases.models import Office, User


def client_ip(request: HttpRequest) -> str | None:
    """The client's address; behind the proxy (``BEHIND_PROXY``) the one it appended."""
    raw = request.META.get("REMOTE_ADDR", "")
    if getattr(settings, "SECURE_PROXY_SSL_HEADER", None):
        forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "")
        if forwarded:
            raw = forwarded.split(",")[-1].strip()
    try:
        return str(ipaddress.ip_address(raw))
    except ValueError:
        return None


_CONTROL = re.compile(r"[\x00-\x1f\x7f]")


def query_text(params: QueryDict) -> str:
    """A request's query string as an auditor reads it: "q=卖假货&page=2", not
    "q=%E5%8D%96…" (nine characters a Chinese character, cut at the detail's 500)."""
    text = unquote_plus(params.urlencode())
    # Control characters stay encoded (%00): PostgreSQL's text holds no NUL, and a tab or
    # an escape sequence would garble the log it is read in.
    return _CONTROL.sub(lambda m: f"%{ord(m.group()):02X}", text)


def record(request: HttpRequest | None, action: str, *, obj: Any = None,
           office: Office | None = None, detail: str = "", actor: User | None = None,
           username: str = "") -> AuditEntry:
    """Append one entry: who (the request's user unless ``actor`` is given), what
    (``action`` and ``obj``), where from (IP and browser) and which office it concerns
    (``office``, else the object's, else the user's)."""
    user = actor
    if user is None and request is not None and request.user.is_authenticated:
        user = request.user
    if office is None and obj is not None:
        office = getattr(obj, "office", None)
        if office is None and getattr(obj, "case", None) is not None:
            office = obj.case.office
    if office is None and user is not None:
        office = user.office
    return AuditEntry.objects.create(
        actor=user, username=(username or (user.get_username() if user else ""))[:150],
        office=office, action=action,
        object_type=obj._meta.model_name if obj is not None else "",
        object_id=str(obj.pk) if obj is not None else "",
        detail=detail[:500],
        ip=client_ip(request) if request is not None else None,
        user_agent=request.META.get("HTTP_USER_AGENT", "")[:200] if request is not None else "",
    )


# A page that refreshes itself reads again what its reader has just read.
REREAD_WINDOW = timedelta(minutes=10)


def record_read(request: HttpRequest, action: str, *, obj: Any, detail: str) -> None:
    """``record`` a read, unless the same user's entry of ``action`` for ``obj`` is less
    than ``REREAD_WINDOW`` old: the documents panel polls every two seconds while a
    document renders, and the case page that holds it is recorded when opened. One query on
    the time index; a reader who did not open the case page is recorded at the first poll."""
    user = request.user
    since = timezone.now() - REREAD_WINDOW
    if AuditEntry.objects.filter(at__gte=since, actor_id=user.pk, action=action,
                                 object_type=obj._meta.model_name,
                                 object_id=str(obj.pk)).exists():
        return
    record(request, action, obj=obj, detail=detail)
