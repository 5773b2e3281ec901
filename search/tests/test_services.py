"""Indexing that loses nothing, scope, similar cases, consistency and the API."""

from __future__ import annotations

import io
from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest
from django.core.exceptions import PermissionDenied
from django.core.management import call_command
from django.utils import translation
from rest_framework.test import APIClient

from cases.models import DocumentNumberPrefix
from cases.ruling.models import CaseState
from search import services
from search.backends import get_backend
from search.backends.base import BackendUnavailable, Filters, SearchQuery
from search.consistency import check, percentile
from search.models import Decision, SearchOutbox
from search.selectors import search_precedents, snippet
from search.similarity import Features, similar_decisions, similar_to_case
from tests.ruling_driver import RulingDriver

pytestmark = pytest.mark.django_db
SHANGHAI = ZoneInfo("Asia/Shanghai")


def save(offices, n, **kw):
    fields = {"title": f"销售外观设计专利产品案{n}", "office": offices.nanning,
              "decided_on": date(2024, 1, n % 28 + 1), "ip_type": "design_patent",
              "infringing_acts": ["sell"], "outcome": "infringement_found",
              "full_text": f"被请求人销售灯具{n}，与涉案外观设计相近似。"}
    fields.update(kw)
    return services.save_decision(source="office", external_id=f"s{n}", **fields)


def test_outbox_written_in_the_transaction_and_drained_after_commit(
        offices, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        d = save(offices, 1)
    assert SearchOutbox.objects.get(decision_id=d.pk).processed_at is not None
    assert get_backend().count() == 1


def test_nothing_lost_nothing_duplicated_while_the_backend_is_down(
        offices, monkeypatch, django_capture_on_commit_callbacks, time_machine):
    backend = get_backend()
    real_index = backend.index

    def down(docs):
        raise BackendUnavailable("connection refused")

    monkeypatch.setattr(backend, "index", down)
    with django_capture_on_commit_callbacks(execute=True):
        a = save(offices, 1)
        b = save(offices, 2)
    pending = SearchOutbox.objects.filter(processed_at__isnull=True)
    assert pending.count() == 2 and all(r.attempts == 1 for r in pending)
    assert "connection refused" in pending.first().last_error
    assert services.drain_outbox() == 0  # backing off: nothing retried too early
    monkeypatch.setattr(backend, "index", real_index)
    time_machine.move_to(datetime.now(SHANGHAI).replace(year=2099))
    call_command("search_index", "--drain")  # what the periodic sweep runs
    assert not SearchOutbox.objects.filter(processed_at__isnull=True).exists()
    assert sorted(h.id for h in backend.search(SearchQuery()).hits) == [a.pk, b.pk]
    services.drain_outbox()  # re-processing is harmless
    assert backend.count() == 2


def test_unpublish_delete_and_guiding(offices, personas, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        d = save(offices, 1)
    with pytest.raises(PermissionDenied):
        services.mark_guiding_case(decision=d, holding="要旨", actor=personas.officer)
    with django_capture_on_commit_callbacks(execute=True):
        services.mark_guiding_case(decision=d, holding="电商平台销售构成侵权。",
                                   actor=personas.legal)
        services.set_public(decision=d, actor=personas.legal, public=True)
    found = search_precedents(personas.outsider, "灯具").hits
    assert [h.decision.pk for h in found] == [d.pk] and found[0].decision.is_guiding_case
    with django_capture_on_commit_callbacks(execute=True):
        services.delete_decision(decision=d, actor=personas.legal)
    assert get_backend().count() == 0


def test_scope_non_public_only_within_the_office_tree(offices, personas,
                                                     django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        private = save(offices, 1)
        public = save(offices, 2, is_public=True)
    assert {h.decision.pk for h in search_precedents(personas.officer, "灯具").hits} == {
        private.pk, public.pk}
    assert [h.decision.pk for h in search_precedents(personas.outsider, "灯具").hits] == [
        public.pk]
    client = APIClient()
    client.force_authenticate(personas.outsider)
    assert client.get(f"/api/v1/precedents/{private.pk}/").status_code == 404
    assert client.get(f"/api/v1/precedents/{public.pk}/").status_code == 200


def test_search_page_highlights_facets_and_filters(offices, personas,
                                                   django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        for n in range(5):
            online = n % 2
            save(offices, n, platform="拼多多" if online else "",
                 full_text=f"被请求人在{'拼多多' if online else '门店'}销售灯具{n}。")
    page = search_precedents(personas.officer, "外观设计 拼多多 销售")
    # Only two have every word: too few, so the page widens to most of the words and says
    # so, the two complete matches first.
    assert page.mode == "any" and page.total == 5
    assert {h.decision.platform for h in page.hits[:2]} == {"拼多多"}
    assert "<mark>拼多多</mark>" in page.hits[0].snippet
    assert page.facets["platform"] == {"拼多多": 2, "offline": 3}
    strict = search_precedents(personas.officer, "外观设计 拼多多 销售",
                               Filters(platforms=["拼多多"]))
    assert strict.mode == "all" and strict.total == 2
    filtered = search_precedents(personas.officer, "", Filters(platforms=["offline"]))
    assert filtered.total == 3
    assert snippet("<b>&</b> 灯具", ["灯具"]) == "&lt;b&gt;&amp;&lt;/b&gt; <mark>灯具</mark>"


def test_api_search_validation_and_results(offices, personas,
                                           django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        save(offices, 1)
    client = APIClient()
    client.force_authenticate(personas.legal)
    body = client.get("/api/v1/precedents/", {"q": "灯具", "ip_type": "design_patent"}).json()
    assert body["count"] == 1 and "<mark>" in body["results"][0]["snippet"]
    assert client.get("/api/v1/precedents/", {"sort": "random"}).status_code == 400
    assert client.get("/api/v1/precedents/", {"date_from": "2024-05-01",
                                              "date_to": "2024-01-01"}).status_code == 400


def test_deciding_a_ruling_records_its_precedent_and_similar_never_returns_itself(
        personas, calendar_2026, deadline_rules, time_machine, offices,
        django_capture_on_commit_callbacks):
    DocumentNumberPrefix.objects.create(office=offices.nanning, kind="case_number",
                                        prefix="南知案字")
    time_machine.move_to(datetime(2026, 3, 2, 9, tzinfo=SHANGHAI), tick=False)
    driver = RulingDriver(personas, time_machine)
    with django_capture_on_commit_callbacks(execute=True):
        for n in range(3):
            save(offices, n, ip_type="invention_patent", infringing_acts=["make", "sell"],
                 full_text=f"被请求人制造、销售电动车控制器{n}，落入权利要求保护范围。")
    with django_capture_on_commit_callbacks(execute=True):
        case = driver.bring_to(CaseState.DECIDED)
    own = Decision.objects.get(case=case)
    assert own.source == "ruling" and own.outcome == "infringement_found"
    assert get_backend().count() == 4
    similar = similar_to_case(personas.legal, case, k=10)
    assert own.pk not in [d.pk for d, _s in similar]
    assert len(similar) == 3
    client = APIClient()
    client.force_authenticate(personas.legal)
    assert client.get(f"/api/v1/cases/{case.pk}/similar/").status_code == 200
    body = client.get(f"/api/v1/cases/{case.pk}/consistency/").json()
    assert body["count"] == 3 and body["outcomes"] == {"infringement_found": 3}
    client.force_authenticate(personas.outsider)
    assert client.get(f"/api/v1/cases/{case.pk}/consistency/").status_code == 404


def test_consistency_flags_outcome_against_majority_and_amount_outside_range(offices):
    decisions = [Decision(outcome="infringement_found", damages_awarded=v)
                 for v in (10000, 20000, 30000, 40000, 50000, 60000)]
    for i, d in enumerate(decisions):
        d.pk = i + 1
    flags = check(decisions, "dismissed", {"damages_awarded": 500000})
    assert [f.kind for f in flags] == ["outcome", "amount"]
    assert flags[0].precedent_ids == [1, 2, 3, 4, 5, 6]
    assert check(decisions, "infringement_found", {"damages_awarded": 35000}) == []
    assert check(decisions[:4], "dismissed", {}) == []  # too few for a "clear majority"
    assert percentile([1, 2, 3, 4], 50) == 2.5


def test_similar_compares_like_with_like(offices, personas, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        same_act = save(offices, 1, ip_type="utility_model", infringing_acts=["make"],
                        full_text="被请求人制造灯具。")
        other_act = save(offices, 2, ip_type="utility_model", infringing_acts=["sell"],
                         full_text="被请求人在拼多多销售灯具，销售灯具外观设计近似。")
        design = save(offices, 3)
    rows = similar_decisions(personas.legal, Features(text="销售灯具 外观设计",
                                                      ip_type="utility_model", acts=["make"]))
    ids = [d.pk for d, _s in rows]
    # Same kind of right only (the design case shares more words but is not comparable),
    # the one sharing the act first even though the other matches more words.
    assert ids == [same_act.pk, other_act.pk] and design.pk not in ids


def test_rebuild_and_check_repair_drift(offices, django_capture_on_commit_callbacks, capsys):
    with django_capture_on_commit_callbacks(execute=True):
        a = save(offices, 1)
    b = save(offices, 2)  # committed row whose index task never ran
    get_backend().index([{"id": 999999, "version": 1}])  # an orphan
    call_command("search_index", "--check")
    out = capsys.readouterr().out
    assert f"索引中缺少：1件 [{b.pk}]" in out and "索引中有而数据库中无：1件 [999999]" in out
    assert sorted(h.id for h in get_backend().search(SearchQuery()).hits) == [a.pk, b.pk]
    call_command("search_index", "--rebuild")
    assert get_backend().count() == 2


def test_interrupted_rebuild_resumes_and_keeps_the_live_index(offices, monkeypatch,
                                                              django_capture_on_commit_callbacks):
    from search.models import IndexRebuild

    with django_capture_on_commit_callbacks(execute=True):
        first = save(offices, 1)
    for n in range(2, 7):
        save(offices, n)  # committed, never indexed (their tasks were lost)
    monkeypatch.setattr(services, "REBUILD_BATCH", 2)
    assert services.rebuild_index(stop_after=2) == 2  # interrupted after one batch
    backend = get_backend()
    assert [h.id for h in backend.search(SearchQuery()).hits] == [first.pk]  # live untouched
    state = IndexRebuild.objects.get()
    assert state.finished_at is None and state.last_id > 0
    assert services.rebuild_index() == 4  # resumed: only what was left
    assert backend.count() == 6
    state.refresh_from_db()
    assert state.finished_at is not None
    assert services.rebuild_index(restart=True) == 6  # a new rebuild starts afresh


def test_consistency_rests_only_on_comparable_decisions(offices, personas,
                                                         django_capture_on_commit_callbacks):
    from search.consistency import MIN_COMPARABLE, consistency_for

    with django_capture_on_commit_callbacks(execute=True):
        for n in range(3):
            save(offices, n, outcome="dismissed")
        for n in range(10, 20):  # more words in common, but invention patents
            save(offices, n, ip_type="invention_patent",
                 full_text=f"被请求人销售灯具{n}，与涉案外观设计相近似，销售灯具。")
    features = Features(text="销售灯具 外观设计 相近似", ip_type="design_patent", acts=["sell"])
    c = consistency_for(personas.legal, features, draft_outcome="infringement_found")
    assert c.count == 3 < MIN_COMPARABLE
    assert c.verdict == "not_enough" and c.flags == []
    assert {d.ip_type for d in c.precedents} == {"design_patent"}
    assert c.as_dict()["comparable"] == 3
    with django_capture_on_commit_callbacks(execute=True):
        for n in range(3, 8):
            save(offices, n, outcome="dismissed")
    c = consistency_for(personas.legal, features, draft_outcome="infringement_found")
    assert c.count == 8 and c.verdict == "flagged" and c.flags[0].kind == "outcome"


def test_a_draft_ruling_is_judged_against_decisions_on_the_merits(
        offices, personas, django_capture_on_commit_callbacks):
    """Settlements say nothing about whether there was an infringement: a draft finding
    infringement among eleven settled mediations and two rulings used to be flagged as
    "differs from 85% of similar decisions"; it rests on the two rulings, too few for a
    verdict. With five rulings mostly dismissing it, it is flagged on those."""
    from search.consistency import consistency_for

    with django_capture_on_commit_callbacks(execute=True):
        for n in range(11):
            save(offices, n, outcome="settled", settlement_amount=60000)
        for n in range(11, 13):
            save(offices, n)
    features = Features(text="销售灯具 外观设计 相近似", ip_type="design_patent", acts=["sell"])
    c = consistency_for(personas.legal, features, draft_outcome="infringement_found",
                        on_the_merits=True)
    assert c.count == 2 and c.verdict == "not_enough" and c.flags == []
    assert c.outcomes == {"infringement_found": 2}
    # The settlements are kept as a reference, said to be read from eleven mediations,
    # not among the amounts the draft is compared on (decision 77).
    assert "settlement_amount" not in c.amounts
    reference = {row.name: row for row in c.reference_amounts}
    assert reference["settlement_amount"].sources == {"office": 11}
    assert 60000.0 in reference["settlement_amount"].percentiles.values()
    # A settled mediation is not "the other way" of rulings either.
    assert consistency_for(personas.legal, features, draft_outcome="settled").flags == []
    with django_capture_on_commit_callbacks(execute=True):
        for n in range(13, 17):
            save(offices, n, outcome="dismissed")
    c = consistency_for(personas.legal, features, draft_outcome="infringement_found",
                        on_the_merits=True)
    assert c.count == 6 and c.verdict == "consistent"
    with django_capture_on_commit_callbacks(execute=True):
        for n in range(17, 21):
            save(offices, n, outcome="dismissed")
    c = consistency_for(personas.legal, features, draft_outcome="infringement_found",
                        on_the_merits=True)
    assert c.count == 10 and c.verdict == "flagged" and c.flags[0].kind == "outcome"
    assert c.outcomes == {"infringement_found": 2, "dismissed": 8}


def test_page_and_api_say_when_the_facets_are_counted_over_the_most_relevant(
        offices, personas, client, monkeypatch, django_capture_on_commit_callbacks):
    from django.urls import reverse

    from search.backends import embedded

    with django_capture_on_commit_callbacks(execute=True):
        for n in range(3):
            save(offices, n)
    client.force_login(personas.legal)
    exact = client.get(reverse("precedent-search"), {"q": "灯具"}).content.decode()
    assert 'id="result-count"' in exact and 'id="facets-sampled"' not in exact
    monkeypatch.setattr(embedded, "FACET_EXACT_LIMIT", 2)
    monkeypatch.setattr(embedded, "FACET_SAMPLE", 1)
    get_backend().clear_facet_cache()
    page = client.get(reverse("precedent-search"), {"q": "灯具"}).content.decode()
    assert 'id="facets-sampled"' in page and "相关度最高" in page
    api = APIClient()
    api.force_authenticate(personas.legal)
    body = api.get("/api/v1/precedents/", {"q": "灯具"}).json()
    assert body["count"] == 3 and body["facets_sampled"] is True
    assert sum(body["facets"]["ip_type"].values()) == 1


class _Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_a_rebuild_logs_whole_progress_lines_when_not_on_a_terminal(make_decision, monkeypatch,
                                                                     capsys):
    """tqdm's carriage returns piled up on one line of a log file or journal."""
    monkeypatch.setattr(services, "REBUILD_BATCH", 1)
    for _n in range(3):
        make_decision()
    err = io.StringIO()
    with translation.override("zh-hans"):
        call_command("search_index", "--rebuild", stdout=io.StringIO(), stderr=err)
    assert err.getvalue().splitlines() == [
        "已索引 1 / 3 份裁判文书", "已索引 2 / 3 份裁判文书", "已索引 3 / 3 份裁判文书"]
    assert "\r" not in err.getvalue() + capsys.readouterr().err
    # On a terminal, tqdm's bar as before (it writes to the process's stderr).
    call_command("search_index", "--rebuild", "--restart", stdout=io.StringIO(),
                 stderr=_Terminal())
    assert "\r" in capsys.readouterr().err


def test_a_draft_ruling_is_compared_on_no_amount_and_its_reference_says_what_it_is(
        offices, personas, calendar_2026, deadline_rules, time_machine, client,
        django_capture_on_commit_callbacks):
    """A ruling awards no damages, agrees no settlement and imposes no fine. Its panel
    showed the settlements of mediations as "调解金额" percentiles under the heading of
    the comparable decisions, as if those had fixed them, and the API gave them as the
    ruling's amounts. Now the API's compared amounts are empty, and the page and the API
    give each reference amount with the kind and number of decisions it is read from;
    the courts' damages stay off a ruling's panel."""
    from django.urls import reverse

    DocumentNumberPrefix.objects.create(office=offices.nanning, kind="case_number",
                                        prefix="南知案字")
    time_machine.move_to(datetime(2026, 3, 2, 9, tzinfo=SHANGHAI), tick=False)
    driver = RulingDriver(personas, time_machine)
    text = "被请求人制造、销售电动车控制器{n}，落入权利要求保护范围。"
    kinds = ([("ruling", {})] * 5
             + [("mediation", {"outcome": "settled", "settlement_amount": 30000 + n})
                for n in range(3)]
             + [("court", {"damages_awarded": 200000}), ("court", {"damages_awarded": 400000}),
                ("office", {"fine": 50000})])
    with django_capture_on_commit_callbacks(execute=True):
        for n, (source, extra) in enumerate(kinds):
            fields = {"title": f"电动车控制器专利纠纷案{n}", "office": offices.nanning,
                      "decided_on": date(2024, 1, n + 1), "ip_type": "invention_patent",
                      "infringing_acts": ["make", "sell"], "outcome": "infringement_found",
                      "full_text": text.format(n=n), **extra}
            services.save_decision(source=source, external_id=f"k{n}", **fields)
    case = driver.bring_to(CaseState.PENDING_APPROVAL)
    api = APIClient()
    api.force_authenticate(personas.legal)
    body = api.get(f"/api/v1/cases/{case.pk}/consistency/").json()
    assert body["count"] == 8  # five rulings, two judgments, one office decision
    assert body["amounts"] == {}
    reference = body["reference_amounts"]
    assert set(reference) == {"settlement_amount", "fine"}
    assert reference["settlement_amount"]["count"] == 3
    assert reference["settlement_amount"]["sources"] == {"mediation": 3}
    assert reference["settlement_amount"]["p50"] == 30001.0
    assert reference["fine"]["sources"] == {"office": 1}
    client.force_login(personas.legal)
    with translation.override("zh-hans"):
        page = client.get(reverse("case-detail", args=[case.pk]),
                          HTTP_ACCEPT_LANGUAGE="zh-hans").content.decode()
    panel = page[page.index('id="similar-panel"'):]
    assert 'id="compared-amounts"' not in panel and 'id="reference-amounts"' in panel
    assert "草稿不与下列金额比对" in panel
    assert "调解结案：3件" in panel and "导入的行政机关决定：1件" in panel
    assert "<td>30,001</td>" in panel and "判赔金额" not in panel


def test_a_case_with_nothing_drafted_gets_no_verdict_and_only_reference_amounts(
        offices, personas, referral_driver, django_capture_on_commit_callbacks):
    """A complaint drafts no decision: the API said "consistent" for it and listed the
    fines of its similar decisions as amounts it was compared on."""
    from django.urls import reverse

    from search.consistency import MIN_COMPARABLE

    with django_capture_on_commit_callbacks(execute=True):
        for n in range(MIN_COMPARABLE + 2):
            save(offices, n, ip_type="trademark", fine=20000 + 1000 * n,
                 full_text=f"当事人销售假冒注册商标的白酒{n}。")
        for n in range(20, 30):  # the same words, on another kind of right
            save(offices, n, full_text=f"当事人销售假冒注册商标的白酒{n}。")
    complaint = referral_driver.complaint()  # on a trademark
    complaint.title = "销售假冒注册商标的白酒"
    complaint.save(update_fields=["title"])
    api = APIClient()
    api.force_authenticate(personas.officer)
    body = api.get(reverse("api-case-consistency", args=[complaint.pk])).json()
    assert body["comparable"] == MIN_COMPARABLE + 2
    assert set(Decision.objects.filter(pk__in=body["precedents"])
               .values_list("ip_type", flat=True)) == {"trademark"}
    assert body["verdict"] == "no_draft" and body["drafted"] is False
    assert body["flags"] == [] and body["amounts"] == {}
    assert body["reference_amounts"]["fine"]["count"] == body["comparable"]


def test_the_region_facet_names_regions_outside_the_office_tree(
        offices, personas, client, django_capture_on_commit_callbacks):
    import re

    from django.urls import reverse

    with django_capture_on_commit_callbacks(execute=True):
        for n, code in enumerate(["440100", "440300", "440300", "449900", "990100"]):
            save(offices, n, region_code=code, full_text=f"被请求人销售折叠茶几{n}。")
    client.force_login(personas.legal)
    page = client.get(reverse("precedent-search"), {"q": "折叠茶几"},
                      HTTP_ACCEPT_LANGUAGE="zh-hans").content.decode()
    labels = re.findall(r'for="f-region-\d+">([^<]*)</label>', page)
    assert sorted(labels) == sorted(["广州市", "深圳市", "广东省 449900", "地区代码 990100"])
