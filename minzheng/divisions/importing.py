"""Reading and checking a division code list before anything is written.

The file is CSV (comma or tab separated) with the columns code, name, urban-rural class, in
UTF-8 (with or without BOM) or GB18030, with an optional header row. ``plan_import`` checks
every row and returns the bad rows, or what to create and rename; ``services.import_divisions``
writes the plan only when no row is bad.
"""

import csv
import io
from collections.abc import Iterable, Sequence
from dataclasses import asdict, dataclass, field
from typing import NamedTuple

from django.utils.translation import gettext as _

from minzheng.divisions.choices import LEVEL_ORDER, Level
from minzheng.divisions.codes import URBAN_RURAL_CLASSES, CodeShape, code_shape, unit_kind
from minzheng.divisions.models import PATH_SEPARATOR, Division
from minzheng.framework.exceptions import DomainError
from minzheng.framework.permissions import get_permission_for_model

__all__ = ["ImportPlan", "ImportReport", "ImportRow", "NewUnit", "RowError", "decode_file", "number_rows",
           "plan_import", "read_rows"]

NAME_MAX_LENGTH = Division._meta.get_field("name").max_length
LOOKUP_BATCH = 500
_UTF8_BOM = b"\xef\xbb\xbf"


class ImportRow(NamedTuple):
    """One data row of a code list; ``line`` is its line in the file (its position for plain rows)."""

    code: str
    name: str
    urban_rural_class: str = ""
    line: int = 0


@dataclass(frozen=True)
class RowError:
    """A bad row: its line, its code as written, and why (translated)."""

    line: int
    code: str
    reason: str


@dataclass(frozen=True)
class NewUnit:
    """A unit to create; its parent exists already or is created before it."""

    row: ImportRow
    level: str
    kind: str
    parent_code: str


@dataclass
class ImportPlan:
    """The outcome of checking a file: bad rows, or the units to create (parents first) and to rename."""

    rows: int = 0
    creates: list[NewUnit] = field(default_factory=list)
    updates: list[Division] = field(default_factory=list)
    unchanged: int = 0
    errors: list[RowError] = field(default_factory=list)


@dataclass
class ImportReport:
    """What an import did: counts, or the bad rows when nothing was written."""

    rows: int = 0
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    errors: list[RowError] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.errors

    def as_dict(self) -> dict:
        """A JSON-safe summary (the job result)."""
        return {"ok": self.ok, "rows": self.rows, "created": self.created, "updated": self.updated,
                "unchanged": self.unchanged, "errors": [asdict(error) for error in self.errors]}


# Reading files


def decode_file(data: bytes) -> str:
    """The text of an uploaded code list: UTF-8 (BOM optional), else GB18030.

    Raises:
        DomainError: the bytes are neither.
    """
    if data.startswith(_UTF8_BOM):
        data = data[len(_UTF8_BOM):]
    for encoding in ("utf-8", "gb18030"):
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise DomainError(_("The file is neither UTF-8 nor GB18030 text."), code="divisions.import_encoding")


def _delimiter(text: str) -> str:
    first = next((line for line in text.splitlines() if line.strip()), "")
    return "\t" if "\t" in first and "," not in first else ","


def _is_header(cells: list[str]) -> bool:
    """A header names its columns: its first cell has no digit at all (a bad code still has some)."""
    return not any(char.isdigit() for char in cells[0])


def read_rows(text: str) -> list[ImportRow]:
    """The data rows of a CSV code list, numbered by file line; blank lines and a first header row are skipped."""
    reader = csv.reader(io.StringIO(text), delimiter=_delimiter(text))
    rows: list[ImportRow] = []
    first = True
    for cells in reader:
        cells = [cell.strip() for cell in cells]
        if not any(cells):
            continue
        if first and _is_header(cells):
            first = False
            continue
        first = False
        padded = (cells + ["", ""])[:3]
        rows.append(ImportRow(*padded, line=reader.line_num))
    return rows


def number_rows(rows: Iterable[ImportRow | Sequence[str]]) -> list[ImportRow]:
    """Rows as ``ImportRow``; plain ``(code, name, urban_rural_class)`` tuples are numbered from 1."""
    numbered = []
    for index, row in enumerate(rows, 1):
        if isinstance(row, ImportRow):
            numbered.append(row if row.line else row._replace(line=index))
        else:
            cells = ([str(cell or "").strip() for cell in row] + ["", ""])[:3]
            numbered.append(ImportRow(*cells, line=index))
    return numbered


# Checking rows


def _code_problem(code: str) -> str | None:
    if not code:
        return _("the code is empty")
    if not code.isdigit():
        return _("the code must contain digits only")
    if len(code) not in (6, 12):
        return _("the code must have 6 or 12 digits")
    if code_shape(code) is None and len(code) == 6:
        return _("%(code)s is a province or grouping code, not a county-level unit") % {"code": code}
    if code_shape(code) is None:
        return _("%(code)s is a county or higher code in 12-digit form; use the 6-digit code") % {"code": code}
    return None


def _row_problems(row: ImportRow, shape: CodeShape | None) -> list[str]:
    problems = [problem] if (problem := _code_problem(row.code)) else []
    if shape is not None and unit_kind(row.code, shape.level, row.urban_rural_class) is None:
        problems.append(_("township-level segment %(segment)s is outside the ranges 001–599")
                        % {"segment": row.code[6:9]})
    if not row.name:
        problems.append(_("the name is empty"))
    elif len(row.name) > NAME_MAX_LENGTH:
        problems.append(_("the name is longer than %(max)d characters") % {"max": NAME_MAX_LENGTH})
    if row.urban_rural_class and row.urban_rural_class not in URBAN_RURAL_CLASSES:
        problems.append(_("unknown urban-rural class %(value)s") % {"value": row.urban_rural_class})
    elif row.urban_rural_class and shape is not None and shape.level != Level.COMMUNITY:
        problems.append(_("an urban-rural class is given only for communities and villages"))
    return problems


def _check_rows(rows: list[ImportRow], errors: list[RowError]) -> list[tuple[ImportRow, CodeShape]]:
    """Rows that pass the checks needing no database, in file order; the rest go to ``errors``."""
    good, first_line = [], {}
    for row in rows:
        shape = code_shape(row.code)
        problems = _row_problems(row, shape)
        if row.code in first_line:
            problems.append(_("code %(code)s already appears on line %(line)d")
                            % {"code": row.code, "line": first_line[row.code]})
        first_line.setdefault(row.code, row.line)
        errors.extend(RowError(row.line, row.code, problem) for problem in problems)
        if not problems:
            good.append((row, shape))
    return good


# Checking against the database


class _Existing:
    """The units already stored under the codes a file mentions: current ones, and retired-only codes."""

    def __init__(self, codes: set[str]):
        self.current: dict[str, Division] = {}
        self.retired: dict[str, Division] = {}
        ordered = sorted(codes)
        for start in range(0, len(ordered), LOOKUP_BATCH):
            for unit in Division.objects.filter(code__in=ordered[start:start + LOOKUP_BATCH]).order_by("valid_to"):
                target = self.current if unit.valid_to is None else self.retired
                target[unit.code] = unit


class _Area:
    """Where the actor may create and rename units; no actor (the command line) may do so anywhere."""

    def __init__(self, actor):
        self.unrestricted = actor is None or actor.is_superuser
        self.paths = {} if self.unrestricted else {
            action: actor.area_paths(get_permission_for_model(Division, action)) for action in ("add", "change")
        }

    def allows(self, path: str, action: str) -> bool:
        return self.unrestricted or any(path.startswith(granted) for granted in self.paths[action])


def _level_key(item: tuple[ImportRow, CodeShape]) -> int:
    return LEVEL_ORDER.index(item[1].level)


def plan_import(rows: Iterable[ImportRow | Sequence[str]], *, actor=None) -> ImportPlan:
    """Check every row of a code list for ``actor`` and say what importing it would do.

    Args:
        rows: ``ImportRow``s (from ``read_rows``) or plain ``(code, name, urban_rural_class)`` tuples.
        actor: the user importing; rows outside the area where they may add (new units) or change
            (existing units) divisions are bad rows. None means the command line: no area limit.

    Returns:
        The plan; when ``errors`` is not empty nothing may be written.
    """
    rows = number_rows(rows)
    plan = ImportPlan(rows=len(rows))
    good = _check_rows(rows, plan.errors)
    file_codes = {row.code for row in rows}
    existing = _Existing(file_codes | {shape.parent_code for _row, shape in good})
    area, paths = _Area(actor), {code: unit.path for code, unit in existing.current.items()}
    for row, shape in sorted(good, key=_level_key):
        problem = _plan_row(plan, row, shape, existing, area, paths, file_codes)
        if problem:
            plan.errors.append(RowError(row.line, row.code, problem))
    plan.errors.sort(key=lambda error: error.line)
    return plan


def _plan_row(plan: ImportPlan, row: ImportRow, shape: CodeShape, existing: _Existing, area: _Area,
              paths: dict[str, str], file_codes: set[str]) -> str | None:
    """Add ``row`` to the plan, or return why it cannot be imported."""
    current = existing.current.get(row.code)
    if current is not None:
        return _plan_update(plan, row, current, area)
    if row.code in existing.retired:
        return (_("division %(code)s was retired on %(date)s and cannot be imported again")
                % {"code": row.code, "date": existing.retired[row.code].valid_to.isoformat()})
    parent_path = paths.get(shape.parent_code)
    if parent_path is None and shape.parent_code in file_codes:
        return None  # the parent row itself is bad and already reported
    if parent_path is None and shape.parent_code in existing.retired:
        return _("parent division %(code)s is retired") % {"code": shape.parent_code}
    if parent_path is None:
        return _("unknown parent division %(code)s") % {"code": shape.parent_code}
    paths[row.code] = f"{parent_path}{row.code}{PATH_SEPARATOR}"
    if not area.allows(paths[row.code], "add"):
        return _("division %(code)s is outside your area") % {"code": row.code}
    kind = unit_kind(row.code, shape.level, row.urban_rural_class)
    plan.creates.append(NewUnit(row, shape.level, kind, shape.parent_code))
    return None


def _plan_update(plan: ImportPlan, row: ImportRow, unit: Division, area: _Area) -> str | None:
    """Rename ``unit`` (and set its class) when the row differs; real data also clears the demo flag."""
    kind = unit_kind(row.code, unit.level, row.urban_rural_class)
    new = {"name": row.name, "urban_rural_class": row.urban_rural_class, "kind": kind, "is_demo": False}
    if all(getattr(unit, name) == value for name, value in new.items()):
        plan.unchanged += 1
        return None
    if not area.allows(unit.path, "change"):
        return _("division %(code)s is outside your area") % {"code": row.code}
    for name, value in new.items():
        setattr(unit, name, value)
    plan.updates.append(unit)
    return None
