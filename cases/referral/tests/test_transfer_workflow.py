"""Workflow D2 through the runner: a transfer between two offices of the tree, accepted
or objected to and designated by the common superior, never passed on a second time; a
transfer outside the system with its receipt; and who sees what when."""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from cases.errors import OutOfScope, TransitionNotAllowed
from cases.models import Case, Role
from cases.referral.models import TransferCase
from cases.referral.models.transfer import TransferState, common_superior
from cases.referral.workflow import TRANSFER_ACTIONS
from cases.selectors.cases import cases_for
from cases.selectors.workbench import waiting_keys
from tests.factories import UserFactory
from tests.referral_driver import Driver

S = TransferState
SHANGHAI = ZoneInfo("Asia/Shanghai")
START = datetime(2026, 3, 2, 9, 0, tzinfo=SHANGHAI)

pytestmark = pytest.mark.django_db


def _state(case: Case) -> str:
    return Case.objects.get(pk=case.pk).state


def _sources(name: str) -> list[str]:
    return sorted(getattr(TransferCase, name)._django_fsm.transitions.keys())


EXPECTED = {"send": S.SENT, "abandon": S.ABANDONED, "accept": S.ACCEPTED, "object": S.OBJECTED,
            "designate": S.DESIGNATED, "record_receipt": S.RECEIPTED}
ALLOWED = [(n, s) for n in TRANSFER_ACTIONS for s in _sources(n)]


def _bring(referral_driver: Driver, name: str, source: str) -> Case:
    case = referral_driver.transfer(internal=name != "record_receipt")
    if source in (S.SENT, S.OBJECTED):
        referral_driver.act(case, "send")
    if source == S.OBJECTED:
        referral_driver.act(case, "object")
    return case


@pytest.mark.parametrize(("name", "source"), ALLOWED, ids=[f"{n}-from-{s}" for n, s in ALLOWED])
def test_transition_from_each_allowed_state(referral_driver, name, source):
    case = _bring(referral_driver, name, source)
    referral_driver.act(case, name)
    assert _state(case) == EXPECTED[name]


@pytest.mark.parametrize("name", sorted(set(TRANSFER_ACTIONS) - {"send", "abandon"}))
def test_refused_before_sending(referral_driver, personas, name):
    case = referral_driver.transfer()
    with pytest.raises((TransitionNotAllowed, OutOfScope)):
        referral_driver.act(case, name, actor=personas.officer if name == "designate" else None)
    assert _state(case) == S.PREPARING


def test_the_common_superior(offices):
    assert common_superior(offices.nanning, offices.liuzhou) == offices.guangxi
    assert common_superior(offices.qingxiu, offices.liuzhou) == offices.guangxi
    # One office above the other: there is no office above both, and the higher one
    # decides (it is the superior of the other).
    assert common_superior(offices.guangxi, offices.liuzhou) == offices.guangxi
    assert common_superior(offices.qingxiu, offices.guangxi) == offices.guangxi


def test_the_receiving_office_sees_the_transfer_only_once_sent(referral_driver, personas):
    transfer = referral_driver.transfer()
    lz = personas.outsider
    assert not cases_for(lz).filter(pk=transfer.pk).exists()
    with pytest.raises(OutOfScope):
        referral_driver.act(transfer, "accept")
    referral_driver.act(transfer, "send")
    assert cases_for(lz).filter(pk=transfer.pk).exists()
    assert not cases_for(lz).filter(pk=transfer.origin_id).exists()
    assert not cases_for(personas.county_officer).filter(pk=transfer.pk).exists()


def test_the_transfer_page_links_its_origin_only_for_whoever_may_open_it(referral_driver,
                                                                        personas, client):
    transfer = referral_driver.transfer()
    referral_driver.act(transfer, "send")
    origin = Case.objects.get(pk=transfer.origin_id)
    link = f'<a href="/cases/{origin.pk}/">{origin.number}</a>'
    client.force_login(personas.officer)
    assert link in client.get(f"/cases/{transfer.pk}/").content.decode()
    client.force_login(personas.outsider)
    page = client.get(f"/cases/{transfer.pk}/").content.decode()
    assert origin.number in page and link not in page
    assert client.get(f"/cases/{origin.pk}/").status_code == 404


def test_accepted_the_case_becomes_the_receiving_offices_with_its_history(referral_driver, personas,
                                                                          offices):
    transfer = referral_driver.transfer()
    origin = transfer.origin
    referral_driver.act(transfer, "send")
    with pytest.raises(PermissionDenied):
        referral_driver.act(transfer, "accept", actor=personas.officer)  # the sender cannot accept
    referral_driver.act(transfer, "accept")
    origin.refresh_from_db()
    assert origin.office == offices.liuzhou and origin.state == "received"
    names = list(origin.events.values_list("name", flat=True))
    assert names[0] == "create" and names[-1] == "transferred_in"
    lz, nn = personas.outsider, personas.officer
    assert cases_for(lz).filter(pk=origin.pk).exists()
    assert not cases_for(nn).filter(pk=origin.pk).exists()
    # The sending office keeps its transfer case, and reads the outcome there.
    flow = TransferCase.objects.get(pk=cases_for(nn).get(pk=transfer.pk).pk)
    assert (flow.state, flow.handled_by) == (S.ACCEPTED, offices.liuzhou)
    # The receiving office now triages the matter.
    referral_driver.act(origin, "not_accept", actor=lz)
    assert _state(origin) == "decided"


def test_a_case_received_by_transfer_is_not_passed_on_again(referral_driver, personas, offices):
    transfer = referral_driver.transfer()
    referral_driver.act(transfer, "send")
    referral_driver.act(transfer, "accept")
    origin = transfer.origin
    with pytest.raises(TransitionNotAllowed, match="不得再行移交"):
        referral_driver.act(origin, "transfer_matter", actor=personas.outsider,
                            target_office=offices.qingxiu.pk, target_authority="")
    with pytest.raises(TransitionNotAllowed, match="不得再行移交"):
        referral_driver.act(origin, "transfer_matter", actor=personas.outsider)
    assert _state(origin) == "received"


def test_an_objection_goes_to_the_common_superior_which_designates(referral_driver, personas,
                                                                   offices):
    transfer = referral_driver.transfer()
    referral_driver.act(transfer, "send")
    referral_driver.act(transfer, "object")
    with pytest.raises(PermissionDenied):
        # 南宁's head is not above 柳州
        referral_driver.act(transfer, "designate", actor=personas.head)
    with pytest.raises(ValidationError):
        referral_driver.act(transfer, "designate", reason="")
    referral_driver.act(transfer, "designate")
    origin = Case.objects.get(pk=transfer.origin_id)
    assert origin.office == offices.liuzhou
    flow = TransferCase.objects.get(pk=transfer.pk)
    assert (flow.designated_office, flow.decided_by) == (offices.liuzhou,
                                                         referral_driver.superior_head)
    with pytest.raises(TransitionNotAllowed):
        referral_driver.act(transfer, "object")


def test_the_superior_may_designate_the_sending_office(referral_driver, offices):
    transfer = referral_driver.transfer()
    referral_driver.act(transfer, "send")
    referral_driver.act(transfer, "object")
    referral_driver.act(transfer, "designate", office=offices.nanning.pk)
    assert Case.objects.get(pk=transfer.origin_id).office == offices.nanning


def test_an_objection_to_a_transfer_to_the_region_office_can_be_decided(referral_driver, personas,
                                                                        offices):
    """南宁 transfers to the region office, which objects: there is no office above both,
    so the region office's head designates (before, nobody could: the transfer stayed
    objected for ever)."""
    region_officer = UserFactory(username="gx_officer", name="韦强", office=offices.guangxi,
                                 roles=[Role.OFFICER])
    transfer = referral_driver.transfer(target=offices.guangxi)
    referral_driver.act(transfer, "send")
    referral_driver.act(transfer, "object", actor=region_officer)
    with pytest.raises(PermissionDenied):
        referral_driver.act(transfer, "designate", actor=personas.head)  # 南宁's head: the sender
    referral_driver.act(transfer, "designate", office=offices.nanning.pk)
    assert _state(transfer) == S.DESIGNATED
    assert Case.objects.get(pk=transfer.origin_id).office == offices.nanning


def test_while_a_transfer_is_under_way_the_matter_is_not_triaged(referral_driver):
    transfer = referral_driver.transfer()
    origin = transfer.origin
    with pytest.raises(TransitionNotAllowed, match="正在办理中"):
        referral_driver.act(origin, "not_accept")
    with pytest.raises(TransitionNotAllowed, match="正在办理中"):
        referral_driver.act(origin, "transfer_matter")


def test_an_outside_transfer_has_a_receipt_and_no_acceptance(referral_driver, personas):
    transfer = referral_driver.transfer(internal=False)
    referral_driver.act(transfer, "send")
    with pytest.raises((TransitionNotAllowed, OutOfScope)):
        referral_driver.act(transfer, "accept")
    referral_driver.act(transfer, "record_receipt")
    flow = TransferCase.objects.get(pk=transfer.pk)
    assert (flow.state, flow.receipt_signed_by) == (S.RECEIPTED, "收件人")
    assert Case.objects.get(pk=transfer.pk).closed_on == START.date()


def test_an_accepted_case_takes_a_number_of_the_receiving_office(referral_driver, offices):
    transfer = referral_driver.transfer(internal=True)
    origin = Case.objects.get(pk=transfer.origin_id)
    old_number = origin.number
    referral_driver.act(transfer, "send")
    referral_driver.act(transfer, "accept")
    origin.refresh_from_db()
    assert origin.office == offices.liuzhou and origin.number != old_number
    event = origin.events.get(name="transferred_in")
    assert event.payload["previous_number"] == old_number
    # The receiving office's own next case does not collide with it.
    referral_driver.complaint(office=offices.liuzhou, actor=referral_driver.p.outsider)


def _waits_for(user, case: Case) -> bool:
    return any(case.pk in pks for pks in waiting_keys(user).values())


def test_a_sent_transfer_waits_only_for_those_who_may_accept_it(referral_driver, personas, offices):
    """The receiving office's officers and head have it in 我的待办; its mediator, legal
    staff and administrator, who may not accept it, do not (they used to, with nothing
    to do on its page)."""
    transfer = referral_driver.transfer()
    referral_driver.act(transfer, "send")
    lz = {role: UserFactory(username=f"lz_{role}", office=offices.liuzhou, roles=[role])
          for role in (Role.HEAD, Role.MEDIATOR, Role.LEGAL, Role.ADMIN)}
    assert _waits_for(personas.outsider, transfer)
    assert _waits_for(lz[Role.HEAD], transfer)
    for role in (Role.MEDIATOR, Role.LEGAL, Role.ADMIN):
        assert cases_for(lz[role]).filter(pk=transfer.pk).exists()  # they still see it
        assert not _waits_for(lz[role], transfer), role


def test_an_objection_waits_only_for_the_head_who_designates(referral_driver, personas, offices):
    transfer = referral_driver.transfer()
    referral_driver.act(transfer, "send")
    referral_driver.act(transfer, "object")
    lz_head = UserFactory(username="lz_head", office=offices.liuzhou, roles=[Role.HEAD])
    assert _waits_for(referral_driver.superior_head, transfer)
    for head in (personas.head, lz_head):  # the two offices' heads see it, cannot designate
        assert cases_for(head).filter(pk=transfer.pk).exists()
        assert not _waits_for(head, transfer)
    referral_driver.act(transfer, "designate")
    assert not _waits_for(referral_driver.superior_head, transfer)
