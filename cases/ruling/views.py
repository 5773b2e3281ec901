"""New request (请求书登记): the form, party and patent search boxes, inline creation,
and the jurisdiction and duplicate checks shown before saving."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from cases import workflows
from cases.models import AuditAction, Party, Role, StagedUpload, User
from cases.models.rights import PATENT_KINDS
from cases.ruling.intake import file_ruling_request
from cases.ruling.intake_forms import IntakeForm, NewPartyForm, NewRightForm
from cases.selectors.intake import find_duplicate, jurisdiction_check, standing_warnings
from cases.selectors.parties import already_registered, parties_for, rights_for
from cases.services import audit, staging
from cases.services.evidence import attach_evidence
from cases.services.parties import create_ip_right, create_party
from cases.validators import parse_id

SIDES = ("requesters", "respondents")


def _intake_user(request: HttpRequest) -> User:
    user: User = request.user  # type: ignore[assignment]
    if user.office is None or not user.has_role(Role.OFFICER, Role.HEAD):
        raise PermissionDenied(_("Only an enforcement officer can register a request."))
    return user


def _side(request: HttpRequest) -> str:
    side = request.GET.get("side") or request.POST.get("side") or ""
    return side if side in SIDES else "requesters"


def _apply_errors(form: Any, exc: ValidationError) -> None:
    if hasattr(exc, "error_dict"):
        for field, errors in exc.message_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, exc.messages)


@login_required
def intake(request: HttpRequest) -> HttpResponse:
    user = _intake_user(request)
    form = IntakeForm(request.POST or None, request.FILES or None, user=user)
    status = 200
    kept: list[StagedUpload] = []
    if request.method == "POST":
        staging.purge_staged()
        # Files kept from an earlier, refused attempt (the user's own, under a day old).
        kept = staging.staged_of(user, request.POST.getlist("staged"))
        if form.is_valid():
            try:
                with transaction.atomic():
                    case = file_ruling_request(actor=user, request=form.to_request())
                    files = [*staging.as_files(kept), *(form.cleaned_data.get("evidence") or [])]
                    attach_evidence(case_id=case.pk, actor=user, files=files)
            except ValidationError as exc:
                _apply_errors(form, exc)
            else:
                staging.discard(kept)
                messages.success(request, _("Request registered as case %(number)s.")
                                 % {"number": case.number})
                return redirect("case-detail", pk=case.pk)
        # Keep the files that passed their checks, so they need not be chosen again.
        evidence = form.cleaned_data.get("evidence") if hasattr(form, "cleaned_data") else None
        if evidence:
            kept += staging.stage(user, evidence)
        status = 400
    chosen = {name: form.chosen(name) for name in (*SIDES, "rights")}
    return render(request, "cases/intake.html", {
        "form": form, "chosen": chosen, "staged": kept,
        "sides": [("requesters", _("Requesters"), chosen["requesters"], form["requester_agent"]),
                  ("respondents", _("Respondents"), chosen["respondents"],
                   form["respondent_agent"])],
        "party_form": NewPartyForm(prefix="np"), "right_form": NewRightForm(prefix="nr"),
    }, status=status)


@login_required
def intake_party_search(request: HttpRequest) -> HttpResponse:
    user = _intake_user(request)
    text = (request.GET.get("q") or "").strip()
    results = list(parties_for(user, text)[:10]) if text else []
    if results:
        # Names with identifiers: read as through the API's party list, so logged as it is.
        audit.record(request, AuditAction.PARTY_DATA_READ,
                     detail=f"intake search {text} ({len(results)})")
    return render(request, "cases/partials/party_results.html",
                  {"results": results, "side": _side(request), "q": text})


@login_required
def intake_party_chip(request: HttpRequest) -> HttpResponse:
    user = _intake_user(request)
    pk = parse_id(request.GET.get("id"))
    if pk is None:
        return HttpResponse(_("Give the id of a party."), status=400)
    party = parties_for(user).filter(pk=pk).first()
    if party is None:
        return HttpResponse(status=404)
    audit.record(request, AuditAction.PARTY_DATA_READ, obj=party, detail=f"intake {party.name}")
    return render(request, "cases/partials/party_chip.html",
                  {"party": party, "side": _side(request)})


@login_required
@require_POST
def intake_new_party(request: HttpRequest) -> HttpResponse:
    user = _intake_user(request)
    side = _side(request)
    form = NewPartyForm(request.POST, prefix="np")
    existing: list[Party] = []
    if form.is_valid():
        fields = {k: v for k, v in form.cleaned_data.items() if v not in (None, "")}
        existing = already_registered(user, name=fields.get("name", ""),
                                      id_number=fields.get("id_number", ""))
        same_id = any(p.id_number and p.id_number == str(fields.get("id_number", "")).strip()
                      .upper() for p in existing)
        if existing and (same_id or request.POST.get("np-register_anyway") != "1"):
            # The registered parties are shown by the name or identifier typed: a lookup.
            audit.record(request, AuditAction.PARTY_DATA_READ,
                         detail=f"intake already registered ({len(existing)}): "
                                + ", ".join(str(p.pk) for p in existing))
            # Use the registered party with one click rather than register it twice.
            response = render(request, "cases/partials/new_party_form.html",
                              {"party_form": form, "side": side, "existing": existing,
                               "same_id": same_id}, status=409)
            response["HX-Retarget"] = "#new-party-box"
            response["HX-Reswap"] = "innerHTML"
            return response
        try:
            party = create_party(actor=user, office=user.office, **fields)  # type: ignore[arg-type]
        except ValidationError as exc:
            _apply_errors(form, exc)
        else:
            response = render(request, "cases/partials/party_chip.html",
                              {"party": party, "side": side, "created": True})
            response["HX-Trigger"] = "ipc:party-created"
            return response
    response = render(request, "cases/partials/new_party_form.html",
                      {"party_form": form, "side": side}, status=400)
    response["HX-Retarget"] = "#new-party-box"
    response["HX-Reswap"] = "innerHTML"
    return response


@login_required
def intake_right_search(request: HttpRequest) -> HttpResponse:
    user = _intake_user(request)
    text = (request.GET.get("q") or "").strip()
    results = (list(rights_for(user, text).filter(kind__in=list(PATENT_KINDS))[:10])
               if text else [])
    return render(request, "cases/partials/right_results.html", {"results": results, "q": text})


@login_required
def intake_right_chip(request: HttpRequest) -> HttpResponse:
    user = _intake_user(request)
    pk = parse_id(request.GET.get("id"))
    if pk is None:
        return HttpResponse(_("Give the id of a patent."), status=400)
    right = rights_for(user).filter(pk=pk).first()
    if right is None:
        return HttpResponse(status=404)
    return render(request, "cases/partials/right_chip.html", {"right": right})


@login_required
@require_POST
def intake_new_right(request: HttpRequest) -> HttpResponse:
    user = _intake_user(request)
    form = NewRightForm(request.POST, prefix="nr")
    if form.is_valid():
        fields = {k: v for k, v in form.cleaned_data.items() if v not in (None, "")}
        try:
            right = create_ip_right(actor=user, office=user.office, **fields)  # type: ignore[arg-type]
        except ValidationError as exc:
            _apply_errors(form, exc)
        else:
            return render(request, "cases/partials/right_chip.html",
                          {"right": right, "created": True})
    response = render(request, "cases/partials/new_right_form.html", {"right_form": form},
                      status=400)
    response["HX-Retarget"] = "#new-right-box"
    response["HX-Reswap"] = "innerHTML"
    return response


@login_required
@require_POST
def intake_checks(request: HttpRequest) -> HttpResponse:
    """Jurisdiction and duplicate checks on what the form holds so far (before saving)."""
    user = _intake_user(request)
    visible = parties_for(user)

    def ids(name: str) -> list[int]:
        # Not str.isdigit: "²" passes it and int() refuses it; a number beyond a 64-bit
        # key is an OverflowError in the database's IN (a 500). Ignored, as any bad id.
        return [i for i in map(parse_id, request.POST.getlist(name)) if i is not None]

    def chosen(name: str) -> list[Party]:
        party_ids = ids(name)
        return list(visible.filter(pk__in=party_ids)) if party_ids else []

    requesters, respondents = chosen("requesters"), chosen("respondents")
    right_ids = ids("rights")
    rights = list(rights_for(user).filter(pk__in=right_ids)) if right_ids else []
    region = (request.POST.get("infringement_region_code") or "").strip()
    jurisdiction = None
    if respondents or region:
        jurisdiction = jurisdiction_check(user.office, respondents, region)  # type: ignore[arg-type]
    duplicate = find_duplicate(actor=user, requesters=requesters, respondents=respondents,
                               rights=rights)
    # Checks other apps add (e.g. a respondent who is a repeat infringer).
    extra = [html for check in workflows.intake_checks()
             if (html := check(user, respondents)) is not None]
    return render(request, "cases/partials/intake_checks.html",
                  {"jurisdiction": jurisdiction, "duplicate": duplicate,
                   "standing": standing_warnings(requesters, rights),
                   "complete": bool(requesters and respondents and rights), "extra": extra})
