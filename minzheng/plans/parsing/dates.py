"""Dates as written in notices: 2014.01.15, 2014-1-15, 2014年1月15日, 二〇一四年一月十五日."""

import datetime
import re

from .numerals import chinese_to_int

__all__ = ["DATE_PATTERN", "parse_date"]

_YEAR = r"\d{4}|[〇○零一二三四五六七八九]{4}"
_PART = r"\d{1,2}|[一二三四五六七八九十]{1,3}"
DATE_PATTERN = rf"(?:{_YEAR})\s*[年./-]\s*(?:{_PART})\s*[月./-]\s*(?:{_PART})\s*日?"
_DATE_RE = re.compile(rf"({_YEAR})\s*[年./-]\s*({_PART})\s*[月./-]\s*({_PART})")


def parse_date(text: str | None) -> datetime.date | None:
    """The first date in ``text``, or None when there is none or it is not a real day."""
    match = _DATE_RE.search(text or "")
    if not match:
        return None
    try:
        return datetime.date(*(_number(part) for part in match.groups()))
    except ValueError:
        return None


def _number(part: str) -> int:
    return int(part) if part.isdigit() else chinese_to_int(part)
