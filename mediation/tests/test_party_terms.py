"""One name for each side of a mediation (decision 102): 请求人 and 被请求人, as the case
header, the clocks and the documents call them, in the states, actions, forms and session
records too, never 申请人/被申请人 beside them."""

from __future__ import annotations

import re
from typing import Any

from django import forms
from django.db import models
from django.test import Client
from django.utils import translation

from cases import workflows
from documents.context import DOCUMENT_TITLES
from mediation.documents import TITLES
from mediation.models import Agreement, MediationCase, MediationSession
from mediation.models.mediation import DeclineReason, MediationOutcome, MediationState
from mediation.tests.driver import MediationDriver

# 申请人民法院… (apply to the people's court) is a verb and a court, not a party.
APPLICANT = re.compile(r"申请人(?!民法院)|调解申请")


def _texts() -> list[str]:
    spec = workflows.get("mediation")
    texts: list[Any] = [label for choices in (MediationState, MediationOutcome, DeclineReason)
                        for label in choices.labels]
    for action in spec.actions.values():
        texts.append(action.label)
        if action.form is not None and issubclass(action.form, forms.Form):
            for field in action.form.base_fields.values():
                texts += [field.label or "", field.help_text or ""]
    for model in (MediationCase, MediationSession, Agreement):
        texts += [f.verbose_name for f in model._meta.get_fields()
                  if isinstance(f, models.Field)]
    return [str(text) for text in texts]


def test_no_label_of_mediation_names_the_parties_applicants() -> None:
    with translation.override("zh-hans"):
        texts = _texts()
    assert "请求人意见" in texts and "待被请求人答复" in texts
    assert [t for t in texts if APPLICANT.search(t)] == []
    assert DOCUMENT_TITLES["mediation_request_notice"] == "调解请求通知书"
    assert TITLES["mediation_request_notice"] == "调解请求通知书"


def test_the_case_page_and_timeline_name_the_parties_as_the_header_does(
        mediation_driver: MediationDriver, personas: Any) -> None:
    client = Client()
    client.force_login(personas.mediator)
    for state in ("awaiting_response", "performing"):
        case = mediation_driver.to_state(state)
        for url in (f"/cases/{case.pk}/", f"/cases/{case.pk}/timeline/"):
            page = client.get(url, HTTP_ACCEPT_LANGUAGE="zh-hans").content.decode()
            assert "被请求人" in page, url
            assert APPLICANT.findall(page) == [], url
