"""The records passed between the import's checking and writing steps."""

import datetime
from dataclasses import dataclass, field

from minzheng.divisions.models import Division
from minzheng.registry.models import Person

__all__ = ["Entry", "RowError"]


@dataclass(frozen=True)
class RowError:
    """A bad row: its line in the file, the column (header as written), the value as written, and why."""

    line: int
    column: str
    value: str
    reason: str


@dataclass(slots=True)
class Entry:
    """A row that passed its own checks, normalised; the database passes fill in the units and the person."""

    line: int
    name: str
    id_number: str | None = None
    registry_number: str | None = None
    sex: str = ""
    birth_date: datetime.date | None = None
    #: Optional person columns present in the file (ethnicity, address, phone, …), normalised.
    values: dict[str, str] = field(default_factory=dict)
    hukou_code: str = ""
    #: None when the file has no residence column (the stored residence is kept).
    residence_code: str | None = None
    household_number: str = ""
    relation: str = ""
    household_kind: str = ""
    hukou: Division | None = None
    residence: Division | None = None
    person: Person | None = None
