"""One work item from its heading and paragraphs: title, text, task sentences and targets."""

import re

from .document import Item
from .targets import extract_targets
from .text import SENTENCE_BREAKS, first_unprotected, split_unprotected

__all__ = ["build_item", "implicit_item", "split_tasks", "split_title"]

_TITLE_BREAKS = SENTENCE_BREAKS + "：:"
_ENUMERATION_RE = re.compile(
    r"^(?:\d{1,2}[.、]|\(\d{1,2}\)|[①-⑳]|[一二三四五六七八九十]{1,2}是|其[一二三四五六七八九十]\s*[,，]?)\s*"
)
_TRAILING_PUNCTUATION = "。；;，,、：:！？!? "


def split_title(heading: str) -> tuple[str, str]:
    """The first sentence of a heading ("推进美丽社区建设") and the text after it."""
    end = first_unprotected(heading, _TITLE_BREAKS)
    if end == -1:
        return heading.strip(), ""
    return heading[:end].strip(), heading[end + 1:].strip()


def build_item(number: int, label: str, heading: str, paragraphs: list[str], year: int | None) -> Item:
    """An item; ``heading`` is the text after its marker, ``paragraphs`` the text below it."""
    paragraphs = [paragraph for paragraph in paragraphs if paragraph]
    if not heading and paragraphs:
        heading, paragraphs = paragraphs[0], paragraphs[1:]
    title, rest = split_title(heading)
    body = [rest, *paragraphs] if rest else paragraphs
    return Item(
        number=number,
        label=label,
        title=title,
        text="\n".join(body),
        tasks=split_tasks(body) or ([title] if title else []),
        targets=extract_targets("\n".join([title, *body]), year),
    )


def split_tasks(paragraphs: list[str]) -> list[str]:
    """The task sentences of an item, without enumeration markers (1. 一是) or end punctuation."""
    tasks = []
    for paragraph in paragraphs:
        for sentence in split_unprotected(paragraph, SENTENCE_BREAKS):
            task = _ENUMERATION_RE.sub("", sentence).strip(_TRAILING_PUNCTUATION)
            if task:
                tasks.append(task)
    return tasks


def implicit_item(number: int, title: str, paragraphs: list[str], year: int | None) -> Item:
    """The single item of a chapter that has no numbered items: the chapter body under its title."""
    paragraphs = [paragraph for paragraph in paragraphs if paragraph]
    return Item(
        number=number,
        label="",
        title=title,
        text="\n".join(paragraphs),
        tasks=split_tasks(paragraphs) or ([title] if title else []),
        targets=extract_targets("\n".join([title, *paragraphs]), year),
    )
