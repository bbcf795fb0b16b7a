"""The entries of a roll, written by one ``INSERT … SELECT`` (no row passes through Python).

Three sources, joined with ``UNION ALL`` in the one statement, all limited to the roll's program and
to cases whose division lies in the roll's district (``path LIKE '<district path>%'``):

- **regular**: benefit periods covering the month (``starts <= month`` and ``ends`` empty or after
  it) recorded up to the cutoff, of cases in payment: ``active``; ``suspended``, for the months before the
  suspension (it closed the running period: a suspended case's open period is never paid); ``ended`` from a
  later month;
- **one_off**: cases of a one-off program (临时救助, 医疗救助) ``granted`` with an approved amount,
  approved in the roll's month or the month before and up to the cutoff, not yet paid by any roll (a
  grant approved after its month's roll was generated goes into the next one; a database constraint
  pays it once);
- **adjustment**: adjustments recorded up to the cutoff that no roll has picked up yet (a unique
  column on the entry makes a second pick-up impossible).

Regular and one-off entries leave out a payee who is not alive or died before the month. The
statement is plain SQL that runs unchanged on SQLite and PostgreSQL; the totals are then computed from
the stored entries by one ``UPDATE`` in the same transaction, so a roll's total is always the sum of
its entries.
"""

import datetime
from dataclasses import dataclass

from django.db import connection
from django.utils import timezone

from minzheng.assistance.choices import CaseStatus, ProgramKind
from minzheng.assistance.models import AssistanceCase, BenefitPeriod
from minzheng.divisions.models import Division
from minzheng.payments.choices import EntryKind
from minzheng.payments.models import PayeeAccount, PaymentAdjustment, PaymentEntry, PaymentRoll
from minzheng.registry.choices import PersonStatus
from minzheng.registry.lifeevents import first_day_of_next_month
from minzheng.registry.models import Person

__all__ = ["RollInputs", "fill_roll", "previous_month"]

ENTRY_COLUMNS = ("roll_id", "case_id", "household_id", "payee_id", "name", "id_number", "bank_name", "account",
                 "amount", "kind", "adjusts_id", "adjustment_id", "recovery", "recovery_reason")
ONE_OFF_KINDS = (ProgramKind.TEMPORARY, ProgramKind.MEDICAL)


def previous_month(month: datetime.date) -> datetime.date:
    return (month - datetime.timedelta(days=1)).replace(day=1)


def _tables() -> dict[str, str]:
    models = {"period": BenefitPeriod, "case": AssistanceCase, "division": Division, "person": Person,
              "account": PayeeAccount, "adjustment": PaymentAdjustment, "entry": PaymentEntry, "roll": PaymentRoll}
    return {key: connection.ops.quote_name(model._meta.db_table) for key, model in models.items()}


@dataclass(frozen=True)
class RollInputs:
    """The parameters of one roll's statement."""

    roll_id: int
    program_id: int
    district_path: str
    month: datetime.date
    cutoff: datetime.datetime

    def params(self) -> dict:
        """The values in the database's own form (SQLite compares dates and times as text)."""
        day, moment = connection.ops.adapt_datefield_value, connection.ops.adapt_datetimefield_value
        return {"roll": self.roll_id, "program": self.program_id, "path": f"{self.district_path}%",
                "month": day(self.month), "next_month": day(first_day_of_next_month(self.month)),
                "previous_month": day(previous_month(self.month)), "cutoff": moment(self.cutoff),
                "cutoff_day": day(timezone.localdate(self.cutoff)), "no": False}


# What every source selects after its amount, kind, adjusted entry and adjustment: the payee's snapshot.
_PAYEE = """{roll}, c.id, c.household_id, c.applicant_id, pe.name, COALESCE(pe.id_number, ''),
       COALESCE(a.bank_name, ''), COALESCE(a.account_number, '')"""
_JOINS = """JOIN {t[division]} d ON d.id = c.division_id
  JOIN {t[person]} pe ON pe.id = c.applicant_id
  LEFT JOIN {t[account]} a ON a.person_id = c.applicant_id"""
_SCOPE = "c.program_id = %(program)s AND d.path LIKE %(path)s"
_ALIVE = "pe.status = '{alive}' AND (pe.death_date IS NULL OR pe.death_date >= %(month)s)"

_REGULAR = """SELECT {payee}, p.monthly_amount, '{regular}', {no_entry}, {no_entry}, %(no)s, ''
  FROM {t[period]} p
  JOIN {t[case]} c ON c.id = p.case_id
  {joins}
 WHERE {scope} AND {alive}
   AND p.starts <= %(month)s AND (p.ends IS NULL OR p.ends > %(month)s) AND p.created_at <= %(cutoff)s
   AND (c.status = '{active}' OR (c.status = '{suspended}' AND p.ends IS NOT NULL)
        OR (c.status = '{ended}' AND c.ended_on > %(month)s))"""

_ONE_OFF = """SELECT {payee}, c.approved_amount, '{one_off}', {no_entry}, {no_entry}, %(no)s, ''
  FROM {t[case]} c
  {joins}
 WHERE {scope} AND {alive}
   AND c.kind IN ({one_off_kinds}) AND c.status = '{granted}' AND c.approved_amount > 0
   AND c.approved_on >= %(previous_month)s AND c.approved_on < %(next_month)s AND c.approved_on <= %(cutoff_day)s
   AND NOT EXISTS (SELECT 1 FROM {t[entry]} e WHERE e.case_id = c.id AND e.kind = '{one_off}')"""

_ADJUSTMENT = """SELECT {payee}, j.amount, '{adjustment}', j.adjusts_id, j.id, %(no)s, ''
  FROM {t[adjustment]} j
  JOIN {t[case]} c ON c.id = j.case_id
  {joins}
 WHERE {scope} AND j.created_at <= %(cutoff)s
   AND NOT EXISTS (SELECT 1 FROM {t[entry]} e WHERE e.adjustment_id = j.id)"""

_TOTALS = """UPDATE {t[roll]}
   SET entry_count = (SELECT COUNT(*) FROM {t[entry]} e WHERE e.roll_id = %(roll)s),
       total_amount = (SELECT COALESCE(SUM(e.amount), 0) FROM {t[entry]} e WHERE e.roll_id = %(roll)s)
 WHERE id = %(roll)s"""


def _sources(tables: dict[str, str]) -> str:
    names = {
        "t": tables, "payee": _PAYEE.format(roll="%(roll)s"), "joins": _JOINS.format(t=tables), "scope": _SCOPE,
        "alive": _ALIVE.format(alive=PersonStatus.ALIVE), "active": CaseStatus.ACTIVE, "ended": CaseStatus.ENDED,
        "suspended": CaseStatus.SUSPENDED,
        "granted": CaseStatus.GRANTED, "regular": EntryKind.REGULAR, "one_off": EntryKind.ONE_OFF,
        "adjustment": EntryKind.ADJUSTMENT, "no_entry": "CAST(NULL AS BIGINT)",  # typed: PostgreSQL unions by type
        "one_off_kinds": ", ".join(f"'{kind}'" for kind in ONE_OFF_KINDS),
    }
    return "\nUNION ALL\n".join(part.format(**names) for part in (_REGULAR, _ONE_OFF, _ADJUSTMENT))


def insert_statement() -> str:
    """The roll's ``INSERT … SELECT`` with named parameters (``RollInputs.params``)."""
    tables = _tables()
    columns = ", ".join(ENTRY_COLUMNS)
    return f"INSERT INTO {tables['entry']} ({columns})\n{_sources(tables)}"


def fill_roll(inputs: RollInputs) -> int:
    """Write the entries of an empty roll and its totals (inside the caller's transaction); returns the count."""
    params = inputs.params()
    with connection.cursor() as cursor:
        cursor.execute(insert_statement(), params)
        cursor.execute(_TOTALS.format(t=_tables()), params)
    return PaymentRoll._base_manager.filter(pk=inputs.roll_id).values_list("entry_count", flat=True).get()
