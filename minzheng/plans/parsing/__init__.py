"""A general parser of Chinese government work-plan notices (工作要点, 工作计划, 实施方案).

``parse_plan(text)`` gives a ``PlanDocument`` (header fields, notice, chapters, items, tasks and
quantified targets); ``read_plan_file(path)`` decodes a plan file in UTF-8 or GB18030."""

from .document import Chapter, Item, PlanDocument, Target
from .encoding import decode_plan_bytes, read_plan_file
from .numerals import chinese_to_int, parse_number
from .parser import parse_plan

__all__ = [
    "Chapter",
    "Item",
    "PlanDocument",
    "Target",
    "chinese_to_int",
    "decode_plan_bytes",
    "parse_number",
    "parse_plan",
    "read_plan_file",
]
