"""``parse_plan``: from the text of a work-plan notice to a ``PlanDocument``.

The steps: normalize characters, take the legal-database header, the notice and the plan title
off the front, repair the body's lines into paragraphs, find chapters and items, then read each
item's title, tasks and targets."""

import re

from .document import Chapter, PlanDocument
from .front import FrontMatter, split_front_matter
from .header import Header, split_header
from .items import build_item, implicit_item
from .lines import repair_lines
from .numerals import chinese_to_int
from .outline import ChapterDraft, build_outline
from .text import normalize_text

__all__ = ["parse_plan"]

_YEAR_RE = re.compile(r"(\d{4}|[〇○零一二三四五六七八九]{4})\s*(?:年|—|-|－|–)")


def parse_plan(text: str) -> PlanDocument:
    """Parse the plain text of a work-plan notice (header, notice and plan are each optional)."""
    header, lines = split_header(normalize_text(text).split("\n"))
    front = split_front_matter(lines)
    paragraphs = repair_lines(lines[front.body_start:], front.title)
    preamble, drafts = build_outline(paragraphs)
    plan = _plan(header, front)
    plan.preamble = "\n".join(preamble)
    plan.chapters = _chapters(drafts, plan.year)
    return plan


def _plan(header: Header, front: FrontMatter) -> PlanDocument:
    published = header.published or front.date
    return PlanDocument(
        title=front.title,
        notice_title=front.notice_title,
        issuer=header.issuer or front.signer or _issuer_from_title(front.notice_title),
        doc_number=header.doc_number or front.doc_number,
        published=published,
        effective=header.effective,
        level=header.level,
        status=header.status,
        topic=header.topic,
        year=_year(front.title) or _year(front.notice_title) or (published.year if published else None),
        recipients=front.recipients,
    )


def _chapters(drafts: list[ChapterDraft], year: int | None) -> list[Chapter]:
    chapters, number = [], 0
    for index, draft in enumerate(drafts, start=1):
        chapter = Chapter(number=index, label=draft.label, title=draft.title)
        if draft.items:
            chapter.intro = "\n".join(draft.intro)
            for item in draft.items:
                number += 1
                chapter.items.append(build_item(number, item.label, item.heading, item.paragraphs, year))
        else:
            number += 1
            chapter.items.append(implicit_item(number, draft.title, draft.intro, year))
        chapters.append(chapter)
    return chapters


def _issuer_from_title(notice_title: str) -> str | None:
    head = notice_title.partition("关于")[0].strip()
    return head if notice_title and head and len(head) <= 40 else None


def _year(title: str) -> int | None:
    match = _YEAR_RE.search(title or "")
    if not match:
        return None
    digits = match.group(1)
    return int(digits) if digits.isdigit() else chinese_to_int(digits)

