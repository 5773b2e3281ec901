"""Precedent search pages: query, facets, highlights, filters, guiding label, detail page
with similar decisions, scope; and the similar-cases panel at pending approval."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db


@pytest.fixture
def decisions(offices, settings, tmp_path):
    from search.services import drain_outbox, save_decision

    settings.SEARCH_EMBEDDED_DIR = tmp_path / "idx"
    made = {}
    rows = [
        ("a", "南宁某公司与某商行侵害外观设计专利权纠纷案", "design_patent", ["sell"], "拼多多",
         "infringement_found", offices.nanning, True,
         "被请求人在拼多多销售的灯具与涉案外观设计相近似。"),
        ("b", "某公司侵害实用新型专利权纠纷案", "utility_model", ["make", "sell"], "",
         "dismissed", offices.nanning, False, "被控产品缺少权利要求的技术特征，不构成侵权。"),
        ("c", "柳州某厂侵害外观设计专利权纠纷案", "design_patent", ["sell"], "拼多多",
         "infringement_found", offices.liuzhou, False,
         "柳州的内部决定：拼多多店铺销售外观设计产品。"),
    ]
    for key, title, ip, acts, platform, outcome, office, guiding, text in rows:
        made[key] = save_decision(
            source="office", external_id=f"v-{key}", title=title, office=office,
            decided_on=date(2024, 6, 1), ip_type=ip, infringing_acts=acts, platform=platform,
            outcome=outcome, full_text=text, is_public=False, is_guiding_case=guiding,
            holding="在电商平台销售相近似产品构成侵权。" if guiding else "",
            damages_awarded=Decimal("30000") if outcome == "infringement_found" else None)
    drain_outbox()
    return made


def test_legal_staff_search_with_facets_highlights_and_guiding_label(client, personas,
                                                                    decisions):
    client.force_login(personas.legal)
    response = client.get(reverse("precedent-search"), {"q": "外观设计 拼多多"})
    html = response.content.decode()
    assert response.status_code == 200
    assert decisions["a"].title in html
    assert decisions["c"].title not in html  # another office's non-public decision
    assert "<mark>" in html
    assert "guiding-badge" in html
    assert 'name="ip_type"' in html  # a facet with counts


def test_a_facet_filter_narrows_the_results(client, personas, decisions):
    client.force_login(personas.legal)
    html = client.get(reverse("precedent-search"),
                      {"q": "侵权", "ip_type": "utility_model"}).content.decode()
    assert decisions["b"].title in html and decisions["a"].title not in html


def test_a_precedent_page_shows_the_text_and_similar_decisions(client, personas, decisions):
    client.force_login(personas.legal)
    response = client.get(reverse("precedent-detail", args=[decisions["a"].pk]))
    html = response.content.decode()
    assert response.status_code == 200
    assert "相近似" in html and "在电商平台销售相近似产品构成侵权" in html


def test_another_offices_private_precedent_is_not_found(client, personas, decisions):
    client.force_login(personas.legal)
    response = client.get(reverse("precedent-detail", args=[decisions["c"].pk]))
    assert response.status_code == 404


def test_similar_cases_panel_at_pending_approval(client, personas, decisions, calendar_2026,
                                                 deadline_rules, time_machine):
    from tests.ruling_driver import RulingDriver

    time_machine.move_to("2026-03-02 09:00 +08:00", tick=False)
    case = RulingDriver(personas, time_machine).bring_to("pending_approval")
    client.force_login(personas.legal)
    html = client.get(reverse("case-detail", args=[case.pk])).content.decode()
    assert 'id="similar-panel"' in html


def test_facets_in_chinese_and_the_amount_a_page_is_sorted_by(client, personas, decisions):
    client.force_login(personas.legal)
    html = client.get(reverse("precedent-search"), {"q": "", "sort": "amount"}).content.decode()
    for heading in ("知识产权类型", "处理结果", "地区", "年份"):
        assert f'facet-title">{heading}<' in html, heading
    assert '">线下</label>' in html  # the platform facet's value for offline decisions
    for english in (">Region<", ">Year<", ">offline<", ">Offline<"):
        assert english not in html, english
    assert 'class="hit-amount">判赔金额 30,000.00' in html


def test_a_draft_ruling_is_compared_with_its_own_kind_without_damages(
        client, personas, offices, calendar_2026, deadline_rules, time_machine):
    from search.services import drain_outbox, save_decision
    from tests.ruling_driver import RulingDriver

    time_machine.move_to("2026-03-02 09:00 +08:00", tick=False)
    case = RulingDriver(personas, time_machine).bring_to("pending_approval")
    kind = case.rights.first().kind
    other = "design_patent" if kind != "design_patent" else "utility_model"
    for n, ip_type in enumerate([kind] * 5 + [other] * 6):
        save_decision(source="court", external_id=f"k{n}", title=f"{ip_type}判决{n}",
                      office=offices.nanning, decided_on=date(2024, 1, 1), ip_type=ip_type,
                      infringing_acts=["sell"], outcome="infringement_found",
                      full_text=f"{case.title}：被告销售侵权产品。", is_public=False,
                      damages_awarded=Decimal("10000"), settlement_amount=Decimal("8000"))
    drain_outbox()
    client.force_login(personas.legal)
    html = client.get(reverse("case-detail", args=[case.pk])).content.decode()
    panel = html[html.index('id="similar-panel"'):]
    # The verdict rests on the five decisions on the same kind of right, and says so.
    assert 'data-verdict="consistent"' in panel
    assert "草稿与 5 件可比决定（同类权利）的处理结果一致" in panel
    assert f"{kind}判决" in panel and f"{other}判决" not in panel
    assert "判赔金额" not in panel and "调解金额" in panel  # a ruling awards no damages


def test_a_phone_or_id_in_a_decisions_title_is_masked_in_every_list_of_the_pages(
        client, personas, offices, settings, tmp_path, calendar_2026, deadline_rules,
        time_machine):
    """Before: the page's heading masked the title, but its breadcrumb (a decision with no
    document number), its similar decisions and the case page's similar panel did not."""
    from search.services import drain_outbox, save_decision
    from search.similarity import features_of_case
    from tests.ruling_driver import RulingDriver

    settings.SEARCH_EMBEDDED_DIR = tmp_path / "idx"
    time_machine.move_to("2026-03-02 09:00 +08:00", tick=False)
    case = RulingDriver(personas, time_machine).bring_to("pending_approval")
    features = features_of_case(case)
    phone, id_number = "13877112345", "450103198001011234"
    made = [save_decision(
        source="office", external_id=f"pii-{n}", office=offices.nanning,
        title=f"张某{n}（电话{phone}，身份证号{id_number}）与南宁某公司专利权纠纷案",
        decided_on=date(2024, 6, n), ip_type=features.ip_type,
        infringing_acts=list(features.acts), outcome="infringement_found",
        full_text=features.text, is_public=False) for n in (1, 2)]
    drain_outbox()
    client.force_login(personas.legal)
    html = client.get(reverse("precedent-detail", args=[made[0].pk])).content.decode()
    assert "张某2" in html  # the other is listed as similar
    assert phone not in html and id_number not in html
    assert "138****2345" in html

    html = client.get(reverse("case-detail", args=[case.pk])).content.decode()
    assert 'id="similar-panel"' in html and "张某1" in html
    assert phone not in html and id_number not in html


def test_the_admin_shows_a_decisions_texts_masked_as_the_pages_do(client, personas, offices,
                                                                   settings, tmp_path):
    """Before: the admin's list and read-only page showed a decision's title, holding and
    full text with its phones and ID numbers in full."""
    from search.services import drain_outbox, save_decision
    from tests.factories import UserFactory

    settings.SEARCH_EMBEDDED_DIR = tmp_path / "idx"
    phone, id_number = "13877112345", "450103198001011234"
    decision = save_decision(
        source="court", external_id="pii-admin", office=offices.nanning,
        title=f"张某（电话{phone}）与南宁某公司专利权纠纷案", decided_on=date(2024, 6, 1),
        ip_type="design_patent", infringing_acts=["sell"], outcome="infringement_found",
        holding=f"联系电话{phone}。",
        full_text=f"被请求人张某，身份证号{id_number}，销售侵权产品。",
        is_public=True)
    drain_outbox()
    client.force_login(UserFactory(username="root", office=offices.guangxi, roles=[],
                                   is_superuser=True, is_staff=True))
    for url in (reverse("admin:search_decision_changelist"),
                reverse("admin:search_decision_change", args=[decision.pk])):
        response = client.get(url)
        html = response.content.decode()
        assert response.status_code == 200, url
        assert phone not in html and id_number not in html, url
        assert "138****2345" in html, url
    assert client.get(reverse("admin:search_decision_add")).status_code in (200, 403)


def test_the_note_on_how_the_text_was_read_is_shown_only_with_results(client, personas,
                                                                     decisions):
    """A fallback that finds nothing said "these contain most of the words" over an empty
    list; the note explains results, so it goes with them."""
    client.force_login(personas.legal)
    found = client.get(reverse("precedent-search"), {"q": "拼多多 茶叶罐"})
    assert found.context["page"].mode == "any" and found.context["page"].total
    assert 'data-mode="any"' in found.content.decode()
    empty = client.get(reverse("precedent-search"), {"q": "潜水艇 茶叶罐"})
    assert empty.context["page"].mode == "any" and not empty.context["page"].total
    assert 'data-mode="any"' not in empty.content.decode()
