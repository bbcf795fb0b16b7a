"""The front matter before the plan body: the notice (title, document number, recipients, text,
signature and date) and the plan title.

Every part is optional: a plan may come without its notice, and a notice may omit the plan
title, which is then taken from 《…》 in the notice or from "关于印发…的通知"."""

import datetime
import re
from dataclasses import dataclass

from .dates import DATE_PATTERN, parse_date
from .headings import is_heading_start
from .lines import is_page_number
from .text import has_punctuation

__all__ = ["FrontMatter", "split_front_matter"]

_NOTICE_END_RE = re.compile(r"(通知|通报|意见|决定|函|批复|公告|通告)$")
_DOC_NUMBER = r"[\u4e00-\u9fff]{1,12}\s*[〔\[(【]\s*\d{4}\s*[〕\])】]\s*\d{1,4}\s*号"
_DOC_NUMBER_RE = re.compile(_DOC_NUMBER)
_DATE_LINE_RE = re.compile(rf"^(?P<signer>[^，,。；;：:()]{{0,30}}?)\s*(?P<date>{DATE_PATTERN})$")
_ATTACHMENT_RE = re.compile(r"^附件\s*\d*\s*[:：]?\s*$|^[(](此件|本件)[^)]{0,12}[)]$")
_PLAN_IN_NOTICE_RE = re.compile(r"《([^《》]{4,60}(?:要点|计划|方案|安排|规划|意见|任务|目标)[^《》]{0,10})》")
_PLAN_IN_TITLE_RE = re.compile(r"(?:印发|转发|下达)《?(.+?)》?的(?:通知|函)$")
_TITLE_MAX = 60
_NOTICE_MAX_LINES = 40
_HEAD_LINES = 4


@dataclass
class FrontMatter:
    """What precedes the plan body; ``body_start`` indexes the first body line."""

    notice_title: str = ""
    doc_number: str | None = None
    recipients: str | None = None
    signer: str | None = None
    date: datetime.date | None = None
    title: str = ""
    body_start: int = 0


def split_front_matter(lines: list[str]) -> FrontMatter:
    """Read the notice and the plan title from the start of ``lines`` (header already removed)."""
    front, stripped = FrontMatter(), [line.strip() for line in lines]
    index = _skip_blank(stripped, 0)
    front.notice_title, front.doc_number, index = _notice_head(stripped, index)
    front.recipients, index = _recipients(stripped, index)
    notice_start = index
    if front.notice_title or front.recipients:
        index = _notice_body(stripped, index, front)
    index = _skip_attachment_lines(stripped, index)
    front.title, front.body_start = _plan_title(stripped, index)
    front.title = front.title or _title_from_notice(front.notice_title, stripped[notice_start:index])
    return front


def _skip_blank(lines: list[str], index: int) -> int:
    while index < len(lines) and (not lines[index] or is_page_number(lines[index])):
        index += 1
    return index


def _notice_head(lines: list[str], start: int) -> tuple[str, str | None, int]:
    """The notice title and the document number. A letterhead (某某局文件), the database's title
    or the document number may come before the title, so it is looked for in the first lines."""
    index, doc_number = start, None
    for _ in range(_HEAD_LINES):
        title, after = _notice_title(lines, index)
        if title:
            number, after = _doc_number_line(lines, after)
            return title, doc_number or number, after
        number, _ = _doc_number_line(lines, index)
        doc_number = doc_number or number
        if not number and (index >= len(lines) or not _is_title_line(lines[index])):
            break
        index = _skip_blank(lines, index + 1)
    number, after = _doc_number_line(lines, start)
    return "", number, after


def _notice_title(lines: list[str], index: int) -> tuple[str, int]:
    """A notice title ("…关于印发…的通知"), possibly broken over up to three lines."""
    joined = ""
    for end in range(index, min(index + 3, len(lines))):
        joined += lines[end]
        if not lines[end] or len(joined) > 100 or _ends_sentence(lines[end]) or _is_letterhead(lines[end]):
            break
        if _NOTICE_END_RE.search(joined) and ("关于" in joined or "印发" in joined):
            return joined, _dedupe(lines, _skip_blank(lines, end + 1), joined)
    return "", index


def _is_letterhead(line: str) -> bool:
    """A letterhead (天津市民政局文件) or a document number line, never part of a title."""
    return line.endswith("文件") or bool(_DOC_NUMBER_RE.fullmatch(line))


def _dedupe(lines: list[str], index: int, title: str) -> int:
    """Skip a repetition of the notice title (the database's title line, then the text's own)."""
    if index < len(lines) and lines[index] == title:
        return _skip_blank(lines, index + 1)
    return index


def _doc_number_line(lines: list[str], index: int) -> tuple[str | None, int]:
    if index < len(lines) and len(lines[index]) <= 30 and _DOC_NUMBER_RE.fullmatch(lines[index]):
        return re.sub(r"\s+", "", lines[index]), _skip_blank(lines, index + 1)
    return None, index


def _recipients(lines: list[str], index: int) -> tuple[str | None, int]:
    """The addressees, e.g. "各区县民政局,局机关各处室,局属各单位:", on up to three lines when
    they start with 各."""
    joined = ""
    for end in range(index, min(index + 3, len(lines))):
        joined += lines[end]
        if not lines[end] or len(joined) > 150 or "。" in joined or is_heading_start(lines[index]):
            break
        if joined[-1] in "：:":
            return joined.rstrip("：:"), _skip_blank(lines, end + 1)
        if not joined.startswith("各"):
            break
    return None, index


def _notice_body(lines: list[str], index: int, front: FrontMatter) -> int:
    """Skip the notice text up to its date line; record signature and date. Without a date line,
    the notice ends before the first short unpunctuated line (the plan title)."""
    limit = min(len(lines), index + _NOTICE_MAX_LINES)
    for end in range(index, limit):
        if is_heading_start(lines[end]):
            break
        match = _DATE_LINE_RE.match(lines[end])
        if match and len(lines[end]) <= 45:
            front.date = parse_date(match.group("date"))
            front.signer = match.group("signer").strip() or _signature(lines, index, end)
            return _skip_blank(lines, end + 1)
    for end in range(index, limit):
        if lines[end] and _is_title_line(lines[end]):
            return end
    return index


def _signature(lines: list[str], start: int, date_index: int) -> str | None:
    if date_index > start and _is_title_line(lines[date_index - 1]) and len(lines[date_index - 1]) <= 30:
        return lines[date_index - 1]
    return None


def _skip_attachment_lines(lines: list[str], index: int) -> int:
    while index < len(lines) and (not lines[index] or _ATTACHMENT_RE.match(lines[index])):
        index += 1
    return index


def _plan_title(lines: list[str], index: int) -> tuple[str, int]:
    """The plan title: up to three short unpunctuated lines; a dated subtitle after it is skipped."""
    parts: list[str] = []
    while index < len(lines) and len(parts) < 3 and lines[index] and _is_title_line(lines[index]):
        if parts and lines[index] == parts[-1]:
            break
        parts.append(lines[index])
        index += 1
    while parts and index < len(lines) and (_is_subtitle(lines[index]) or lines[index] in ("", parts[-1])):
        index += 1
    return "".join(parts), index


def _is_title_line(line: str) -> bool:
    if len(line) > _TITLE_MAX or is_heading_start(line) or is_page_number(line):
        return False
    return not has_punctuation(line) and not _DATE_LINE_RE.match(line)


def _is_subtitle(line: str) -> bool:
    return bool(_DATE_LINE_RE.match(line)) or (line[:1] == "(" and line[-1:] == ")" and len(line) <= 40)


def _ends_sentence(line: str) -> bool:
    return line[-1:] in "。；;：:"


def _title_from_notice(notice_title: str, notice_lines: list[str]) -> str:
    for line in notice_lines:
        match = _PLAN_IN_NOTICE_RE.search(line)
        if match:
            return match.group(1)
    match = _PLAN_IN_TITLE_RE.search(notice_title)
    return match.group(1) if match else notice_title

