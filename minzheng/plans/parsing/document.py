"""The parsed form of a work-plan notice: plan, chapters, items and quantified targets."""

import datetime
from dataclasses import dataclass, field

__all__ = ["Chapter", "Item", "PlanDocument", "Target"]


@dataclass
class Target:
    """A quantity the plan commits to, e.g. 120 个 美丽社区 (>=, 至少)."""

    value: int | float
    unit: str
    subject: str
    comparator: str
    qualifier: str | None
    quote: str

    def as_dict(self) -> dict:
        return {
            "value": self.value,
            "unit": self.unit,
            "subject": self.subject,
            "comparator": self.comparator,
            "qualifier": self.qualifier,
            "quote": self.quote,
        }


@dataclass
class Item:
    """One numbered work item, e.g. "(一)推进美丽社区建设", with its task sentences and targets.

    ``number`` counts items across the whole plan; ``label`` is the numeral as written ("一", "1",
    or "" for an item made from an unnumbered chapter body)."""

    number: int
    label: str
    title: str
    text: str
    tasks: list[str] = field(default_factory=list)
    targets: list[Target] = field(default_factory=list)

    def as_dict(self) -> dict:
        return {
            "number": self.number,
            "label": self.label,
            "title": self.title,
            "text": self.text,
            "tasks": list(self.tasks),
            "targets": [target.as_dict() for target in self.targets],
        }


@dataclass
class Chapter:
    """A top-level section, e.g. "一、强化社区自治管理,创新基层社会治理". ``intro`` is the text
    between the heading and the first item (kept, but not part of the JSON shape)."""

    number: int
    label: str
    title: str
    items: list[Item] = field(default_factory=list)
    intro: str = ""

    def as_dict(self) -> dict:
        return {
            "number": self.number,
            "label": self.label,
            "title": self.title,
            "items": [item.as_dict() for item in self.items],
        }


@dataclass
class PlanDocument:
    """A whole work-plan notice: legal-database header fields, the notice and the plan body."""

    title: str = ""
    notice_title: str = ""
    issuer: str | None = None
    doc_number: str | None = None
    published: datetime.date | None = None
    effective: datetime.date | None = None
    level: str | None = None
    status: str | None = None
    topic: str | None = None
    year: int | None = None
    chapters: list[Chapter] = field(default_factory=list)
    recipients: str | None = None
    preamble: str = ""

    @property
    def items(self) -> list[Item]:
        return [item for chapter in self.chapters for item in chapter.items]

    def as_dict(self) -> dict:
        """The JSON shape of ``minzheng plan import --dry-run --format json``."""
        return {
            "title": self.title,
            "notice_title": self.notice_title,
            "issuer": self.issuer,
            "doc_number": self.doc_number,
            "published": _iso(self.published),
            "effective": _iso(self.effective),
            "level": self.level,
            "status": self.status,
            "topic": self.topic,
            "year": self.year,
            "chapters": [chapter.as_dict() for chapter in self.chapters],
        }


def _iso(day: datetime.date | None) -> str | None:
    return day.isoformat() if day else None
