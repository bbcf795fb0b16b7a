"""Reading a source file: xlsx (first sheet) or CSV (UTF-8 with or without BOM, or GB18030).

The first non-blank row is the header; headers are matched in English (``id_number``) or Chinese
(``身份证号``). Each kind reads the required columns and its own optional ones (docs/verification.md);
other columns are ignored and listed. Rows keep their line in the file for the report of bad rows.
"""

import csv
import io
from collections.abc import Iterator
from dataclasses import dataclass, field

from django.utils.translation import gettext as _

from minzheng.divisions.importing import decode_file
from minzheng.framework.exceptions import DomainError
from minzheng.registry.importing.reading import XLSX_MAGIC, RawRow
from minzheng.verification.choices import SourceKind

__all__ = ["COLUMN_HEADERS", "KIND_COLUMNS", "REQUIRED", "SourceTable", "read_source"]

#: Column key -> the headers accepted for it (compared without case and surrounding blanks).
COLUMN_HEADERS = {
    "id_number": ("id_number", "身份证号", "身份证号码", "公民身份号码"),
    "name": ("name", "姓名"),
    "amount": ("amount", "金额"),
    "quantity": ("quantity", "面积", "数量"),
    "category": ("category", "类别", "类型"),
    "period": ("period", "月份", "所属期"),
    "reference": ("reference", "编号"),
}
REQUIRED = ("id_number", "name", "amount")
#: The optional columns each kind reads, besides the required ones.
KIND_COLUMNS = {
    SourceKind.WAGES: ("period", "category", "reference"),
    SourceKind.PENSION: ("period", "category", "reference"),
    SourceKind.PROVIDENT_FUND: ("period", "reference"),
    SourceKind.REAL_ESTATE: ("quantity", "category", "reference"),
    SourceKind.VEHICLE: ("category", "reference"),
    SourceKind.BUSINESS: ("category", "reference"),
    SourceKind.DEPOSIT: ("category", "reference"),
    SourceKind.TAX: ("period", "category", "reference"),
}
_BY_HEADER = {header.lower(): key for key, headers in COLUMN_HEADERS.items() for header in headers}


@dataclass
class SourceTable:
    """The columns found (key -> header as written), the data rows and the ignored headers."""

    headers: dict[str, str]
    rows: list[RawRow] = field(default_factory=list)
    ignored: list[str] = field(default_factory=list)


def _blank(value: object) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def _header(cells: list, kind: str) -> tuple[SourceTable, list[tuple[int, str]]]:
    wanted = (*REQUIRED, *KIND_COLUMNS[kind])
    table, positions = SourceTable({}), []
    for index, cell in enumerate(cells):
        key = _BY_HEADER.get(str(cell).strip().lower()) if not _blank(cell) else None
        if key not in wanted or key in table.headers:
            if not _blank(cell):
                table.ignored.append(str(cell).strip())
            continue
        table.headers[key] = str(cell).strip()
        positions.append((index, key))
    missing = [key for key in REQUIRED if key not in table.headers]
    if missing:
        raise DomainError(_("The header row lacks the columns: %(columns)s.") % {"columns": ", ".join(missing)},
                          code="verification.columns_missing")
    return table, positions


def _table(lines: Iterator[tuple[int, list]], kind: str, header_only: bool) -> SourceTable:
    table, positions = None, []
    for line, cells in lines:
        if all(_blank(cell) for cell in cells):
            continue
        if table is None:
            table, positions = _header(cells, kind)
            if header_only:
                return table
            continue
        table.rows.append(RawRow(line, {key: cells[i] if i < len(cells) else None for i, key in positions}))
    if table is None:
        raise DomainError(_("The file is empty."), code="verification.file_empty")
    if not table.rows and not header_only:
        raise DomainError(_("The file has a header but no rows."), code="verification.file_empty")
    return table


def _xlsx_lines(data: bytes) -> Iterator[tuple[int, list]]:
    from openpyxl import load_workbook

    try:
        workbook = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except Exception as exc:  # openpyxl raises several unrelated types for damaged files
        raise DomainError(_("The file is not a readable xlsx workbook."), code="verification.file_unreadable") from exc
    try:
        for line, row in enumerate(workbook.worksheets[0].iter_rows(values_only=True), start=1):
            yield line, list(row)
    finally:
        workbook.close()


def _csv_lines(data: bytes) -> Iterator[tuple[int, list]]:
    try:
        text = decode_file(data)
    except DomainError as exc:
        raise DomainError(exc.message, code="verification.file_unreadable") from exc
    if "\x00" in text:
        raise DomainError(_("The file is neither CSV text nor an xlsx workbook."), code="verification.file_unreadable")
    first = next((line for line in text.splitlines() if line.strip()), "")
    delimiter = "\t" if "\t" in first and "," not in first else ","
    reader = csv.reader(io.StringIO(text), delimiter=delimiter)
    for cells in reader:
        yield reader.line_num, cells


def read_source(data: bytes, kind: str, *, header_only: bool = False) -> SourceTable:
    """The header and rows of a source file of ``kind`` given as bytes (xlsx or CSV, told by the content).

    Raises:
        DomainError: ``verification.file_unreadable``, ``verification.file_empty`` (no header or no
            row) or ``verification.columns_missing``.
    """
    lines = _xlsx_lines(data) if data.startswith(XLSX_MAGIC) else _csv_lines(data)
    return _table(lines, kind, header_only)
