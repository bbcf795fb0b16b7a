"""The rules the platform starts with, as data: read by the seeding migration and ``services.seed_reference``.

Each row says where it comes from and how sure it is (REFERENCE.md §7). A bureau corrects or extends them on
the pages of the rule sets and rule tables (a new row from a later date), never in code.
"""

import datetime

from minzheng.eldercare.assessment.tables import MZT_039_2013

__all__ = ["ASSESSMENT_TABLES", "ESTABLISHMENT_RULES"]

ESTABLISHMENT_RULES = [
    {
        "code": "licence-2013",
        "name": "养老机构设立许可",
        "procedure": "licence",
        "effective_from": datetime.date(2013, 7, 1),
        "effective_until": datetime.date(2018, 12, 29),
        "min_beds": 10,
        "decision_workdays": 20,
        "notice_workdays": 5,
        "requires_site_inspection": True,
        "licence_valid_years": None,
        "source_document": "养老机构设立许可办法（民政部令第48号）",
        "confirmation": "secondary",
        "remarks": "REFERENCE.md §7.1 ⚠️: ≥10 beds, decision within 20 working days of acceptance after a document "
                   "review and an on-site inspection, missing documents notified once within 5 working days. "
                   "Some local guides show 15 working days. The licence validity (often said to be 5 years) is "
                   "not confirmed and left empty. The end date is that of the 2018 revision of "
                   "老年人权益保障法 (check the local implementation date).",
    },
    {
        "code": "registration-2018",
        "name": "养老机构登记备案",
        "procedure": "registration",
        "effective_from": datetime.date(2018, 12, 29),
        "effective_until": None,
        "min_beds": None,
        "decision_workdays": None,
        "notice_workdays": None,
        "requires_site_inspection": False,
        "licence_valid_years": None,
        "source_document": "老年人权益保障法（2018年12月29日修正）第四十三条",
        "confirmation": "confirmed",
        "remarks": "REFERENCE.md §7.1 ✅: the licence is replaced by registration (public-benefit institutions with "
                   "their registration authority, for-profit ones with market regulation) plus filing with civil "
                   "affairs at county level or above; the institution may operate once registered.",
    },
]

ASSESSMENT_TABLES = [
    {
        "code": MZT_039_2013["code"],
        "title": MZT_039_2013["title"],
        "table": MZT_039_2013,
        "effective_from": datetime.date(2013, 10, 1),
        "effective_until": None,
        "source_document": "MZ/T 039-2013 老年人能力评估（2013-08-29发布，2013-10-01实施）",
        "confirmation": "secondary",
        "remarks": "REFERENCE.md §7.2 ⚠️: entered from secondary sources; see the table's notes. Superseded by "
                   "GB/T 42195-2022, to be entered as a new table from the date the bureau switches.",
    },
]
