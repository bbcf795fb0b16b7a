"""Adoption registration: receiving the application, the assessment, the notice for a foundling, the decision.

The conditions are those of the law in force on the day of the decision (``checks.adoption_refusals``:
收养法 1998 before 2021-01-01, 民法典 from then). The review is due by ``review_last_day``
(中国公民收养子女登记办法 第七条: 30 days from the day after receipt; a foundling's 60-day notice is not
counted), which is kept on the application and shown as overdue once passed.
"""

import datetime
from dataclasses import dataclass

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from minzheng.approvals.workdays import WorkCalendar
from minzheng.audit.services import record_event
from minzheng.framework.exceptions import DomainError
from minzheng.framework.services import ensure_holds_in, ensure_in_area, record_change, user_or_none
from minzheng.marriage.certificates import issue_certificate
from minzheng.marriage.checks import Adopter as AdopterFacts
from minzheng.marriage.checks import Child as ChildFacts
from minzheng.marriage.checks import adoption_refusals, adoption_review_last_day
from minzheng.marriage.choices import AdoptionStatus, AssessmentOutcome, CertificateKind
from minzheng.marriage.events import MarriageEvent
from minzheng.marriage.models import AdoptedChild, Adopter, AdoptionApplication, AdoptionAssessment, RegistryOffice
from minzheng.marriage.parties import check_id_number, check_name, find_person
from minzheng.marriage.registration import registration_day, written_reason
from minzheng.marriage.rules import rules_on

__all__ = ["AdopterInput", "ChildInput", "decide_adoption", "publish_notice", "receive_adoption",
           "record_assessment", "review_last_day", "withdraw_adoption"]

OPEN = (AdoptionStatus.RECEIVED, AdoptionStatus.ASSESSED)
ADOPTER_FIELDS = ("married", "children", "able_to_raise", "barring_disease", "harmful_criminal_record",
                  "overseas_chinese")
CHILD_FIELDS = ("orphan", "parents_unknown", "parents_in_hardship", "disabled", "in_welfare_institution",
                "relative", "consents")


@dataclass(frozen=True, kw_only=True)
class AdopterInput:
    name: str
    id_number: str
    married: bool = False
    children: int = 0
    able_to_raise: bool = True
    barring_disease: bool = False
    harmful_criminal_record: bool = False
    overseas_chinese: bool = False


@dataclass(frozen=True, kw_only=True)
class ChildInput:
    name: str
    id_number: str = ""
    birth_date: datetime.date | None = None
    sex: str = ""
    orphan: bool = False
    parents_unknown: bool = False
    parents_in_hardship: bool = False
    disabled: bool = False
    in_welfare_institution: bool = False
    relative: bool = False
    consents: bool | None = None


def review_last_day(application: AdoptionApplication) -> datetime.date:
    """The last day of the review, counting out the days of the latest notice seeking a child's parents."""
    notices = [c.notice_published_on for c in application.children.all() if c.notice_published_on is not None]
    return adoption_review_last_day(application.received_on, notice_published_on=max(notices, default=None),
                                    is_workday=WorkCalendar().is_workday)


def _adopter(index: int, adopter: AdopterInput, on: datetime.date) -> Adopter:
    key = f"adopters.{index}"
    if adopter.children < 0:
        raise DomainError(_("Enter the number of children."), code="marriage.adoption_invalid",
                          field=f"{key}.children")
    info = check_id_number(adopter.id_number, f"{key}.id_number", on=on)
    return Adopter(name=check_name(adopter.name, f"{key}.name"), id_number=info.normalized,
                   person=find_person(info.normalized), **{f: getattr(adopter, f) for f in ADOPTER_FIELDS})


def _child(index: int, child: ChildInput, on: datetime.date) -> AdoptedChild:
    key = f"children.{index}"
    id_number, born, sex = "", child.birth_date, child.sex
    if child.id_number.strip():
        info = check_id_number(child.id_number, f"{key}.id_number", on=on)
        id_number, born, sex = info.normalized, born or info.birth_date, sex or info.sex
    if born is None or not sex:
        raise DomainError(_("Enter the child's identity number, or the birth date and sex."),
                          code="marriage.adoption_invalid", field=f"{key}.birth_date")
    return AdoptedChild(name=check_name(child.name, f"{key}.name"), id_number=id_number, birth_date=born, sex=sex,
                        **{f: getattr(child, f) for f in CHILD_FIELDS})


def _save(record, before: dict | None, actor) -> None:
    record.updated_by = user_or_none(actor)
    if before is None:
        record.created_by = user_or_none(actor)
    record.save()
    record_change(record, "create" if before is None else "update", actor=user_or_none(actor), before=before,
                  after=record.snapshot())


@transaction.atomic
def receive_adoption(office: RegistryOffice, adopters: list[AdopterInput], children: list[ChildInput], *, actor,
                     on: datetime.date | None = None, note: str = "") -> AdoptionApplication:
    """Receive an application to adopt ``children`` by ``adopters`` (one person or a couple) at ``office``.

    Raises:
        DomainError: ``marriage.adoption_invalid`` (no adopter or child, more than two of either, a child
            without birth date and sex), ``marriage.name_invalid``, ``marriage.id_invalid``,
            ``marriage.date_future``.
        PermissionsViolation: the actor may not add applications at ``office``.
    """
    ensure_holds_in(actor, AdoptionApplication, "add", office.division)
    on = registration_day(on)
    if not 1 <= len(adopters) <= 2 or not 1 <= len(children) <= 2:
        raise DomainError(_("An application names one or two adopters and one or two children."),
                          code="marriage.adoption_invalid", field="adopters")
    adopter_rows = [_adopter(i, adopter, on) for i, adopter in enumerate(adopters)]
    child_rows = [_child(i, child, on) for i, child in enumerate(children)]
    summary = "、".join(a.name for a in adopter_rows) + " → " + "、".join(c.name for c in child_rows)
    application = AdoptionApplication(office=office, received_on=on, summary=summary[:200], remarks=note.strip(),
                                      review_last_day=adoption_review_last_day(
                                          on, is_workday=WorkCalendar().is_workday))
    _save(application, None, actor)
    for row in [*adopter_rows, *child_rows]:
        row.application = application
        _save(row, None, actor)
    record_event(MarriageEvent.ADOPTION_RECEIVED, actor=user_or_none(actor), subject=application,
                 payload={"on": on, "review_last_day": application.review_last_day})
    return application


def _locked_open(application: AdoptionApplication, actor) -> AdoptionApplication:
    ensure_in_area(application, actor, "change")
    application = AdoptionApplication.objects.select_for_update(no_key=True, of=("self",)).get(pk=application.pk)
    if application.status not in OPEN:
        raise DomainError(_("This application is closed (%(status)s).") % {"status": application.get_status_display()},
                          code="marriage.adoption_closed")
    return application


@transaction.atomic
def record_assessment(application: AdoptionApplication, *, assessor: str, assessed_on: datetime.date, outcome: str,
                      findings: str, actor) -> AdoptionAssessment:
    """Record (or correct) the adoption assessment (收养评估) and its outcome.

    Raises:
        DomainError: ``marriage.adoption_closed``, ``marriage.assessment_invalid`` (outcome, findings, date).
    """
    application = _locked_open(application, actor)
    if outcome not in AssessmentOutcome.values or not findings.strip() or not assessor.strip():
        raise DomainError(_("Give the assessor, the outcome and the findings."), code="marriage.assessment_invalid",
                          field="findings")
    if not application.received_on <= assessed_on <= timezone.localdate():
        raise DomainError(_("The assessment is completed between the application and today."),
                          code="marriage.assessment_invalid", field="assessed_on")
    assessment = AdoptionAssessment.objects.filter(application=application).first()
    before = assessment.snapshot() if assessment is not None else None
    assessment = assessment or AdoptionAssessment(application=application)
    assessment.assessor, assessment.assessed_on = assessor.strip(), assessed_on
    assessment.outcome, assessment.findings = outcome, findings.strip()
    _save(assessment, before, actor)
    if application.status == AdoptionStatus.RECEIVED:
        before = application.snapshot()
        application.status = AdoptionStatus.ASSESSED
        _save(application, before, actor)
    record_event(MarriageEvent.ADOPTION_ASSESSED, actor=user_or_none(actor), subject=application,
                 payload={"outcome": outcome, "on": assessed_on})
    return assessment


@transaction.atomic
def publish_notice(child: AdoptedChild, *, published_on: datetime.date, medium: str, actor) -> AdoptedChild:
    """Record the notice seeking a foundling's parents; the review's last day moves past its 60 days.

    Raises:
        DomainError: ``marriage.adoption_closed``; ``marriage.notice_invalid`` (the parents are known, or no
            medium, or a date before the application or in the future).
    """
    application = _locked_open(child.application, actor)
    child = AdoptedChild.objects.select_for_update(no_key=True, of=("self",)).get(pk=child.pk)
    if not child.parents_unknown:
        raise DomainError(_("A notice seeks the parents of a child whose parents cannot be found."),
                          code="marriage.notice_invalid", field="child")
    if not medium.strip() or not application.received_on <= published_on <= timezone.localdate():
        raise DomainError(_("Give where the notice was published, on a day between the application and today."),
                          code="marriage.notice_invalid", field="published_on")
    before = child.snapshot()
    child.notice_published_on, child.notice_medium = published_on, medium.strip()
    _save(child, before, actor)
    before = application.snapshot()
    application.review_last_day = review_last_day(application)
    _save(application, before, actor)
    record_event(MarriageEvent.ADOPTION_NOTICE_PUBLISHED, actor=user_or_none(actor), subject=application,
                 payload={"child": child.pk, "published_on": published_on, "medium": medium.strip()})
    return child


def _facts(application: AdoptionApplication) -> tuple[list[AdopterFacts], list[ChildFacts]]:
    adopters = [AdopterFacts(name=a.name, id_number=a.id_number, **{f: getattr(a, f) for f in ADOPTER_FIELDS})
                for a in application.adopters.order_by("pk")]
    children = [ChildFacts(name=c.name, id_number=c.id_number, birth_date=c.birth_date, sex=c.sex,
                           notice_published_on=c.notice_published_on, **{f: getattr(c, f) for f in CHILD_FIELDS})
                for c in application.children.order_by("pk")]
    return adopters, children


@transaction.atomic
def decide_adoption(application: AdoptionApplication, *, actor, on: datetime.date | None = None, note: str = ""
                    ) -> AdoptionApplication:
    """Register the adoption (it takes effect on this day) or refuse it with the reasons.

    Raises:
        DomainError: ``marriage.adoption_closed``, ``marriage.date_future``.
        PermissionsViolation: outside the actor's area.
    """
    application = _locked_open(application, actor)
    on = registration_day(on)
    assessment = AdoptionAssessment.objects.filter(application=application).first()
    passed = None if assessment is None else assessment.outcome == AssessmentOutcome.SUITABLE
    adopters, children = _facts(application)
    refusals = adoption_refusals(on, adopters, children, assessment_passed=passed)
    before = application.snapshot()
    application.decided_on, application.rules_basis = on, rules_on(on).basis
    if refusals:
        application.status = AdoptionStatus.REFUSED
        application.grounds = [refusal.as_dict() for refusal in refusals]
        application.refusal_reason = written_reason(refusals, note)
    else:
        application.status = AdoptionStatus.REGISTERED
        certificate = issue_certificate(CertificateKind.ADOPTION, application.office, on, actor=actor,
                                        holders=application.summary, adoption=application)
        application.certificate_number = certificate.number
    _save(application, before, actor)
    event = MarriageEvent.ADOPTION_REFUSED if refusals else MarriageEvent.ADOPTION_REGISTERED
    record_event(event, actor=user_or_none(actor), subject=application,
                 payload={"on": on, "certificate": application.certificate_number,
                          "grounds": [ground["code"] for ground in application.grounds],
                          "overdue": on > application.review_last_day})
    return application


@transaction.atomic
def withdraw_adoption(application: AdoptionApplication, *, actor, on: datetime.date | None = None,
                      note: str = "") -> AdoptionApplication:
    """The applicants withdraw before the decision."""
    application = _locked_open(application, actor)
    before = application.snapshot()
    application.status, application.decided_on = AdoptionStatus.WITHDRAWN, registration_day(on)
    if note.strip():
        application.remarks = "\n".join(filter(None, (application.remarks, note.strip())))
    _save(application, before, actor)
    record_event(MarriageEvent.ADOPTION_WITHDRAWN, actor=user_or_none(actor), subject=application, payload={})
    return application
