"""A complaint's accused party and complainant in the API are the party's id and name, as
the case's ``parties`` give theirs (decision 78): a client reading a complaint needs to
know whom it is against without a second look-up."""

from __future__ import annotations

import pytest
from django.urls import reverse

from tests.factories import PartyFactory

pytestmark = pytest.mark.django_db


def test_the_accused_party_and_the_complainant_have_their_names(client, personas, referral_driver):
    accused = PartyFactory(name="钦州市某某电子商务有限公司")
    case = referral_driver.complaint(accused=accused)
    client.force_login(personas.officer)
    data = client.get(reverse("api-case-detail", args=[case.pk])).json()
    assert data["accused_party"] == {"id": accused.pk, "name": "钦州市某某电子商务有限公司"}
    assert data["complainant_party"]["name"] == "广西壮乡食品有限公司"
    tip_off = referral_driver.complaint(kind="tip_off", anonymous=True)
    data = client.get(reverse("api-case-detail", args=[tip_off.pk])).json()
    assert data["complainant_party"] is None
    assert data["accused_party"]["name"] == "南宁市某某商贸有限公司"



def test_a_referral_and_a_transfer_name_their_suspect_as_their_page_does(client, personas,
                                                                         referral_driver):
    """A referral's and a transfer's case parties are empty (the suspect is the origin
    case's): the API gave no suspect at all. ``sides`` names them as the page's header."""
    referral = referral_driver.referral(accused=PartyFactory(name="柳州市嫌疑贸易有限公司"))
    transfer = referral_driver.transfer()
    client.force_login(personas.officer)
    for case, name in ((referral, "柳州市嫌疑贸易有限公司"), (transfer, "南宁市某某商贸有限公司")):
        data = client.get(reverse("api-case-detail", args=[case.pk]),
                          HTTP_ACCEPT_LANGUAGE="zh-hans").json()
        assert data["parties"] == []
        assert data["sides"] == [{"label": "当事人", "names": [name]}]
    complaint = client.get(reverse("api-case-detail", args=[referral.origin.pk]),
                           HTTP_ACCEPT_LANGUAGE="zh-hans").json()
    assert complaint["sides"] == [{"label": "投诉举报人", "names": ["广西壮乡食品有限公司"]},
                                  {"label": "被投诉举报人", "names": ["柳州市嫌疑贸易有限公司"]}]
