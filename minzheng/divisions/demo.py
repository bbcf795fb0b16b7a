"""Demo data: a plausible street/township layer under every current district, with communities and villages.

The streets are listed in ``data/tianjin_demo.json`` (real names and codes from REFERENCE.md §2.3
where known, marked ``true``; otherwise plausible names with codes in the right ranges). Each
street gets 2–4 communities or villages, named from the file's suffixes. Every unit is
``is_demo=True``.
"""

import json
from pathlib import Path

from minzheng.divisions import services
from minzheng.divisions.choices import Kind, Level
from minzheng.divisions.codes import street_kind, unit_kind
from minzheng.divisions.models import Division

__all__ = ["DEMO_FILE", "create_demo_divisions"]

DEMO_FILE = Path(__file__).resolve().parent / "data" / "tianjin_demo.json"
_NAME_SUFFIXES = ("街道", "镇", "乡")


def _stem(name: str) -> str:
    return next((name.removesuffix(suffix) for suffix in _NAME_SUFFIXES if name.endswith(suffix)), name)


def _village_layout(data: dict, kind: str, district_code: str, count: int) -> list[tuple[int, str, str]]:
    """(village-level segment, name suffix, urban-rural class) of the units under a street of ``kind``."""
    if kind == Kind.TOWN:
        villages = [(201 + i, data["village_suffixes"][i], "220") for i in range(count - 1)]
        return [(1, data["town_centre_suffix"], "121"), *villages]
    if kind == Kind.TOWNSHIP:
        return [(201 + i, data["village_suffixes"][i], "210" if i == 0 else "220") for i in range(count)]
    central = district_code in data["central_districts"]
    urban_class = "123" if kind == Kind.SPECIAL else data["urban_class_central" if central else "urban_class_outer"]
    return [(1 + i, data["community_suffixes"][i], urban_class) for i in range(count)]


def _street_units(data: dict, district_code: str, index: int, street: list) -> list[tuple[Division, str]]:
    """The street and its 2–4 communities or villages, as ``(unit, parent code)`` pairs."""
    segment, name, *real = street
    code, kind = f"{district_code}{segment}000", street_kind(f"{district_code}{segment}000")
    remarks = data["remarks_real"] if real else data["remarks"]
    units = [(Division(code=code, name=name, level=Level.STREET, kind=kind, is_demo=True, remarks=remarks),
              district_code)]
    for number, suffix, urban_class in _village_layout(data, kind, district_code, 2 + index % 3):
        village_code = f"{code[:9]}{number:03d}"
        units.append((Division(
            code=village_code, name=f"{_stem(name)}{suffix}", level=Level.COMMUNITY, is_demo=True,
            kind=unit_kind(village_code, Level.COMMUNITY, urban_class), urban_rural_class=urban_class,
            remarks=data["remarks"],
        ), code))
    return units


def create_demo_divisions() -> int:
    """Create the demo streets, communities and villages that do not exist yet; returns how many were created.

    Loads the reference data first (idempotent), then covers every current district listed in
    the demo file. Running it again creates nothing.
    """
    services.load_reference()
    data = json.loads(DEMO_FILE.read_text(encoding="utf-8"))
    districts = services.current_units(data["streets"])
    units = [
        pair
        for district_code, streets in data["streets"].items() if district_code in districts
        for index, street in enumerate(streets)
        for pair in _street_units(data, district_code, index, street)
    ]
    existing = set(Division.objects.filter(code__in=[unit.code for unit, _parent in units])
                   .values_list("code", flat=True))
    new = [(unit, parent) for unit, parent in units if unit.code not in existing]
    return len(services.create_units(new, actor=None))
