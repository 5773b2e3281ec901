from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from cases import workflows
from cases.models import Office, User
from cases.selectors.scope import visible_offices
from stats.selectors import whole_months

DATE_INPUT = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
# A longer period would make the month-by-month trend unreadable; a report covers a year
# or less, and a comparison is several reports.
MAX_DAYS = 3 * 366


class StatisticsForm(forms.Form):
    office = forms.ModelChoiceField(label=_("Office"), queryset=Office.objects.none(),
                                    required=False, empty_label=None)
    start = forms.DateField(label=_("From"), required=False, widget=DATE_INPUT)
    end = forms.DateField(label=_("To"), required=False, widget=DATE_INPUT)
    workflow = forms.ChoiceField(label=_("Workflow"), required=False, choices=[])

    def __init__(self, *args: Any, user: User, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        offices = visible_offices(user)
        self.fields["office"].queryset = offices  # type: ignore[attr-defined]
        self.fields["workflow"].choices = [  # type: ignore[attr-defined]
            ("", _("All workflows")),
            *((spec.name, spec.label) for spec in workflows.all_workflows())]
        self.default_office = (user.office if user.office_id else
                               offices.filter(parent__isnull=True).first())

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        today = timezone.localdate()
        data["start"] = data.get("start") or date(today.year, 1, 1)
        # The summary is kept by month: a report covers whole months (this month's end
        # by default, which counts up to today).
        data["end"] = data.get("end") or (today.replace(day=28) + timedelta(days=4)
                                          ).replace(day=1) - timedelta(days=1)
        data["office"] = data.get("office") or self.default_office
        if data["start"] > data["end"]:
            self.add_error("end", _("The end date is before the start date."))
        elif (data["end"] - data["start"]).days > MAX_DAYS:
            self.add_error("end", _("A report covers at most three years."))
        elif not whole_months(data["start"], data["end"]):
            self.add_error("start", _("Statistics are kept by month: the period runs from "
                                      "the first day of a month to the last day of one."))
        if data["office"] is None:
            self.add_error("office", _("You have no office whose statistics you may see."))
        data["workflow"] = data.get("workflow") or None
        return data


class RepeatFilterForm(forms.Form):
    q = forms.CharField(label=_("Name or identifier"), required=False, max_length=100)
    effective = forms.BooleanField(label=_("Effective rulings only"), required=False)
