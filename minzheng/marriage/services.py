"""The marriage and adoption registry's operations, gathered for callers (house style B1).

Each lives in its topic's module: ``schedule`` (open days, slots, capacity), ``booking`` (appointments),
``registration`` (marriage), ``divorces`` (divorce by agreement and its clock), ``certificates``
(numbers, replacements, printing) and ``adoptions``. Every entry point is atomic, checks the actor's area,
raises ``DomainError`` with a stable ``marriage.*`` code and writes its audit event.
"""

from minzheng.marriage.adoptions import (
    AdopterInput,
    ChildInput,
    decide_adoption,
    publish_notice,
    receive_adoption,
    record_assessment,
    withdraw_adoption,
)
from minzheng.marriage.booking import (
    BookingParty,
    book_appointment,
    cancel_appointment,
    cancel_by_office,
    close_missed_appointments,
    record_attendance,
    record_no_show,
)
from minzheng.marriage.certificates import record_print, reissue_certificate
from minzheng.marriage.divorces import (
    DivorcePartyInput,
    lapse_divorce_applications,
    receive_divorce,
    register_divorce,
    withdraw_divorce,
)
from minzheng.marriage.registration import MarriageParty, register_marriage
from minzheng.marriage.schedule import open_slots, open_slots_ahead, set_slot_capacity

__all__ = [
    "AdopterInput",
    "BookingParty",
    "ChildInput",
    "DivorcePartyInput",
    "MarriageParty",
    "book_appointment",
    "cancel_appointment",
    "cancel_by_office",
    "close_missed_appointments",
    "decide_adoption",
    "lapse_divorce_applications",
    "open_slots",
    "open_slots_ahead",
    "publish_notice",
    "receive_adoption",
    "receive_divorce",
    "record_assessment",
    "record_attendance",
    "record_no_show",
    "record_print",
    "register_divorce",
    "register_marriage",
    "reissue_certificate",
    "set_slot_capacity",
    "withdraw_adoption",
    "withdraw_divorce",
]
