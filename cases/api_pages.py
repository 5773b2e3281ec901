"""The API's pages. Keyset pages for lists whose order the web page shares (the mediator's
workbench, the referral dashboard, the timeline): the same cursors as the page
(``after``/``before``, ``cases.views.paging``); DRF's cursor pages for the others; both
answer as docs/api.md says: ``next`` and ``previous`` links and ``results``, ``page_size``
up to 100, and a cursor the list did not give is a 400 on that parameter (the page falls
back to the first page; a program would walk the same page again without knowing)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _
from rest_framework import serializers
from rest_framework.exceptions import NotFound
from rest_framework.pagination import BasePagination, Cursor, CursorPagination
from rest_framework.request import Request
from rest_framework.response import Response

from cases.views.paging import KeysetPage, SortSpec, decode_cursor, keyset_page, page_links

NOT_A_CURSOR = _("Not a cursor of this list: follow the next and previous links as given.")


class CursorPages(CursorPagination):
    """DRF's cursor pages (subclasses name their ``ordering``)."""

    page_size = 25
    max_page_size = 100
    page_size_query_param = "page_size"

    def decode_cursor(self, request: Request) -> Cursor | None:
        try:
            return super().decode_cursor(request)
        except NotFound:  # DRF's answer, as if the list were not there
            raise serializers.ValidationError(
                {self.cursor_query_param: [NOT_A_CURSOR]}) from None


class KeysetPagination(BasePagination):
    """Subclasses name the list's order (``spec``, ``descending``)."""

    spec: SortSpec
    descending = False
    page_size = 25
    max_page_size = 100

    def paginate(self, request: Request, qs: QuerySet[Any],
                 rows_of: Callable[[list[Any]], QuerySet[Any]] | None = None) -> list[Any]:
        self.request = request
        params = request.query_params
        for name in ("after", "before"):
            if params.get(name) and decode_cursor(params[name], self.spec) is None:
                raise serializers.ValidationError({name: [NOT_A_CURSOR]})
        self.page: KeysetPage = keyset_page(
            qs, self.spec, descending=self.descending, size=self.size(request),
            after=params.get("after"), before=params.get("before"), rows_of=rows_of)
        return self.page.rows

    def size(self, request: Request) -> int:
        raw = request.query_params.get("page_size", "")
        if not (raw.isascii() and raw.isdigit()) or int(raw) < 1:  # "²".isdigit()
            return self.page_size
        return min(int(raw), self.max_page_size)

    def get_paginated_response(self, data: Any) -> Response:
        links = page_links(self.request.query_params, self.page)
        return Response({"next": self._absolute(links.next),
                         "previous": self._absolute(links.previous), "results": data})

    def _absolute(self, link: str | None) -> str | None:
        return None if link is None else self.request.build_absolute_uri(link)

    def get_paginated_response_schema(self, schema: dict[str, Any]) -> dict[str, Any]:
        link = {"type": "string", "nullable": True, "format": "uri"}
        return {"type": "object", "required": ["next", "previous", "results"],
                "properties": {"next": link, "previous": link, "results": schema}}

    def get_schema_operation_parameters(self, view: Any) -> list[dict[str, Any]]:
        def param(name: str, kind: str, description: str) -> dict[str, Any]:
            return {"name": name, "required": False, "in": "query",
                    "description": description, "schema": {"type": kind}}

        return [param("after", "string", "the `next` link's cursor"),
                param("before", "string", "the `previous` link's cursor"),
                param("page_size", "integer", "rows per page, up to 100 (25)")]
