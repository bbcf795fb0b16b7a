"""Which divisions a report breaks its figures down by."""

from minzheng.divisions.models import Division
from minzheng.indicators.areas import area_roots

__all__ = ["report_units"]


def report_units(user, division: Division | None, perm: str) -> tuple[Division | None, list[Division]]:
    """The division a report is about and its rows: the division's children (itself when it has none).

    Without a chosen division, the report is about the top of ``user``'s area (where ``user`` holds
    ``perm``); a user whose area has several tops gets one row for each, and no single division.
    """
    if division is None:
        roots = area_roots(user, perm)
        if len(roots) != 1:
            return None, roots
        division = roots[0]
    children = list(division.children.order_by("path"))
    return division, children or [division]
