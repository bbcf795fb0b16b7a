"""The assessment form, built from the rule table in force: one section per dimension, one row of large
answer buttons per item, the findings, and the live preview of the grades and the level."""

import datetime
from collections.abc import Mapping
from dataclasses import dataclass

from django import forms
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from minzheng.eldercare.assessment.rules import Dimension, RuleTable
from minzheng.eldercare.assessment.scoring import assess
from minzheng.eldercare.choices import AssessmentReason
from minzheng.eldercare.models import AssessmentRuleTable
from minzheng.framework.forms import restrict_form_fields, use_lazy_pickers
from minzheng.registry.models import Person

__all__ = ["ITEM_PREFIX", "AssessmentForm", "Preview", "assessment_date", "preview"]

ITEM_PREFIX = "item_"
DATE_FORMAT = "%Y-%m-%d"


def assessment_date(data: Mapping) -> datetime.date:
    """The assessment date typed (an ISO date), else today: it decides which rule table the form follows."""
    try:
        return datetime.date.fromisoformat(str(data.get("assessed_on", "")))
    except ValueError:
        return timezone.localdate()


def _hint(dimension: Dimension) -> str:
    return gettext("Higher scores are better.") if dimension.higher_is_better else gettext("0 is the best score.")


class AssessmentForm(forms.Form):
    """The header (person, date, reason, assessing body), an answer per item of ``table`` and its findings."""

    def __init__(self, *args, user, table: AssessmentRuleTable, **kwargs):
        super().__init__(*args, **kwargs)
        self.user, self.table = user, table
        self.fields["person"] = forms.ModelChoiceField(Person.objects.all(), label=_("Person assessed"))
        self.fields["assessed_on"] = forms.DateField(
            label=_("Assessed on"), initial=timezone.localdate,
            widget=forms.DateInput(attrs={"type": "date"}, format=DATE_FORMAT))
        self.fields["reason"] = forms.ChoiceField(label=_("Reason"), choices=AssessmentReason.choices,
                                                  initial=AssessmentReason.INITIAL,
                                                  widget=forms.RadioSelect(attrs={"class": "choice"}))
        self.fields["organisation"] = forms.CharField(label=_("Assessing body"), max_length=200, required=False)
        for dimension in table.rules.dimensions:
            for item in dimension.items:
                self.fields[ITEM_PREFIX + item.code] = forms.TypedChoiceField(
                    label=item.name, coerce=int, choices=[(score, score) for score in dimension.worst_first(item)],
                    widget=forms.RadioSelect(attrs={"class": "score"}),
                    error_messages={"required": _("Choose a score.")})
        self.fields["findings"] = forms.MultipleChoiceField(
            label=_("Diagnoses and risk events"), required=False,
            widget=forms.CheckboxSelectMultiple(attrs={"class": "choice"}),
            choices=[(adjustment.code, adjustment.name) for adjustment in table.rules.adjustments],
            help_text=_("Each one that applies may raise the level (see the rule table)."))
        self.fields["remarks"] = forms.CharField(label=_("Remarks"), required=False,
                                                 widget=forms.Textarea(attrs={"rows": 2}))
        restrict_form_fields(self, user)
        use_lazy_pickers(self)

    def sections(self) -> list[dict]:
        """One section per dimension: its name, a hint on the scale, and its items' bound fields."""
        return [{"code": dimension.code, "name": dimension.name, "hint": _hint(dimension),
                 "fields": [self[ITEM_PREFIX + item.code] for item in dimension.items]}
                for dimension in self.table.rules.dimensions]

    def answers(self) -> dict[str, int]:
        return {code: self.cleaned_data[ITEM_PREFIX + code] for code in self.table.rules.items}

    def add_answer_errors(self, errors: Mapping[str, list]) -> None:
        """Put the scoring's errors (keyed by item code, or ``adjustments``) on the fields they concern."""
        for key, messages in errors.items():
            name = ITEM_PREFIX + key if ITEM_PREFIX + key in self.fields else ("findings" if key == "adjustments"
                                                                                else None)
            for message in messages:
                self.add_error(name, message)


@dataclass(frozen=True)
class DimensionPreview:
    code: str
    name: str
    answered: int
    items: int
    total: int
    grade: int | None
    grade_name: str


@dataclass(frozen=True)
class Preview:
    """What the answers given so far show: each dimension's total and (once complete) grade, and the level once
    every item is answered."""

    dimensions: list[DimensionPreview]
    answered: int
    items: int
    level: int | None
    level_name: str
    preliminary_name: str


def _score(value, allowed) -> int | None:
    try:
        score = int(value)
    except (TypeError, ValueError):
        return None
    return score if score in allowed else None


def preview(table: RuleTable, data: Mapping, findings=()) -> Preview:
    """The preview of the (possibly incomplete) answers in ``data`` (the form's raw input)."""
    answers = {}
    for code, item in table.items.items():
        score = _score(data.get(ITEM_PREFIX + code), item.scores)
        if score is not None:
            answers[code] = score
    dimensions = []
    for dimension in table.dimensions:
        answered = [item.code for item in dimension.items if item.code in answers]
        grade = dimension.grade(answers) if len(answered) == len(dimension.items) else None
        dimensions.append(DimensionPreview(dimension.code, dimension.name, len(answered), len(dimension.items),
                                           sum(answers[code] for code in answered), grade,
                                           table.grades[grade] if grade is not None else ""))
    level, level_name, preliminary_name = None, "", ""
    if len(answers) == len(table.items):
        result = assess(table, answers, [code for code in findings if table.adjustment(code) is not None])
        level, level_name = result.level, result.level_name
        preliminary_name = table.levels[result.preliminary_level]
    return Preview(dimensions, len(answers), len(table.items), level, level_name, preliminary_name)
