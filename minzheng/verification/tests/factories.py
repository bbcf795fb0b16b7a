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
