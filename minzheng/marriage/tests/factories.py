"""Test data of the marriage registry: offices with their daily slots, people's identity numbers, parties."""

import datetime
import itertools

from minzheng.marriage.choices import Service
from minzheng.marriage.models import RegistryOffice, Slot, SlotTemplate
from minzheng.marriage.registration import MarriageParty
from minzheng.marriage.rules import Document
from minzheng.registry.idcard import generate_id_number

__all__ = ["ALL_DOCUMENTS", "id_number", "make_office", "make_slot", "marriage_party", "person_id"]

ALL_DOCUMENTS = frozenset(str(document) for document in (Document.HOUSEHOLD_REGISTER, Document.ID_CARD,
                                                          Document.NO_SPOUSE_DECLARATION))
_sequence = itertools.count(1)


def id_number(born: datetime.date = datetime.date(1990, 5, 17), sex: str = "1", district: str = "120101") -> str:
    """A fresh valid identity number (the sequence keeps them apart)."""
    return generate_id_number(district, born, sex, next(_sequence) % 499 + 1)


def person_id(sex: str = "1", born: datetime.date = datetime.date(1990, 5, 17), district: str = "120101") -> str:
    return id_number(born, sex, district)


def make_office(division, *, code: str | None = None, name: str | None = None, templates=((Service.MARRIAGE, 2),),
                **extra) -> RegistryOffice:
    """An office of ``division`` with, per ``(service, capacity)``, two slots a day (09:00 and 10:00)."""
    office = RegistryOffice.objects.create(code=code or division.code[:6], name=name or f"{division.name}婚姻登记处",
                                           division=division, address=f"{division.name}民政局一楼", **extra)
    for service, capacity in templates:
        for hour in (9, 10):
            SlotTemplate.objects.create(office=office, service=service, starts_at=datetime.time(hour),
                                        ends_at=datetime.time(hour, 59), capacity=capacity)
    return office


def make_slot(office, day: datetime.date, *, service=Service.MARRIAGE, capacity: int = 2, hour: int = 9,
              booked: int = 0) -> Slot:
    return Slot.objects.create(office=office, service=service, date=day, starts_at=datetime.time(hour),
                               ends_at=datetime.time(hour, 59), capacity=capacity, booked=booked)


def marriage_party(name: str, number: str, **extra) -> MarriageParty:
    """A party who meets every condition unless ``extra`` says otherwise."""
    return MarriageParty(name=name, id_number=number, documents=extra.pop("documents", ALL_DOCUMENTS), **extra)
