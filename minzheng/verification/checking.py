"""Checking the rows of a source file: every bad value is reported with its line and column.

A good row becomes a tuple in ``RECORD_COLUMNS`` order, ready for the bulk writer.
"""

import datetime
import re
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

from django.utils.translation import gettext as _

from minzheng.registry import idcard
from minzheng.registry.importing.rows import RowError
from minzheng.verification.reading import SourceTable

__all__ = ["RECORD_COLUMNS", "CheckedRows", "check_rows"]

#: The columns of ``SourceRecord`` a good row fills, in order (the snapshot id comes first when written).
RECORD_COLUMNS = ("id_number", "name", "amount", "quantity", "category", "period", "reference")
MAX_AMOUNT = Decimal("999999999999.99")
MAX_QUANTITY = Decimal("9999999999.99")
CENT = Decimal("0.01")
_LIMITS = {"name": 50, "category": 50, "reference": 64}
_MONTH = re.compile(r"^(\d{4})[-/.年]?(\d{1,2})(?:[-/.月]\d{1,2}日?|月)?$")


@dataclass
class CheckedRows:
    """The good rows (tuples in ``RECORD_COLUMNS`` order), the errors, and the lines with an error."""

    records: list[tuple] = field(default_factory=list)
    errors: list[RowError] = field(default_factory=list)
    bad_lines: set[int] = field(default_factory=set)


class _RowFailed(Exception):
    """One value of the row is bad (already reported)."""


def _text(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return str(value).strip()


class _Checker:
    def __init__(self, table: SourceTable, today: datetime.date | None):
        self.table, self.today = table, today
        self.result = CheckedRows()
        self.local_names = idcard.local_division_names(
            {_text(row.cells.get("id_number"))[:6] for row in table.rows})

    def fail(self, line: int, key: str, value: object, reason) -> None:
        self.result.errors.append(RowError(line, self.table.headers.get(key, key), _text(value), str(reason)))
        self.result.bad_lines.add(line)

    def run(self) -> CheckedRows:
        for row in self.table.rows:
            record = self.row(row.line, row.cells)
            if row.line not in self.result.bad_lines:
                self.result.records.append(record)
        return self.result

    def row(self, line: int, cells: dict) -> tuple:
        values = []
        for key in RECORD_COLUMNS:
            try:
                values.append(getattr(self, key)(cells.get(key)))
            except _RowFailed as failed:
                self.fail(line, key, cells.get(key), failed.args[0])
                values.append(None)
        return tuple(values)

    def id_number(self, value) -> str:
        info = idcard.parse(_text(value), today=self.today, local_names=self.local_names)
        if not info.valid:
            raise _RowFailed(_("Invalid identity number: %(reason)s.") % {"reason": info.error})
        return info.normalized

    def name(self, value) -> str:
        return self._limited("name", _text(value), required=True)

    def amount(self, value) -> Decimal:
        return _decimal(value, MAX_AMOUNT, required=True)

    def quantity(self, value) -> Decimal | None:
        return _decimal(value, MAX_QUANTITY, required=False)

    def category(self, value) -> str:
        return self._limited("category", _text(value))

    def reference(self, value) -> str:
        return self._limited("reference", _text(value))

    def period(self, value) -> datetime.date | None:
        return _month(value)

    def _limited(self, key: str, text: str, *, required: bool = False) -> str:
        if required and not text:
            raise _RowFailed(_("This value is required."))
        if len(text) > _LIMITS[key]:
            raise _RowFailed(_("Longer than %(max)d characters.") % {"max": _LIMITS[key]})
        return text


def _decimal(value, maximum: Decimal, *, required: bool) -> Decimal | None:
    """A non-negative amount rounded to cents; thousands separators and a leading ¥ are allowed."""
    text = _text(value).replace(",", "").replace("，", "").lstrip("¥￥")
    if not text:
        if required:
            raise _RowFailed(_("This value is required."))
        return None
    try:
        number = Decimal(text)
    except InvalidOperation:
        raise _RowFailed(_("Not a number.")) from None
    if not number.is_finite() or number < 0:
        raise _RowFailed(_("The amount must be a number of at least 0."))
    if number > maximum:
        raise _RowFailed(_("The number is too large."))
    return number.quantize(CENT, rounding=ROUND_HALF_UP)


def _month(value) -> datetime.date | None:
    """The first day of the month written as 2026-10, 202610, 2026年10月, or a date of it."""
    if isinstance(value, datetime.date):
        return datetime.date(value.year, value.month, 1)
    text = _text(value)
    if not text:
        return None
    match = _MONTH.match(text)
    if match and 1 <= int(match.group(2)) <= 12 and 1900 <= int(match.group(1)) <= 2999:
        return datetime.date(int(match.group(1)), int(match.group(2)), 1)
    raise _RowFailed(_("Not a month (write it as 2026-10)."))


def check_rows(table: SourceTable, *, today: datetime.date | None = None) -> CheckedRows:
    """Check every row of ``table``; ``today`` bounds the birth dates in identity numbers (default today)."""
    return _Checker(table, today).run()
