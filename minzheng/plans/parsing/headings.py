"""Heading markers at the start of a paragraph: 一、 (一) 1. (1) ① 第一， 第一部分, and unnumbered
blocks such as 总的要求 or 主要内容.

Each marker has a style; styles rank as in official documents (GB/T 9704: 一、 above (一) above
1. above (1)), and a plan's chapter and item levels are its two highest numbered styles."""

import re
from dataclasses import dataclass

from .numerals import chinese_to_int
from .text import has_punctuation

__all__ = ["BLOCK", "PART", "STYLE_RANK", "Marker", "is_heading_start", "match_block", "match_marker"]

PART = "part"
BLOCK = "block"
_CN = "一二三四五六七八九十"
_PATTERNS = [
    (PART, re.compile(rf"^第\s*([{_CN}]{{1,3}}|\d{{1,2}})\s*(?:部分|章|篇|编)\s*[、.,，:：]?\s*")),
    ("ordinal", re.compile(rf"^第([{_CN}]{{1,3}})\s*[、.,，:：]\s*")),
    ("cn", re.compile(rf"^([{_CN}]{{1,3}})\s*[、.]\s*")),
    ("paren_cn", re.compile(rf"^[(〔]\s*([{_CN}]{{1,3}})\s*[)〕]\s*[、.,，]?\s*")),
    ("arabic", re.compile(r"^(\d{1,2})\s*(?:[.、](?!\d)|,(?!\d)|，)\s*")),
    ("paren_arabic", re.compile(r"^[(]\s*(\d{1,2})\s*[)]\s*[、.,，]?\s*")),
    ("circled", re.compile(r"^([①-⑳])\s*")),
]
STYLE_RANK = {PART: 0, "ordinal": 1, "cn": 1, "paren_cn": 2, "arabic": 3, "paren_arabic": 4, "circled": 5}

_BLOCK_NAMES = ("总的要求", "总体要求", "指导思想", "基本原则", "主要内容", "工作重点", "重点工作", "主要任务",
                "重点任务", "目标任务", "主要目标", "工作目标", "总体目标", "保障措施", "工作要求", "组织实施",
                "实施步骤", "工作措施", "主要措施", "工作安排")
_BLOCK_SUFFIXES = ("要求", "内容", "任务", "目标", "措施", "原则", "思想", "步骤", "安排")
_BLOCK_RE = re.compile(r"^([^\s，,。；;：:、]{2,10}?)\s*[：:]\s*(.*)$")


@dataclass(frozen=True)
class Marker:
    """A heading marker: its style, its value (一 → 1), the numeral as written and the text after."""

    style: str
    value: int
    label: str
    rest: str


def match_marker(paragraph: str) -> Marker | None:
    """The numbered heading marker that starts ``paragraph``, if any."""
    for style, pattern in _PATTERNS:
        match = pattern.match(paragraph)
        if match:
            label = match.group(1)
            return Marker(style, _value(label), label, paragraph[match.end():].strip())
    return None


def match_block(paragraph: str) -> tuple[str, str] | None:
    """An unnumbered block heading ("总的要求", or "主要内容:" followed by its text) as (title, rest)."""
    stripped = paragraph.strip()
    bare = stripped.rstrip("：:。")
    if len(bare) <= 10 and not has_punctuation(bare) and _is_block_name(bare):
        return bare, ""
    match = _BLOCK_RE.match(stripped)
    if match and match.group(1) in _BLOCK_NAMES:
        return match.group(1), match.group(2).strip()
    return None


def is_heading_start(paragraph: str) -> bool:
    """Whether a line opens a new section (a numbered marker or a block heading)."""
    return match_marker(paragraph) is not None or match_block(paragraph) is not None


def _is_block_name(text: str) -> bool:
    return text in _BLOCK_NAMES or (len(text) >= 4 and text.endswith(_BLOCK_SUFFIXES))


def _value(label: str) -> int:
    if "①" <= label <= "⑳":
        return ord(label) - ord("①") + 1
    if label.isdigit():
        return int(label)
    return chinese_to_int(label)
