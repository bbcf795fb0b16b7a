"""Ability assessments: scoring with the rule table in force, the second assessor's confirmation, a change of
condition, and cancelling; and what other apps read (the assessment in force for a person on a date).

Scoring is ``assessment.scoring.assess`` over the table stored in ``AssessmentRuleTable``; nothing of a
standard is written here. Event payloads carry the level and the table, never the answers or findings.
"""

import datetime
from collections.abc import Collection, Mapping

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from minzheng.audit.services import record_event
from minzheng.eldercare.assessment.scoring import AssessmentResult, assess, next_reassessment
from minzheng.eldercare.choices import AssessmentStatus
from minzheng.eldercare.constants import ELDERLY_AGE, age_on
from minzheng.eldercare.events import EldercareEvent
from minzheng.eldercare.models import Assessment, AssessmentRuleTable
from minzheng.eldercare.services.common import create_record, locked, update_fields
from minzheng.framework.exceptions import DomainError
from minzheng.framework.services import ensure_holds_in, ensure_in_area, user_or_none
from minzheng.registry.choices import PersonStatus

__all__ = ["assessment_in_force", "cancel_assessment", "confirm_assessment", "record_assessment",
           "report_condition_change", "result_data", "rule_table_on", "score"]


def rule_table_on(date: datetime.date) -> AssessmentRuleTable:
    """The assessment rule table in force on ``date``.

    Raises:
        DomainError: none is (``eldercare.no_rule_table``).
    """
    table = AssessmentRuleTable.objects.applicable(date)
    if table is None:
        raise DomainError(_("No assessment rule table is in force on %(date)s.") % {"date": date.isoformat()},
                          code="eldercare.no_rule_table", field="assessed_on")
    return table


def score(table: AssessmentRuleTable, answers: Mapping[str, int], findings: Collection[str] = ()) -> AssessmentResult:
    """The grades and level of ``answers`` and ``findings`` under ``table`` (the live preview uses it too).

    Raises:
        AnswerError: an item unanswered, a score not allowed, an unknown finding (``eldercare.assessment_answers``).
    """
    return assess(table.rules, answers, frozenset(findings))


def result_data(result: AssessmentResult) -> dict:
    """The stored form of a result: each dimension's total and grade, the preliminary level and its basis, and
    what each finding did."""
    return {
        "dimensions": [{"code": d.code, "name": d.name, "score": d.score, "grade": d.grade, "grade_name": d.grade_name}
                       for d in result.dimensions],
        "preliminary_level": result.preliminary_level,
        "level_basis": result.level_basis,
        "adjustments": [{"code": a.code, "name": a.name, "effect": a.effect, "before": a.level_before,
                         "after": a.level_after} for a in result.adjustments],
    }


def _check_person(person, assessed_on: datetime.date) -> None:
    if person.status == PersonStatus.DECEASED or (person.death_date and person.death_date <= assessed_on):
        raise DomainError(_("This person has died."), code="eldercare.person_deceased", field="person")
    if age_on(person.birth_date, assessed_on) < ELDERLY_AGE:
        raise DomainError(_("The person is under %(age)d on the assessment date.") % {"age": ELDERLY_AGE},
                          code="eldercare.not_elderly", field="person")


@transaction.atomic
def record_assessment(*, person, assessed_on: datetime.date, reason: str, answers: Mapping[str, int],
                      findings: Collection[str] = (), organisation: str = "", remarks: str = "",
                      actor) -> Assessment:
    """Record an assessment by its first assessor (``actor``), scored with the table in force on ``assessed_on``.

    It counts once a second, different assessor confirms it (``confirm_assessment``). The regular
    reassessment falls due the table's interval after ``assessed_on``.

    Raises:
        DomainError: the person has died or is under 60, a future date, no table in force, an assessment of
            the person still awaiting confirmation, or answers that cannot be scored
            (``eldercare.assessment_answers``, with the error of each item).
        PermissionsViolation: ``actor`` may not add assessments in the person's area (nothing written).
    """
    ensure_holds_in(actor, Assessment, "add", person.hukou_division)
    if assessed_on > timezone.localdate():
        raise DomainError(_("The date cannot be in the future."), code="eldercare.date_in_future",
                          field="assessed_on")
    _check_person(person, assessed_on)
    if Assessment.objects.filter(person=person, status=AssessmentStatus.RECORDED).exists():
        raise DomainError(_("An assessment of this person is still awaiting confirmation."),
                          code="eldercare.assessment_pending", field="person")
    table = rule_table_on(assessed_on)
    result = score(table, answers, findings)
    assessment = Assessment(
        person=person, division=person.hukou_division, rule_table=table, assessed_on=assessed_on, reason=reason,
        organisation=organisation, answers=dict(answers), findings=sorted(set(findings)),
        results=result_data(result), level=result.level, level_name=result.level_name,
        due_on=next_reassessment(table.rules, assessed_on), assessor=user_or_none(actor), remarks=remarks)
    create_record(assessment, actor=actor)
    record_event(EldercareEvent.ASSESSMENT_RECORDED, actor=actor, subject=assessment,
                 payload={"table": table.code, "level": result.level, "assessed_on": assessed_on.isoformat()})
    return assessment


@transaction.atomic
def confirm_assessment(assessment: Assessment, *, actor) -> Assessment:
    """The second assessor confirms: the assessment counts from its date, and the person's earlier confirmed
    assessment is superseded from that date.

    Raises:
        DomainError: not awaiting confirmation, ``actor`` is the first assessor (or nobody), or a later
            assessment of the person is already confirmed.
        PermissionsViolation: ``actor`` may not confirm assessments in its area (nothing written).
    """
    assessment = locked(assessment)
    ensure_in_area(assessment, actor, "confirm")
    if assessment.status != AssessmentStatus.RECORDED:
        raise DomainError(_("The assessment is not awaiting confirmation."),
                          code="eldercare.not_awaiting_confirmation")
    if user_or_none(actor) is None or actor.pk == assessment.assessor_id:
        raise DomainError(_("The second assessor must be another person than the first."),
                          code="eldercare.same_assessor")
    earlier = Assessment.objects.select_for_update(no_key=True).filter(
        person_id=assessment.person_id, status=AssessmentStatus.CONFIRMED).exclude(pk=assessment.pk)
    if earlier.filter(assessed_on__gt=assessment.assessed_on).exists():
        raise DomainError(_("A later assessment of this person is already confirmed."),
                          code="eldercare.newer_assessment_exists")
    update_fields(assessment, actor=actor, status=AssessmentStatus.CONFIRMED, second_assessor=actor,
                  confirmed_on=timezone.localdate())
    for previous in earlier:
        update_fields(previous, actor=actor, status=AssessmentStatus.SUPERSEDED, ended_on=assessment.assessed_on,
                      superseded_by=assessment)
    record_event(EldercareEvent.ASSESSMENT_CONFIRMED, actor=actor, subject=assessment,
                 payload={"level": assessment.level, "superseded": [previous.pk for previous in earlier]})
    return assessment


@transaction.atomic
def report_condition_change(assessment: Assessment, *, on: datetime.date, note: str, actor) -> Assessment:
    """Flag the current assessment for an immediate reassessment: the person's condition changed on ``on``.

    It stays in force until the reassessment is confirmed (or its regular date passes).

    Raises:
        DomainError: not the person's current confirmed assessment, no note, or a date out of range.
        PermissionsViolation: outside ``actor``'s area (nothing written).
    """
    assessment = locked(assessment)
    ensure_in_area(assessment, actor, "change")
    if assessment.status != AssessmentStatus.CONFIRMED:
        raise DomainError(_("Only the current confirmed assessment can be flagged."), code="eldercare.not_current")
    if not note.strip():
        raise DomainError(_("Describe the change of condition."), code="eldercare.note_required", field="note")
    if on < assessment.assessed_on or on > timezone.localdate():
        raise DomainError(_("The date must lie between the assessment and today."),
                          code="eldercare.date_out_of_range", field="on")
    update_fields(assessment, actor=actor, condition_changed_on=on, condition_note=note.strip())
    record_event(EldercareEvent.CONDITION_CHANGED, actor=actor, subject=assessment, payload={"on": on.isoformat()})
    return assessment


@transaction.atomic
def cancel_assessment(assessment: Assessment, *, reason: str, actor) -> Assessment:
    """Cancel an assessment recorded in error; it never counted. Cancelling the current one makes the one it
    superseded current again.

    Raises:
        DomainError: already superseded or cancelled, or no reason.
        PermissionsViolation: outside ``actor``'s area (nothing written).
    """
    assessment = locked(assessment)
    ensure_in_area(assessment, actor, "change")
    if assessment.status not in (AssessmentStatus.RECORDED, AssessmentStatus.CONFIRMED):
        raise DomainError(_("Only a recorded or current assessment can be cancelled."),
                          code="eldercare.not_cancellable")
    if not reason.strip():
        raise DomainError(_("Give the reason."), code="eldercare.reason_required", field="reason")
    restored = list(Assessment.objects.select_for_update(no_key=True).filter(superseded_by=assessment))
    update_fields(assessment, actor=actor, status=AssessmentStatus.CANCELLED, cancel_reason=reason.strip(),
                  ended_on=timezone.localdate())
    for previous in restored:
        update_fields(previous, actor=actor, status=AssessmentStatus.CONFIRMED, ended_on=None, superseded_by=None)
    record_event(EldercareEvent.ASSESSMENT_CANCELLED, actor=actor, subject=assessment,
                 payload={"restored": [previous.pk for previous in restored]})
    return assessment


def assessment_in_force(person, on: datetime.date) -> Assessment | None:
    """The confirmed assessment of ``person`` in force on ``on`` (its ``level``, ``level_name``, ``assessed_on``,
    ``due_on``), or None: what the subsidies read. Not scoped: callers read it for a record they may handle."""
    return Assessment.objects.current_for(person, on)
