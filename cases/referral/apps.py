from __future__ import annotations

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ReferralConfig(AppConfig):
    """Referral (案件移送): suspected crimes to public security, transfers between
    authorities both ways, and the criminal thresholds that flag a case for referral."""

    name = "cases.referral"
    label = "referral"
    verbose_name = _("Referrals")

    def seed_defaults(self) -> str:
        """Called by ``manage.py seed_defaults``: the default criminal thresholds."""
        from cases.referral.seeds import seed_threshold_rules

        return _("new criminal thresholds: %(n)d") % {"n": seed_threshold_rules()}

    def ready(self) -> None:
        from cases import workflows
        from cases.referral.selectors import flagged_not_referred
        from cases.referral.services import check_finishing, on_transfer_decided
        from cases.referral.thresholds import judge_records
        from cases.referral.views import (
            figures_panel,
            related_panel,
            threshold_panel,
            unjudged_panel,
        )
        from cases.referral.workflow import EVENT_LABELS, REFERRAL_WORKFLOW, TRANSFER_WORKFLOW

        workflows.register(REFERRAL_WORKFLOW)
        workflows.register(TRANSFER_WORKFLOW)
        workflows.on_transition(on_transfer_decided)
        workflows.register_finish_check(check_finishing)
        workflows.register_figures_judge(judge_records)
        workflows.register_event_labels(EVENT_LABELS)
        workflows.register_panel(workflows.Panel(
            name="threshold", title=_("Suspected crime: to be referred"),
            icon="bi-exclamation-octagon", order=5, render=threshold_panel))
        workflows.register_marker(workflows.Marker(
            name="suspected_crime", label=_("Suspected crime: to be referred"), tone="danger",
            condition=flagged_not_referred))
        workflows.register_panel(workflows.Panel(
            name="threshold_unjudged", title=_("Figures not judged: no threshold in force"),
            icon="bi-question-octagon", order=5, render=unjudged_panel))
        workflows.register_panel(workflows.Panel(
            name="figures", title=_("Figures judged against the criminal thresholds"),
            icon="bi-calculator", order=6, render=figures_panel))
        workflows.register_panel(workflows.Panel(
            name="related_cases", title=_("Related cases"), icon="bi-link-45deg", order=8,
            render=related_panel))
