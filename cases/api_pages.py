"""Keyset pages on the API, for lists whose order the web page shares (the mediator's
workbench, the referral dashboard): the same cursors as the page (``after``/``before``,
``cases.views.paging``) and the answer of the other lists (docs/api.md): ``next`` and
``previous`` links and ``results``, ``page_size`` up to 100."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.db.models import QuerySet
from rest_framework.pagination import BasePagination
from rest_framework.request import Request
from rest_framework.response import Response

from cases.views.paging import KeysetPage, SortSpec, keyset_page, page_links


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
        self.page: KeysetPage = keyset_page(
            qs, self.spec, descending=self.descending, size=self.size(request),
            after=params.get("after"), before=params.get("before"), rows_of=rows_of)
        return self.page.rows

    def size(self, request: Request) -> int:
        raw = request.query_params.get("page_size", "")
        if not raw.isdigit() or int(raw) < 1:
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
