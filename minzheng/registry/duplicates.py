"""Possible duplicates (re-exported by ``services``): flagging, dismissing, merging two records of one person.

Identity numbers are unique, so two records with different numbers are two people. Records
without a number are compared by name, birth date and 户籍地 division; pairs found are kept
(``DuplicateCandidate``, ordered ``person.pk < other.pk``) for a case officer to merge or
dismiss. A merge never deletes: the removed record stays, marked merged, with its audit trail.
"""

from django.db import IntegrityError, models, transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from minzheng.audit.models import ChainedRecord
from minzheng.audit.services import record_event
from minzheng.framework.exceptions import DomainError
from minzheng.framework.services import record_change, save_object
from minzheng.registry.choices import DuplicateStatus, PersonStatus, Relation
from minzheng.registry.events import RegistryEvent
from minzheng.registry.households import current_membership, end_membership
from minzheng.registry.locks import locked, visible
from minzheng.registry.models import DuplicateCandidate, Person

__all__ = ["dismiss_duplicate", "flag_possible_duplicates", "merge_persons", "person_references"]


@transaction.atomic
def flag_possible_duplicates(person: Person, *, actor=None) -> list[DuplicateCandidate]:
    """Flag for review the records that may be the same person as ``person``.

    Same name, birth date and 户籍地 division, with no identity number on at least one side
    (two different identity numbers are two people). Pairs already flagged, open or resolved,
    are not flagged again. Writes ``registry.duplicate.flagged`` when it flags any.
    """
    if person.status == PersonStatus.MERGED:
        return []
    others = (Person.objects.filter(name=person.name, birth_date=person.birth_date,
                                    hukou_division_id=person.hukou_division_id)
              .exclude(pk=person.pk).exclude(status=PersonStatus.MERGED))
    if person.id_number:
        others = others.filter(id_number__isnull=True)
    user = actor if getattr(actor, "pk", None) else None
    created = []
    for other_pk in others.order_by("pk").values_list("pk", flat=True):
        low, high = sorted((person.pk, other_pk))
        candidate, is_new = DuplicateCandidate.objects.get_or_create(
            person_id=low, other_id=high, defaults={"created_by": user, "updated_by": user})
        if is_new:
            record_change(candidate, "create", actor=actor, before=None, after=candidate.snapshot())
            created.append(candidate)
    if created:
        record_event(RegistryEvent.DUPLICATE_FLAGGED, actor=actor, subject=person,
                     payload={"candidates": [c.pk for c in created],
                              "others": [c.other_id if c.person_id == person.pk else c.person_id for c in created]})
    return created


def _resolve(candidate: DuplicateCandidate, status: str, *, actor) -> DuplicateCandidate:
    candidate.status, candidate.resolved_at = status, timezone.now()
    candidate.resolved_by = actor if getattr(actor, "pk", None) else None
    return save_object(candidate, actor=actor)


@transaction.atomic
def dismiss_duplicate(candidate: DuplicateCandidate, *, actor) -> DuplicateCandidate:
    """Mark a flagged pair as two different people; it is not flagged again.

    Raises:
        DomainError: ``registry.duplicate_resolved`` when it was already merged or dismissed.
        PermissionsViolation: the pair lies outside the actor's area.
    """
    candidate = locked(DuplicateCandidate, actor, "change", [candidate.pk])[0]
    if candidate.status != DuplicateStatus.OPEN:
        raise DomainError(_("This pair has already been reviewed."), code="registry.duplicate_resolved")
    _resolve(candidate, DuplicateStatus.DISMISSED, actor=actor)
    record_event(RegistryEvent.DUPLICATE_DISMISSED, actor=actor, subject=candidate,
                 payload={"person": candidate.person_id, "other": candidate.other_id})
    return candidate


def person_references() -> list[models.ForeignObjectRel]:
    """Every foreign key (or one-to-one) from any installed model to ``Person``, hidden ones included.

    Found from the model metadata, so the references of apps added later follow a merge
    without any change here. Many-to-many links are covered by the foreign keys of their
    intermediate tables. ``merge_persons`` leaves hash-chained audit rows as they are.
    """
    return [rel for rel in Person._meta.get_fields(include_hidden=True)
            if rel.auto_created and not rel.concrete and (rel.one_to_many or rel.one_to_one)]


def _check_mergeable(keep: Person, remove: Person) -> None:
    if PersonStatus.MERGED in (keep.status, remove.status):
        raise DomainError(_("A merged record cannot be merged again."), code="registry.person_merged")
    if keep.id_number and remove.id_number:
        raise DomainError(_("Two records with different identity numbers are two people."),
                          code="registry.merge_two_id_numbers")
    if remove.id_number:
        raise DomainError(_("Keep the record that has the identity number."), code="registry.merge_keep_id",
                          field="keep")


def _settle_memberships(keep: Person, remove: Person, *, actor) -> None:
    """One current household per person: when both records have one, the removed record's ends today."""
    kept, removed = current_membership(keep), current_membership(remove)
    if kept is None or removed is None:
        return
    if removed.relation == Relation.HEAD:
        raise DomainError(_("The record to remove heads household %(household)s: name a new head first.")
                          % {"household": removed.household}, code="registry.merge_head", field="remove")
    end_membership(removed, timezone.localdate(), _("Merged into record %(pk)s") % {"pk": keep.pk}, actor=actor)


def _repoint(rel: models.ForeignObjectRel, keep: Person, remove: Person) -> list:
    """Point ``rel``'s rows from ``remove`` to ``keep``; the primary keys of the rows moved."""
    model, name = rel.related_model, rel.field.name
    rows = model._base_manager.filter(**{name: remove})
    if model._meta.auto_created:
        # A many-to-many link both records have would be doubled: drop the removed record's copy.
        other = next(f.name for f in model._meta.concrete_fields if f.is_relation and f.name != name)
        linked = model._base_manager.filter(**{name: keep}).values(other)
        rows.filter(**{f"{other}__in": linked}).delete()
    pks = list(rows.values_list("pk", flat=True))
    if not pks:
        return []
    conflict = rel.one_to_one and model._base_manager.filter(**{name: keep}).exists()
    try:
        if not conflict:
            with transaction.atomic():
                model._base_manager.filter(pk__in=pks).update(**{name: keep})
    except IntegrityError:
        conflict = True
    if conflict:
        raise DomainError(_("Both records have a %(what)s that can exist only once; resolve it first.")
                          % {"what": model._meta.verbose_name}, code="registry.merge_conflict")
    return pks


def _move_candidates(keep: Person, remove: Person, pair: DuplicateCandidate | None) -> list:
    """Open candidates naming ``remove`` name ``keep`` instead (or are dismissed when ``keep`` has the pair)."""
    moved = []
    candidates = DuplicateCandidate.objects.filter(Q(person=remove) | Q(other=remove), status=DuplicateStatus.OPEN)
    for candidate in candidates.exclude(pk=getattr(pair, "pk", None)).order_by("pk"):
        other = candidate.other_id if candidate.person_id == remove.pk else candidate.person_id
        low, high = sorted((keep.pk, other))
        if low == high or DuplicateCandidate.objects.filter(person_id=low, other_id=high).exists():
            DuplicateCandidate.objects.filter(pk=candidate.pk).update(status=DuplicateStatus.DISMISSED,
                                                                      resolved_at=timezone.now())
        else:
            DuplicateCandidate.objects.filter(pk=candidate.pk).update(person_id=low, other_id=high)
        moved.append(candidate.pk)
    return moved


@transaction.atomic
def merge_persons(keep: Person, remove: Person, *, actor) -> Person:
    """Merge two records of one person: ``remove``'s references move to ``keep``; ``remove`` is kept, merged.

    Every foreign key from any app to ``remove`` is repointed to ``keep`` (``person_references``).
    When both records are current members of a household, ``remove``'s membership ends today
    first. ``remove`` is never deleted: it gets the status *merged* and ``merged_into = keep``,
    so its audit trail stays. The flagged pair, if any, is resolved as merged; other open pairs
    naming ``remove`` name ``keep`` instead. Writes ``registry.person.merged`` with the moved
    references counted per model.

    Raises:
        DomainError: ``registry.merge_same``, ``registry.person_merged``, ``registry.merge_two_id_numbers``,
            ``registry.merge_keep_id``, ``registry.merge_head``, ``registry.merge_conflict``.
        PermissionsViolation: the actor may not change ``keep`` or delete ``remove`` (outside the area, or no
            such permission), or may not resolve duplicates there.
    """
    if keep.pk == remove.pk:
        raise DomainError(_("A record cannot be merged with itself."), code="registry.merge_same")
    for pk in sorted((keep.pk, remove.pk)):  # lock in pk order against a concurrent opposite merge
        locked(Person, actor, "change" if pk == keep.pk else "delete", [pk])
    keep, remove = Person.objects.get(pk=keep.pk), Person.objects.get(pk=remove.pk)
    _check_mergeable(keep, remove)
    low, high = sorted((keep.pk, remove.pk))
    pair = DuplicateCandidate.objects.select_for_update(no_key=True).filter(person_id=low, other_id=high).first()
    if pair is not None:
        visible(DuplicateCandidate, actor, "change", pair.pk)
    _settle_memberships(keep, remove, actor=actor)
    moved = {}
    for rel in person_references():
        # Hash-chained audit rows stay as written (the removed record is kept, so they still resolve);
        # the pairs under review are handled by _move_candidates.
        if not issubclass(rel.related_model, ChainedRecord | DuplicateCandidate):
            pks = _repoint(rel, keep, remove)
            if pks:
                label = rel.related_model._meta.label_lower
                moved[label] = moved.get(label, 0) + len(pks)
    candidates = _move_candidates(keep, remove, pair)
    if candidates:
        moved[DuplicateCandidate._meta.label_lower] = len(candidates)
    remove.status, remove.status_date, remove.merged_into = PersonStatus.MERGED, timezone.localdate(), keep
    save_object(remove, actor=actor)
    if pair is not None:
        _resolve(pair, DuplicateStatus.MERGED, actor=actor)
    record_event(RegistryEvent.PERSON_MERGED, actor=actor, subject=keep,
                 payload={"kept": keep.pk, "removed": remove.pk, "candidate": getattr(pair, "pk", None),
                          "moved": moved})
    return keep

