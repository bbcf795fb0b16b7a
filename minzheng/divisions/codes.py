"""What a division code says about its unit: level, parent and kind (REFERENCE.md §2.1, §2.3).

A 6-digit GB/T 2260 code is a county-level unit under its province (天津: 12 → 120000; the
grouping codes 120100 市辖区 and 120200 县 are not units of the tree). A 12-digit NBS statistical
code is the county code, a 3-digit township segment and a 3-digit village segment; ``000`` in
the village segment marks the township-level unit itself.
"""

from typing import NamedTuple

from minzheng.divisions.choices import Kind, Level, UrbanRuralClass

__all__ = ["URBAN_RURAL_CLASSES", "CodeShape", "code_shape", "county_kind", "street_kind", "unit_kind"]

COUNTY_CODE_LENGTH = 6
STATISTICAL_CODE_LENGTH = 12
URBAN_RURAL_CLASSES = frozenset(UrbanRuralClass.values)
VILLAGE_CLASS_PREFIX = "2"

# Township-level segment (REFERENCE.md §2.3): 001–099 街道, 100–199 镇, 200–399 乡, 400–599 开发区/farms.
_STREET_RANGES = ((1, 99, Kind.SUBDISTRICT), (100, 199, Kind.TOWN), (200, 399, Kind.TOWNSHIP), (400, 599, Kind.SPECIAL))
# County-level digits 5–6 (REFERENCE.md §2.1): 01–20 districts, 21–70 counties; others (cities) have no Kind.
_COUNTY_RANGES = ((1, 20, Kind.DISTRICT), (21, 70, Kind.COUNTY))


class CodeShape(NamedTuple):
    """The level of a well-formed code and the code of the unit directly above it."""

    level: str
    parent_code: str


def code_shape(code: str) -> CodeShape | None:
    """Level and parent of ``code``; None unless it is a county, township or village code of digits."""
    if not code.isdigit():
        return None
    if len(code) == COUNTY_CODE_LENGTH:
        return CodeShape(Level.DISTRICT, code[:2] + "0000") if code[4:] != "00" else None
    if len(code) != STATISTICAL_CODE_LENGTH or code[6:9] == "000":
        return None
    if code[9:] == "000":
        return CodeShape(Level.STREET, code[:6])
    return CodeShape(Level.COMMUNITY, code[:9] + "000")


def county_kind(code: str) -> str:
    """Kind of a 6-digit county-level code: district, county, or blank for county-level cities."""
    number = int(code[4:6])
    return next((kind for low, high, kind in _COUNTY_RANGES if low <= number <= high), "")


def street_kind(code: str) -> str | None:
    """Kind of a township-level unit from its 3-digit segment; None outside the known ranges 001–599."""
    number = int(code[6:9])
    return next((kind for low, high, kind in _STREET_RANGES if low <= number <= high), None)


def unit_kind(code: str, level: str, urban_rural_class: str = "") -> str | None:
    """Kind of the unit with ``code`` at ``level``; None when the township segment is out of range.

    Village-level units are villages (村) when their urban-rural class is 2xx and communities
    (社区) otherwise: the NBS practice observed in REFERENCE.md §2.3, not a stated rule.
    """
    if level == Level.DISTRICT:
        return county_kind(code)
    if level == Level.STREET:
        return street_kind(code)
    return Kind.VILLAGE if urban_rural_class.startswith(VILLAGE_CLASS_PREFIX) else Kind.COMMUNITY
