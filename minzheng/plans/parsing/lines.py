"""Line repair: turn the raw lines of a plan body into whole paragraphs.

Text copied from PDFs and legal databases breaks lines in mid-sentence, carries page numbers
("- 3 -", "第3页") and stray page furniture (running heads, a line such as "天津人才服务中心"
between two items). Lines are joined when the previous one does not end a sentence; short lines
without punctuation that follow a finished sentence and fit no heading are dropped."""

import re
from collections import Counter
from dataclasses import dataclass

from .headings import is_heading_start, match_block, match_marker
from .text import display_width, ends_closed, has_punctuation

__all__ = ["is_page_number", "repair_lines"]

_PAGE_NUMBER_RE = re.compile(
    r"^[-—–~·_\s]*\d{1,3}[-—–~·_\s]*$|^第\s*\d{1,3}\s*页(\s*[,，/]?\s*共\s*\d{1,3}\s*页)?$|^\d{1,3}\s*/\s*\d{1,3}$"
)
_END_MATTER_RE = re.compile(r"^(抄送|抄报|主题词|分送)[:：]|^.{0,30}\d{4}年\d{1,2}月\d{1,2}日印发$")
_DROPPED_RE = re.compile(r"^[(](此件|本件)[^)]{0,12}[)]$")
_SHORT = 20
_FRAGMENT = 3
_NUMERALS = "一二三四五六七八九十0123456789"


def is_page_number(line: str) -> bool:
    return bool(_PAGE_NUMBER_RE.match(line.strip()))


def repair_lines(lines: list[str], title: str = "") -> list[str]:
    """Whole paragraphs (stripped) from raw body lines (with their indentation)."""
    lines = _until_end_matter(lines)
    lines = [line for line in lines if line.strip() and not _is_noise(line)]
    lines = _without_running_heads(lines, title)
    paragraphs = _join(lines, _layout(lines))
    return [paragraph for paragraph in paragraphs if not _is_bare(paragraph)]


def _until_end_matter(lines: list[str]) -> list[str]:
    for index, line in enumerate(lines):
        if _END_MATTER_RE.match(line.strip()):
            return lines[:index]
    return lines


def _is_noise(line: str) -> bool:
    return is_page_number(line) or bool(_DROPPED_RE.match(line.strip()))


def _is_bare(line: str) -> bool:
    """A short line without punctuation that is no heading: a title, a signature or furniture."""
    stripped = line.strip()
    return len(stripped) <= _SHORT and not has_punctuation(stripped) and not is_heading_start(stripped)


def _without_running_heads(lines: list[str], title: str) -> list[str]:
    """Drop bare lines repeated on several pages, and running heads equal to the plan title."""
    counts = Counter(line.strip() for line in lines if _is_bare(line))
    repeated = {line for line, count in counts.items() if count > 1}
    if title:
        repeated.add(title)
    return [line for line in lines if line.strip() not in repeated]


@dataclass(frozen=True)
class _Layout:
    """How a document lays out paragraphs: by indenting their first line (``base_indent`` is the
    least indentation, None when indentation tells nothing) and by wrapping lines at a width."""

    base_indent: int | None
    full_width: int

    def starts_paragraph(self, line: str) -> bool:
        return self.base_indent is not None and len(line) - len(line.lstrip()) > self.base_indent

    def is_wrapped(self, line: str) -> bool:
        """Whether a line fills the width at which the document wraps (so it was cut there)."""
        return display_width(line) >= 0.8 * self.full_width


def _layout(lines: list[str]) -> _Layout:
    widths = [len(line) - len(line.lstrip()) for line in lines]
    lengths = sorted(display_width(line.strip()) for line in lines)
    full_width = lengths[3 * len(lengths) // 4] if lengths else 0
    if not widths:
        return _Layout(None, full_width)
    base = min(widths)
    share = sum(width > base for width in widths) / len(widths)
    return _Layout(None if share < 0.15 or share == 1 else base, max(full_width, 30))


def _join(lines: list[str], layout: _Layout) -> list[str]:
    paragraphs: list[str] = []
    last_line = ""
    for line in lines:
        stripped = line.strip()
        previous = paragraphs[-1] if paragraphs else None
        starts_paragraph = layout.starts_paragraph(line)
        if _is_orphan(stripped, previous, starts_paragraph):
            continue
        if previous is not None and _continues(previous, last_line, stripped, starts_paragraph, layout):
            paragraphs[-1] = previous + stripped
        else:
            paragraphs.append(stripped)
        last_line = stripped
    return paragraphs


def _is_orphan(line: str, previous: str | None, starts_paragraph: bool) -> bool:
    """Page furniture: a bare line after a finished sentence that is not an indented paragraph."""
    return _is_bare(line) and not starts_paragraph and previous is not None and ends_closed(previous)


def _continues(previous: str, last_line: str, line: str, starts_paragraph: bool, layout: _Layout) -> bool:
    """Whether ``line`` continues the paragraph ``previous`` (whose last line is ``last_line``).

    A heading line on its own ("一、总体要求") is continued only when the document shows that it
    was cut: by indenting paragraphs, or by the heading filling the wrapping width."""
    if is_heading_start(line):
        return _cut_enumeration(previous, line)
    if _marker_only(previous):
        return True
    if ends_closed(previous) or starts_paragraph:
        return False
    if layout.base_indent is not None or layout.is_wrapped(last_line) or len(line) <= _FRAGMENT:
        return True
    return not _standalone_heading(previous)


def _cut_enumeration(previous: str, line: str) -> bool:
    """"…推动一" + "二、三级医院…": a line that looks like a heading but continues a list of numerals."""
    return not ends_closed(previous) and not _standalone_heading(previous) and previous[-1:] in _NUMERALS


def _marker_only(paragraph: str) -> bool:
    marker = match_marker(paragraph)
    return marker is not None and not marker.rest


def _standalone_heading(paragraph: str) -> bool:
    """A heading line on its own ("一、总体要求"), as opposed to a heading opening a long paragraph."""
    if match_block(paragraph):
        return True
    marker = match_marker(paragraph)
    return marker is not None and len(marker.rest) <= 40 and "。" not in marker.rest
