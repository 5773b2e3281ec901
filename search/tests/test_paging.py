"""Paging deep into the results is refused before any backend sees it (issue 9, item 3).

tantivy allocates ``offset + limit`` hits up front: page 99,999,999 asked it for 32 GB and
the allocation failure aborted the whole web process (SIGABRT)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from django.urls import reverse
from rest_framework.test import APIClient

from search.backends.base import MAX_RESULT_WINDOW, InvalidWindow, SearchQuery

pytestmark = pytest.mark.django_db
ROOT = Path(__file__).resolve().parents[2]

DEEP_OFFSET_SCRIPT = """
import django, os, sys, tempfile
from pathlib import Path
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
django.setup()
from search.backends.base import InvalidWindow, SearchQuery
from search.backends.embedded import EmbeddedBackend
backend = EmbeddedBackend(Path(tempfile.mkdtemp()))
backend.index([{"id": 1, "version": 1, "words": "灯具", "title_words": "灯具"}])
try:
    backend.search(SearchQuery(offset=1_999_999_980, limit=20))
except InvalidWindow:
    print("refused")
"""


def test_a_deep_offset_is_refused_by_the_embedded_backend_instead_of_aborting(tmp_path):
    done = subprocess.run([sys.executable, "-c", DEEP_OFFSET_SCRIPT], cwd=ROOT,
                          capture_output=True, text=True, timeout=120, check=False)
    assert done.returncode == 0, done.stderr[-500:]
    assert done.stdout.strip() == "refused"


@pytest.mark.parametrize("offset,limit", [(MAX_RESULT_WINDOW, 1), (-1, 20), (0, 0),
                                          (0, 101), (10**20, 20)])
def test_every_backend_refuses_a_window_out_of_range(backend, offset, limit):
    with pytest.raises(InvalidWindow):
        backend.search(SearchQuery(offset=offset, limit=limit))


def test_the_last_allowed_page_still_answers(backend):
    assert backend.search(SearchQuery(offset=MAX_RESULT_WINDOW - 20, limit=20)).hits == []


@pytest.mark.parametrize("page", ["99999999", "1e20", "100000000000000000000", "0", "-3",
                                  "abc", "9" * 5000])
def test_the_search_page_answers_400_with_a_chinese_message(client, personas, page):
    client.force_login(personas.legal)
    response = client.get(reverse("precedent-search"), {"q": "外观设计", "page": page})
    html = response.content.decode()
    assert response.status_code == 400
    assert "页" in html
    assert "无法连接" not in html and "cannot be reached" not in html


def test_the_search_page_still_pages_normally(client, personas):
    client.force_login(personas.legal)
    assert client.get(reverse("precedent-search"), {"page": "2"}).status_code == 200


@pytest.mark.parametrize("page,size", [("99999999", "20"), ("1e20", "20"),
                                       ("100000000000000000000", "20"), ("501", "20"),
                                       ("1", "1000")])
def test_the_api_answers_400_for_a_page_out_of_range(personas, page, size):
    api = APIClient()
    api.force_authenticate(personas.legal)
    response = api.get(reverse("api-precedent-list"), {"page": page, "page_size": size})
    assert response.status_code == 400
    assert "page" in response.content.decode()  # the field that is wrong is named
