"""Reading an uploaded person file: xlsx (first sheet) or CSV (UTF-8 with or without BOM, or GB18030).

The first non-blank row is the header. Rows are numbered by their line in the file (the xlsx
row number), which is what the error report shows; blank rows are skipped but still counted.
"""

import csv
import io
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from django.utils.translation import gettext as _

from minzheng.divisions.importing import decode_file
from minzheng.framework.exceptions import DomainError
from minzheng.registry.importing.columns import COLUMNS, REQUIRED, match_header

__all__ = ["RawRow", "Table", "read_file", "read_table"]

XLSX_MAGIC = b"PK\x03\x04"


@dataclass(frozen=True)
class RawRow:
    """One data row: its line in the file and its cells by column key (as read: text, number or date)."""

    line: int
    cells: dict[str, object]


@dataclass
class Table:
    """The columns found (key → header as written) and the data rows."""

    headers: dict[str, str]
    rows: list[RawRow]
    ignored: list[str] = field(default_factory=list)

    def header(self, key: str) -> str:
        """The header of column ``key`` as written in the file (its label when the file lacks it)."""
        if key in self.headers:
            return self.headers[key]
        return str(next(column.label for column in COLUMNS if column.key == key))


def _blank(value: object) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def _table(lines: Iterator[tuple[int, list]], *, header_only: bool = False) -> Table:
    """Build the table from ``(line, cells)`` pairs: the first non-blank one is the header."""
    table = None
    positions: list[tuple[int, str]] = []
    for line, cells in lines:
        if all(_blank(cell) for cell in cells):
            continue
        if table is None:
            table, positions = _header(cells)
            if header_only:
                break
            continue
        values = {key: cells[index] if index < len(cells) else None for index, key in positions}
        table.rows.append(RawRow(line, values))
    if table is None:
        raise DomainError(_("The file is empty."), code="registry.import_empty")
    return table


def _header(cells: list) -> tuple[Table, list[tuple[int, str]]]:
    headers, positions, ignored = {}, [], []
    for index, cell in enumerate(cells):
        key = match_header(cell)
        if key is None or key in headers:
            if not _blank(cell):
                ignored.append(str(cell).strip())
            continue
        headers[key] = str(cell).strip()
        positions.append((index, key))
    missing = [str(column.label) for column in COLUMNS if column.key in REQUIRED and column.key not in headers]
    if "id_number" not in headers and "registry_number" not in headers:
        missing.append(_("Identity number or Registry number"))
    if missing:
        raise DomainError(_("The header row lacks the columns: %(columns)s.") % {"columns": ", ".join(missing)},
                          code="registry.import_columns")
    return Table(headers, [], ignored), positions


def _xlsx_lines(data: bytes) -> Iterator[tuple[int, list]]:
    from openpyxl import load_workbook

    try:
        workbook = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except Exception as exc:  # openpyxl raises several unrelated types for damaged files
        raise DomainError(_("The file is not a readable xlsx workbook."), code="registry.import_format") from exc
    try:
        sheet = workbook.worksheets[0]
        for line, row in enumerate(sheet.iter_rows(values_only=True), start=1):
            yield line, list(row)
    finally:
        workbook.close()


def _csv_lines(text: str) -> Iterator[tuple[int, list]]:
    first = next((line for line in text.splitlines() if line.strip()), "")
    delimiter = "\t" if "\t" in first and "," not in first else ","
    reader = csv.reader(io.StringIO(text), delimiter=delimiter)
    for cells in reader:
        yield reader.line_num, cells


def read_table(data: bytes, *, header_only: bool = False) -> Table:
    """The header and rows of an xlsx or CSV file given as bytes (the kind is told by the content).

    With ``header_only`` reading stops after the header (a quick check of an upload; no rows).

    Raises:
        DomainError: unreadable file, unknown text encoding, empty file or missing required columns.
    """
    if data.startswith(XLSX_MAGIC):
        return _table(_xlsx_lines(data), header_only=header_only)
    return _table(_csv_lines(decode_file(data)), header_only=header_only)


def read_file(path: Path) -> Table:
    return read_table(Path(path).read_bytes())
