"""Test data for the verification app: valid identity numbers, source files and snapshots."""

import csv
import datetime
import io

from openpyxl import Workbook

from minzheng.registry.idcard import generate_id_number
from minzheng.verification.choices import SnapshotStatus, SourceKind
from minzheng.verification.models import SourceRecord, SourceSnapshot


def id_number(sequence: int, division_code: str = "120101") -> str:
    """A valid identity number of a man born 1980-01-01 (``sequence`` from 1 to 499)."""
    return generate_id_number(division_code, datetime.date(1980, 1, 1), "1", sequence)


def csv_file(rows: list[list], header=("id_number", "name", "amount")) -> bytes:
    """A UTF-8 CSV file (with BOM, as Excel writes it) of ``header`` and ``rows``."""
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(header)
    writer.writerows(rows)
    return out.getvalue().encode("utf-8-sig")


def xlsx_file(rows: list[list], header=("身份证号", "姓名", "金额")) -> bytes:
    workbook = Workbook()
    sheet = workbook.active
    sheet.append(list(header))
    for row in rows:
        sheet.append(row)
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


def make_snapshot(kind=SourceKind.WAGES, *, as_of=datetime.date(2026, 10, 31), status=SnapshotStatus.CURRENT,
                  records=(), label="") -> SourceSnapshot:
    """A snapshot with ``records``: (id number, name, amount) triples."""
    snapshot = SourceSnapshot.objects.create(kind=kind, as_of=as_of, status=status, label=label,
                                             file_name=f"{kind}.csv", row_count=len(records))
    SourceRecord.objects.bulk_create(SourceRecord(snapshot=snapshot, id_number=number, name=name, amount=amount)
                                     for number, name, amount in records)
    return snapshot


def records_snapshot(kind, rows: list[dict], *, as_of=datetime.date(2026, 10, 31),
                     status=SnapshotStatus.CURRENT) -> SourceSnapshot:
    """A snapshot of ``rows``: dicts of SourceRecord fields (``id_number``, ``amount`` and any of ``period``,
    ``quantity``, ``category``; the name defaults to 某某). A current one supersedes the kind's current one."""
    if status == SnapshotStatus.CURRENT:
        SourceSnapshot.objects.filter(kind=kind, status=status).update(status=SnapshotStatus.SUPERSEDED)
    snapshot = SourceSnapshot.objects.create(kind=kind, as_of=as_of, status=status, file_name=f"{kind}.csv",
                                             row_count=len(rows))
    SourceRecord.objects.bulk_create(SourceRecord(snapshot=snapshot, **{"name": "某某", **row}) for row in rows)
    return snapshot


def monthly(number: str, amount: str, months, year: int = 2026) -> list[dict]:
    """Rows of ``amount`` for ``number`` in each of ``months`` (month numbers of ``year``; (y, m) pairs too)."""
    periods = [month if isinstance(month, tuple) else (year, month) for month in months]
    return [{"id_number": number, "amount": amount, "period": datetime.date(y, m, 1)} for y, m in periods]


def eligibility_rules(program, division, start="2014-01-01", **extra):
    """Verification rules: wages and pensions, 1 property, 30 m² each, motorbikes only, deposits up to twice the
    annual standard, a business needs a review."""
    from minzheng.verification.models import EligibilityRuleSet

    values = {"income_sources": ["wages", "pension"], "max_properties": 1, "max_area_per_person": "30",
              "allowed_vehicle_types": "摩托车", "deposit_multiple": "2", **extra}
    return EligibilityRuleSet.objects.create(program=program, division=division,
                                             effective_from=datetime.date.fromisoformat(start), **values)
