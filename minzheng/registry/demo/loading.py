"""Writing demo households in chunks: one transaction each, on PostgreSQL overlapped with generating."""

import queue
import threading
from collections.abc import Callable
from dataclasses import dataclass, field

from django.db import connection, transaction
from django.utils.translation import gettext as _

from minzheng.framework.exceptions import DomainError
from minzheng.registry.bulk import insert_objects
from minzheng.registry.demo.people import Generator, places, retired_codes
from minzheng.registry.models import Household, Membership, Person

__all__ = ["CHUNK", "SETUP_PERSONS", "DemoReport", "create_demo_persons"]

#: Persons written per transaction (whole households only). Large chunks matter on PostgreSQL: sorted by
#: identity number, a chunk touches each page of that index once (10,000 → 40,000 took a million-person
#: load from 208 s to 144 s on the benchmark machine).
CHUNK = 40000
#: Persons loaded by ``minzheng setup --demo`` (``make run``).
SETUP_PERSONS = 20000


@dataclass
class DemoReport:
    """What ``create_demo_persons`` wrote (existing households of the seed are skipped)."""

    households: int = 0
    persons: int = 0
    memberships: int = 0
    skipped_households: int = 0


@dataclass
class _Chunk:
    households: list[Household] = field(default_factory=list)
    persons: list[list[Person]] = field(default_factory=list)
    memberships: list[list[Membership]] = field(default_factory=list)
    size: int = 0


def _renumber_taken(persons: list[Person], generator: Generator) -> None:
    """Renumber the persons whose number someone stored already has (again, until none clashes)."""
    pending = persons
    while pending:
        numbers = [person.id_number for person in pending]
        taken = set(Person.objects.filter(id_number__in=numbers).values_list("id_number", flat=True))
        pending = [person for person in pending if person.id_number in taken]
        for person in pending:
            generator.renumber(person)


def _relax_durability() -> None:
    """Demo data can be generated again: its commits need not wait for the disk (PostgreSQL)."""
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SET LOCAL synchronous_commit = off")


def _write(chunk: _Chunk, report: DemoReport) -> None:
    """One transaction: the households, then their persons, then the memberships linking them."""
    persons = [person for group in chunk.persons for person in group]
    memberships = []
    for household, group, links in zip(chunk.households, chunk.persons, chunk.memberships, strict=True):
        for person, membership in zip(group, links, strict=True):
            membership.household, membership.person = household, person
            memberships.append(membership)
    # Sorted, the inserts into the identity-number indexes touch each index page once per chunk.
    persons.sort(key=lambda person: person.id_number)
    with transaction.atomic():
        _relax_durability()
        insert_objects(Household, chunk.households)
        insert_objects(Person, persons)
        for membership in memberships:
            membership.household_id, membership.person_id = membership.household.pk, membership.person.pk
        insert_objects(Membership, memberships)
    report.households += len(chunk.households)
    report.persons += len(persons)
    report.memberships += len(memberships)


class _Writer:
    """Writes chunks as they come, on the caller's connection."""

    def __init__(self, report: DemoReport, progress: Callable[[int], None]):
        self.report, self.progress = report, progress

    def put(self, chunk: _Chunk, generated: int) -> None:
        _write(chunk, self.report)
        self.progress(generated)

    def close(self) -> None:
        pass


class _ThreadedWriter(_Writer):
    """Writes chunks on a second connection while the caller generates the next ones.

    PostgreSQL spends about as long storing a chunk as Python takes to make it; overlapping the
    two nearly halves a million-person load. Used only outside a transaction (never in tests,
    whose data the second connection could not see).
    """

    def __init__(self, report: DemoReport, progress: Callable[[int], None]):
        super().__init__(report, progress)
        self.queue: queue.Queue = queue.Queue(maxsize=2)
        self.error: BaseException | None = None
        self.thread = threading.Thread(target=self._run, name="demo-writer", daemon=True)
        self.thread.start()

    def _run(self) -> None:
        try:
            while (item := self.queue.get()) is not None:
                if self.error is None:
                    try:
                        super().put(*item)
                    except BaseException as exc:  # re-raised in the caller's thread
                        self.error = exc
        finally:
            connection.close()

    def put(self, chunk: _Chunk, generated: int) -> None:
        if self.error is not None:
            raise self.error
        self.queue.put((chunk, generated))

    def close(self) -> None:
        self.queue.put(None)
        self.thread.join()
        if self.error is not None:
            raise self.error


def _chunks(generator: Generator, count: int, existing: set[str], report: DemoReport):
    """``(chunk, persons generated so far)`` of whole households not stored yet, about ``CHUNK`` persons each."""
    chunk, generated, index = _Chunk(), 0, 0
    while generated < count:
        index += 1
        household, persons, memberships = generator.household(index)
        generated += len(persons)
        if household.number in existing:
            report.skipped_households += 1
            continue
        chunk.households.append(household)
        chunk.persons.append(persons)
        chunk.memberships.append(memberships)
        chunk.size += len(persons)
        if chunk.size >= CHUNK:
            yield chunk, generated
            chunk = _Chunk()
    if chunk.households:
        yield chunk, generated


def create_demo_persons(count: int, *, seed: int = 1, progress: Callable[[int], None] | None = None) -> DemoReport:
    """Make sure the first ``count`` demo persons of ``seed`` exist; returns what was written.

    Households of the seed that are stored already are skipped (so a second run writes
    nothing). Households are never cut short: the last one may take the total up to five past
    ``count``, and a later, larger ``count`` continues with the next household.
    Each chunk of households is one transaction: an interrupted run leaves whole households,
    and running it again completes it.

    Args:
        count: persons the seed should have in total (stored ones included).
        seed: the random seed; the same seed always gives the same people.
        progress: called with the number of persons generated so far after each chunk is written.

    Raises:
        DomainError: there are no demo communities (run ``minzheng setup --demo`` first).
    """
    communities = places()
    if not communities:
        raise DomainError(_("There are no demo communities; run `minzheng setup --demo` first."),
                          code="registry.demo_no_communities")
    generator = Generator(seed, communities, retired_codes())
    stored = Membership.objects.filter(household__number__startswith=generator.prefix)
    if stored.count() >= count:
        return DemoReport(skipped_households=stored.values("household_id").distinct().count())
    existing = set(Household.objects.filter(number__startswith=generator.prefix).values_list("number", flat=True))
    # Numbers are unique within a seed; only people stored by others (imports, other seeds) can clash.
    check_numbers = Person.objects.exclude(pk__in=stored.values("person_id")).exists()
    report = DemoReport()
    threaded = connection.vendor == "postgresql" and not connection.in_atomic_block
    writer = (_ThreadedWriter if threaded else _Writer)(report, progress or (lambda _done: None))
    try:
        for chunk, generated in _chunks(generator, count, existing, report):
            if check_numbers:
                _renumber_taken([person for group in chunk.persons for person in group], generator)
            writer.put(chunk, generated)
    finally:
        writer.close()
    return report
