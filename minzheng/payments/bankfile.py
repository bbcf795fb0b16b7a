"""The bank file of a roll (代发文件): one row per payee — account, name, masked identity number, amount.

A payee's entries of the roll are netted (a deduction lowers the month's payment); entries flagged
for recovery are left out, and so is a payee whose net amount is not above zero (nothing to send).
The account number is in full (the bank needs it); the identity number is masked.
"""

import csv
import io
from dataclasses import dataclass
from decimal import Decimal

from django.db.models import Sum
from django.utils.translation import gettext as _

from minzheng.framework.export import export_cell
from minzheng.framework.privacy import mask_id_number

__all__ = ["FORMATS", "BankFile", "BankRow", "bank_rows", "render_bank_file"]

FORMATS = {"csv": "text/csv; charset=utf-8",
           "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"}


@dataclass(frozen=True)
class BankRow:
    account: str
    name: str
    id_number: str
    amount: Decimal


@dataclass(frozen=True)
class BankFile:
    filename: str
    content_type: str
    content: bytes
    rows: int
    total: Decimal


def bank_rows(roll) -> list[BankRow]:
    """The payees of ``roll`` with what they are sent, by name."""
    grouped = (roll.entries.filter(recovery=False).order_by()
               .values("payee_id", "account", "name", "id_number").annotate(net=Sum("amount"))
               .filter(net__gt=0).order_by("name", "payee_id"))
    return [BankRow(row["account"], row["name"], mask_id_number(row["id_number"]) if row["id_number"] else "",
                    row["net"]) for row in grouped]


def _header() -> list[str]:
    return [_("Account number"), _("Name"), _("Identity number (masked)"), _("Amount")]


def _csv(rows: list[BankRow]) -> bytes:
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(_header())
    for row in rows:
        writer.writerow([export_cell(row.account), export_cell(row.name), row.id_number, f"{row.amount:.2f}"])
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")  # a BOM: spreadsheets then read the Chinese as UTF-8


def _xlsx(rows: list[BankRow], title: str) -> bytes:
    from openpyxl import Workbook

    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(title[:31])
    sheet.append(_header())
    for row in rows:
        sheet.append([export_cell(row.account), export_cell(row.name), row.id_number, row.amount])
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def render_bank_file(roll, rows: list[BankRow], fmt: str) -> BankFile:
    """``rows`` as a CSV or XLSX file named after the roll."""
    basename = f"bank-{roll.program.code}-{roll.division.code}-{roll.month:%Y%m}"
    content = _csv(rows) if fmt == "csv" else _xlsx(rows, basename)
    return BankFile(f"{basename}.{fmt}", FORMATS[fmt], content, len(rows), sum((r.amount for r in rows), Decimal(0)))
