"""The three objects of each generated suite (two in 和平区, the last in 河西区) and the data typed into forms."""

import copy
import datetime

from minzheng.eldercare.assessment.tables import MZT_039_2013
from minzheng.eldercare.choices import (
    AssessmentStatus,
    BedChange,
    BedKind,
    CentreKind,
    EstablishmentStatus,
    FindingCategory,
    InspectionConclusion,
    InspectionKind,
    OperatingModel,
    OrderChannel,
    Ownership,
    PremiumPayer,
    PriceUnit,
    ProviderKind,
    ServiceCategory,
)
from minzheng.eldercare.models import (
    Assessment,
    AssessmentRuleTable,
    Establishment,
    EstablishmentRuleSet,
    ServiceOrder,
)
from minzheng.eldercare.services.reference import seed_reference
from minzheng.eldercare.tests import factories as f
from minzheng.eldercare.tests.assessment_helpers import answers_for_grades

DAY = datetime.date


def rule_sets(tree):
    EstablishmentRuleSet.objects.all().delete()
    return [EstablishmentRuleSet.objects.create(code=code, name=name, procedure=procedure, effective_from=start,
                                                decision_workdays=days)
            for code, name, procedure, start, days in (
                ("licence-2013", "设立许可", "licence", DAY(2013, 7, 1), 20),
                ("registration-2018", "登记备案", "registration", DAY(2018, 12, 29), None),
                ("licence-local", "区县许可（测试）", "licence", DAY(2010, 1, 1), 15))]


def rule_set_form(tree):
    return {"code": "filing-2030", "name": "备案（测试）", "procedure": "registration",
            "effective_from": DAY(2030, 1, 1), "effective_until": None, "min_beds": None, "decision_workdays": None,
            "notice_workdays": None, "requires_site_inspection": False, "licence_valid_years": None,
            "source_document": "测试", "confirmation": "not_confirmed", "remarks": ""}


def rule_tables(tree):
    Assessment.objects.all().delete()
    AssessmentRuleTable.objects.all().delete()
    return [AssessmentRuleTable.objects.create(code="MZ/T 039-2013", title=title, table=MZT_039_2013,
                                               effective_from=start)
            for title, start in (("老年人能力评估", DAY(2013, 10, 1)), ("老年人能力评估（修订）", DAY(2020, 1, 1)),
                                 ("老年人能力评估（再修订）", DAY(2022, 1, 1)))]


def rule_table_api(tree):
    return {"code": "MZ/T 039-2013", "title": "老年人能力评估（2031）", "table": copy.deepcopy(MZT_039_2013),
            "effective_from": DAY(2031, 1, 1), "source_document": "测试", "confirmation": "secondary"}


def institutions(tree):
    return [f.institution(tree.hp_street, "和平区福寿养老院"), f.institution(tree.hp_community, "劝业场颐养院"),
            f.institution(tree.hx_street, "河西区康乐养老院")]


def institution_form(tree):
    return {"name": "和平区新建养老院", "division": tree.hp_street, "address": "南京路1号",
            "ownership": Ownership.PUBLIC_PRIVATE, "operator": "天津市康养服务有限公司", "credit_code": "",
            "contact": "", "phone": "", "status": "preparing", "opened_on": None, "closed_on": None, "remarks": ""}


def establishments(tree):
    """The first is a refused licence application of 和平区福寿养老院: the forms apply again for it."""
    seed_reference()
    licence = EstablishmentRuleSet.objects.get(code="licence-2013")
    homes = institutions(tree)
    records = []
    for home, status, received in ((homes[0], EstablishmentStatus.REFUSED, DAY(2015, 3, 2)),
                                   (homes[1], EstablishmentStatus.ACCEPTED, DAY(2015, 4, 1)),
                                   (homes[2], EstablishmentStatus.ACCEPTED, DAY(2015, 5, 4))):
        records.append(Establishment.objects.create(
            institution=home, rule_set=licence, procedure="licence", applicant=f"{home.name}筹建组",
            received_on=received, beds_declared=60, status=status, decision_due=received + datetime.timedelta(28)))
    return records


def establishment_data(tree):
    home = Establishment.objects.get(status=EstablishmentStatus.REFUSED).institution
    return {"institution": home, "applicant": "福寿养老院（重新申请）", "received_on": DAY(2015, 3, 2),
            "beds_declared": 60, "registration_authority": "", "registration_number": "", "registered_on": None,
            "remarks": ""}


def bed_blocks(tree):
    homes = institutions(tree)
    return [f.bed_block(homes[0], 100, DAY(2014, 3, 1)), f.bed_block(homes[1], 40, DAY(2014, 5, 1), BedKind.SELF_CARE),
            f.bed_block(homes[2], 80, DAY(2014, 6, 1))]


def bed_block_form(tree):
    return {"institution": tree.home, "kind": BedKind.NURSING, "change": BedChange.ADDED, "beds": 30,
            "on": DAY(2014, 9, 1), "remarks": "二期"}


def occupancy_reports(tree):
    homes = institutions(tree)
    for home in homes:
        f.bed_block(home, 100, DAY(2014, 1, 1))
    tree.home = homes[0]
    return [f.occupancy(homes[0], 70, DAY(2014, 6, 30)), f.occupancy(homes[1], 50, DAY(2014, 3, 31)),
            f.occupancy(homes[2], 90, DAY(2014, 6, 30))]


def occupancy_form(tree):
    return {"institution": tree.home, "as_of": DAY(2014, 9, 30), "occupied": 80, "remarks": ""}


def inspections(tree):
    homes = institutions(tree)
    tree.home = homes[0]
    return [f.inspection(homes[0], DAY(2014, 5, 6)), f.inspection(homes[1], DAY(2014, 7, 8)),
            f.inspection(homes[2], DAY(2014, 5, 20))]


def inspection_form(tree):
    return {"institution": tree.home, "inspected_on": DAY(2014, 10, 9), "kind": InspectionKind.FIRE_SAFETY,
            "inspectors": "消防检查组", "conclusion": InspectionConclusion.PASSED, "summary": "", "remarks": ""}


def findings(tree):
    checks = inspections(tree)
    tree.inspection = checks[0]
    return [f.finding(checks[0], DAY(2014, 6, 6), "消防通道堆放杂物"),
            f.finding(checks[1], DAY(2014, 8, 8), "厨房留样缺失"),
            f.finding(checks[2], DAY(2014, 6, 20), "护理记录不全")]


def finding_form(tree):
    return {"inspection": tree.inspection, "category": FindingCategory.CARE, "description": "护理员不足",
            "rectification_due": DAY(2014, 7, 1), "remarks": ""}


def centres(tree):
    return [f.centre(tree.hp_community, CentreKind.DAYCARE, DAY(2014, 4, 1), "劝业场日间照料中心"),
            f.centre(tree.hp_street, CentreKind.MEAL_CENTRE, DAY(2014, 6, 1), "和平区老年配餐中心"),
            f.centre(tree.hx_community, CentreKind.MEAL_POINT, DAY(2014, 5, 1), "大营门助餐点")]


def centre_form(tree):
    return {"kind": CentreKind.MEAL_POINT, "name": "劝业场老年餐桌", "division": tree.hp_community, "address": "",
            "opened_on": DAY(2014, 9, 1), "closed_on": None, "operating_model": OperatingModel.PURCHASED,
            "operator": "", "places": 50, "served_communities": [], "contractor": "天津市爱心餐饮有限公司",
            "contract_number": "HP-2014-018", "contract_start": DAY(2014, 9, 1), "contract_end": DAY(2015, 8, 31),
            "contract_amount": "120000.00", "remarks": ""}


def assessments(tree):
    seed_reference()
    people = [f.elder(tree.hp_community, "赵老伯"), f.elder(tree.hp_community, "钱奶奶", sex="2"),
              f.elder(tree.hx_community, "孙大爷")]
    tree.unassessed = f.elder(tree.hp_community, "李爷爷")
    return [f.stored_assessment(people[0], (0, 0, 0, 0), DAY(2014, 9, 1), status=AssessmentStatus.CONFIRMED),
            f.stored_assessment(people[1], (2, 1, 0, 1), DAY(2014, 10, 1)),
            f.stored_assessment(people[2], (3, 0, 0, 0), DAY(2014, 9, 15))]


def assessment_api(tree):
    return {"person": tree.unassessed, "assessed_on": DAY(2014, 11, 3), "reason": "initial",
            "answers": answers_for_grades(1, 0, 0, 0), "findings": [], "organisation": "和平区养老评估中心"}


def providers(tree):
    return [f.provider(tree.heping, "金色年华居家养老"), f.provider(tree.heping, "乐龄家政服务社"),
            f.provider(tree.hexi, "河西区颐康居家服务")]


def provider_form(tree):
    return {"name": "和平区助老服务社", "kind": ProviderKind.ENTERPRISE, "division": tree.heping, "credit_code": "",
            "contact": "周经理", "phone": "022-23001234", "address": "", "registered_on": DAY(2014, 2, 1),
            "status": "active", "remarks": ""}


def provider_services(tree):
    firms = providers(tree)
    tree.provider = firms[0]
    return [f.service(firms[0], "上门送餐"), f.service(firms[1], "居家保洁", ServiceCategory.CLEANING, "30.00",
                                                    PriceUnit.HOUR),
            f.service(firms[2], "助浴", ServiceCategory.BATHING, "50.00", PriceUnit.VISIT)]


def provider_service_form(tree):
    return {"provider": tree.provider, "category": ServiceCategory.MEDICAL, "name": "陪同就医", "unit": PriceUnit.HOUR,
            "price": "25.00", "is_active": True, "remarks": ""}


def orders(tree):
    people = [f.elder(tree.hp_community, "赵老伯"), f.elder(tree.hp_community, "钱奶奶", sex="2"),
              f.elder(tree.hx_community, "孙大爷")]
    return [f.order(person, hours=index) for index, person in enumerate(people)]


def order_data(tree):
    first = ServiceOrder.objects.order_by("pk").first()
    return {"person": first.person, "channel": OrderChannel.PHONE, "category": ServiceCategory.MEALS,
            "request": "午餐送餐，少盐", "contact_phone": "13800000000", "remarks": ""}


def order_edit(tree):
    return {"request": "晚餐送餐，少油", "contact_phone": "13900000000", "remarks": "家属来电更正"}


def policies(tree):
    people = [f.elder(tree.hp_community, "赵老伯"), f.elder(tree.hp_community, "钱奶奶", sex="2"),
              f.elder(tree.hx_community, "孙大爷")]
    tree.insured = f.elder(tree.hp_community, "周老太", sex="2")
    return [f.policy(people[0], number="PICC2014-001"), f.policy(people[1], number="PICC2014-002"),
            f.policy(people[2], number="PICC2014-003")]


def policy_form(tree):
    return {"person": tree.insured, "year": 2015, "insurer": "平安财险", "policy_number": "PA2015-0001",
            "insured_from": DAY(2015, 1, 1), "insured_until": DAY(2015, 12, 31), "premium": "30.00",
            "paid_by": PremiumPayer.SHARED, "sum_insured": "20000.00", "remarks": ""}


def associations(tree):
    return [f.association(tree.hp_community), f.association(tree.hp_community, "劝业场老年人协会（旧）",
                                                            dissolved_on=DAY(2012, 12, 31), founded_on=DAY(2005, 1, 1)),
            f.association(tree.hx_community)]


def association_form(tree):
    return {"division": tree.hp_community, "name": "劝业场老年人协会（历史）", "founded_on": DAY(2000, 3, 1),
            "dissolved_on": DAY(2004, 12, 31), "chair": "吴会长", "members": 80, "phone": "", "remarks": ""}


def awards(tree):
    return [f.award(tree.heping, "和平区福寿养老院"), f.award(tree.hp_street, "劝业场街道社区卫生服务中心"),
            f.award(tree.hexi, "河西区康乐养老院")]


def award_form(tree):
    return {"awardee": "劝业场日间照料中心", "awardee_kind": "centre", "division": tree.hp_community,
            "institution": None, "year": 2015, "level": "district", "awarded_by": "和平区老龄委",
            "document_number": "和老龄〔2015〕3号", "remarks": ""}
