"""The actions of mediation (Workflow B) and judicial confirmation (Workflow C): label,
form and the writes the runner makes around each transition. The kernel's runner
(:mod:`cases.services.runner`) runs them; they are registered in
:mod:`mediation.workflow`.

Sessions, the agreement, its terms and signatures are rows of their own: an action's
``apply_form`` writes them in the transition's transaction, after the input is validated
and before the guards, so the timeline records each with its actor and bad input changes
nothing.
"""

from __future__ import annotations

from django.db.models import Max
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from cases.errors import TransitionNotAllowed
from cases.models import DocumentKind
from cases.services.numbering import NumberPrefixMissing, allocate_sequence, prefix_for
from cases.workflows import Action
from mediation import forms as f
from mediation.models import Agreement, AgreementTerm, MediationCase


def _schedule_session(flow: MediationCase, form: f.ScheduleSessionForm) -> None:
    session = form.session()
    session.full_clean()
    session.save()


def _record_session(flow: MediationCase, form: f.RecordSessionForm) -> None:
    form.apply()


def _agreement(flow: MediationCase) -> Agreement:
    agreement = getattr(flow, "agreement", None)
    if agreement is None:
        raise TransitionNotAllowed(gettext("Draft the agreement (facts and issues) first."))
    return agreement


def _require_agreement(flow: MediationCase) -> None:
    _agreement(flow)


def _void_signatures(agreement: Agreement) -> None:
    """The wording changed: what was signed is no longer this text."""
    agreement.signatures.all().delete()
    agreement.mediator_signed_on = None
    agreement.save(update_fields=["mediator_signed_on"])


def _draft_agreement(flow: MediationCase, form: f.DraftAgreementForm) -> None:
    agreement, _created = Agreement.objects.get_or_create(
        mediation=flow, defaults={"facts": form.cleaned_data["facts"],
                                  "issues": form.cleaned_data["issues"]})
    for name in ("facts", "issues", "other_terms"):
        setattr(agreement, name, form.cleaned_data[name])
    agreement.full_clean()
    agreement.save()
    _void_signatures(agreement)


def _add_term(flow: MediationCase, form: f.AddTermForm) -> None:
    agreement = _agreement(flow)
    n = (agreement.terms.aggregate(n=Max("n"))["n"] or 0) + 1
    term = AgreementTerm(agreement=agreement, n=n, kind=form.cleaned_data["kind"],
                         obligor=form.cleaned_data["obligor"],
                         description=form.cleaned_data["description"],
                         amount=form.cleaned_data.get("amount"),
                         due_on=form.cleaned_data["due_on"])
    term.full_clean()
    term.save()
    _void_signatures(agreement)


def _remove_term(flow: MediationCase, form: f.RemoveTermForm) -> None:
    agreement = _agreement(flow)
    removed = form.cleaned_data["term"]
    removed.delete()
    for n, term in enumerate(agreement.terms.order_by("n"), start=1):
        if term.n != n:
            AgreementTerm.objects.filter(pk=term.pk).update(n=n)
    _void_signatures(agreement)


def _record_signature(flow: MediationCase, form: f.RecordSignatureForm) -> None:
    agreement = _agreement(flow)
    agreement.signatures.update_or_create(
        party=form.cleaned_data["party"],
        defaults={"signatory": form.cleaned_data["signatory"],
                  "signed_on": form.cleaned_data["signed_on"], "recorded_by": form.actor})


def _sign_agreement(flow: MediationCase, form: f.SignAgreementForm) -> None:
    agreement = _agreement(flow)
    agreement.mediator_signed_on = form.cleaned_data["signed_on"]
    agreement.save(update_fields=["mediator_signed_on"])


def _require_complete_agreement(flow: MediationCase) -> None:
    """Say exactly what is still missing (409) rather than a general refusal."""
    problems = []
    if not flow.sessions.filter(held_at__isnull=False).exists():
        problems.append(gettext("No mediation session has been recorded."))
    agreement = getattr(flow, "agreement", None)
    if agreement is None:
        problems.append(gettext("The agreement has not been drafted."))
    else:
        problems += agreement.problems()
    if problems:
        raise TransitionNotAllowed(" ".join(problems))


def _conclude_agreement(flow: MediationCase, form: f.AgreeForm) -> None:
    """The agreement takes effect and gets its number (调解协议书编号)."""
    agreement = _agreement(flow)
    case = flow.case
    on = form.cleaned_data["on"]
    kind = DocumentKind.MEDIATION_AGREEMENT
    sequence = allocate_sequence(office=case.office, kind=kind, year=on.year)
    try:
        agreement.number = prefix_for(case.office, kind).format_number(on.year, sequence)
    except NumberPrefixMissing:
        # Like case numbers: an office without a configured code still gets unique ones.
        code = f"{case.office.short_name or case.office.name}调协字"
        agreement.number = f"{code}〔{on.year}〕{sequence}号"
    agreement.effective_on = on
    agreement.save(update_fields=["number", "effective_on"])


def _record_performance(flow: MediationCase, form: f.RecordPerformanceForm) -> None:
    form.apply()


MEDIATION_ACTIONS: dict[str, Action] = {
    spec.name: spec
    for spec in (
        Action("serve_request", _("Serve the request on the respondent"), f.ServeRequestForm,
               guard_message=_("Assign a mediator first.")),
        Action("accept_mediation", _("Record the respondent's agreement to mediate"), f.AcceptForm),
        Action("decline", _("Record that mediation does not take place"), f.DeclineForm,
               secondary=True),
        Action("schedule_session", _("Schedule a mediation session"), f.ScheduleSessionForm,
               apply_form=_schedule_session),
        Action("record_session", _("Record a session (minutes)"), f.RecordSessionForm,
               apply_form=_record_session),
        Action("draft_agreement", _("Draft the agreement"), f.DraftAgreementForm,
               apply_form=_draft_agreement),
        Action("add_term", _("Add an agreed term"), f.AddTermForm, precheck=_require_agreement,
               apply_form=_add_term),
        Action("remove_term", _("Remove a term"), f.RemoveTermForm,
               precheck=_require_agreement, apply_form=_remove_term, secondary=True),
        Action("record_signature", _("Record a party's signature"), f.RecordSignatureForm,
               precheck=_require_agreement, apply_form=_record_signature),
        Action("sign_agreement", _("Sign the agreement as mediator"), f.SignAgreementForm,
               precheck=_require_agreement, apply_form=_sign_agreement),
        Action("agree", _("Conclude the agreement"), f.AgreeForm,
               precheck=_require_complete_agreement, apply_form=_conclude_agreement),
        Action("fail", _("Mediation failed"), f.EndForm, secondary=True),
        Action("extend_mediation", _("Extend the mediation time limit"),
               f.ExtendTimeLimitForm, secondary=True,
               guard_message=_("The mediation time limit has already been extended once.")),
        Action("withdraw_request", _("Record withdrawal"), f.EndForm, secondary=True),
        Action("begin_performance", _("Follow the performance"), f.PlainForm),
        Action("record_performance", _("Record a performance"), f.RecordPerformanceForm,
               apply_form=_record_performance),
        Action("record_performed", _("Close: agreement performed"), f.RecordPerformedForm,
               guard_message=_("Not every term has been performed yet.")),
        Action("record_breach", _("Record a breach"), f.RecordBreachForm, secondary=True,
               guard_message=_("No term is overdue.")),
    )
}


CONFIRMATION_ACTIONS: dict[str, Action] = {
    spec.name: spec
    for spec in (
        Action("check_materials", _("Check the materials"), f.CheckMaterialsForm),
        Action("file_application", _("Record the joint application"), f.FileForm,
               guard_message=_("Every item of the materials checklist must be ready.")),
        Action("record_acceptance", _("Record the court's acceptance"),
               f.CourtAcceptanceForm),
        Action("record_not_accepted", _("Record that the court did not accept"),
               f.CourtDecisionForm, secondary=True),
        Action("record_confirmation", _("Record the court's confirmation"), f.ConfirmedForm),
        Action("record_rejection", _("Record the court's refusal"), f.CourtDecisionForm,
               secondary=True),
        Action("apply_for_enforcement", _("Record an application for enforcement"),
               f.ApplyEnforcementForm),
        Action("withdraw_application", _("Withdraw the application"), f.WithdrawApplicationForm,
               secondary=True),
    )
}
