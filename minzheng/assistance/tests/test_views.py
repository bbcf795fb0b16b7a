"""Pages of programs, standards, rule sets and the close-relatives register: generated suites, data only."""

import datetime
import json
from decimal import Decimal

from minzheng.accounts.models import User
from minzheng.assistance.choices import CaseworkerRole, Kinship, ProgramKind, UrbanRural
from minzheng.assistance.models import (
    CalculationRuleSet,
    CaseworkerRecord,
    ConflictFiling,
    DeclaredRelative,
    Program,
    Standard,
)
from minzheng.assistance.tests.factories import DIBAO_RULES, caseworker, filing, id_number, program, relative, rule_set
from minzheng.assistance.tests.factories import standard as make_standard
from minzheng.framework.testing.views import ViewTestCases
from minzheng.framework.urls import model_url


def programs():
    return [program("test_a", "测试救助甲"), program("test_b", "测试救助乙", ProgramKind.TEMPORARY),
            program("test_c", "测试救助丙", ProgramKind.MEDICAL)]


def standards(tree):
    a, b, c = programs()
    tree.program = a
    return [make_standard(a, tree.city, "2014-04-01", "600.00"), make_standard(b, tree.heping, "2014-04-01", "650.00"),
            make_standard(c, tree.hexi, "2014-04-01", "640.00", area_type=UrbanRural.RURAL)]


def rule_sets(tree):
    a, b, c = (program("test_a", "测试救助甲"), program("test_b", "测试救助乙"),
               program("test_c", "测试救助丙", ProgramKind.TEMPORARY))
    tree.program = a
    return [rule_set(a, tree.city, "2014-01-01"), rule_set(b, tree.heping, "2014-01-01", {"rounding": "jiao"}),
            rule_set(c, tree.hexi, "2014-01-01", {"street_approval_limit": "800"})]


def register(tree):
    """Caseworkers 甲 and 乙 in 和平区, 丙 in 河西区, each with one declared relative."""
    tree.jia = caseworker("测试甲", tree.hp_street, 1)
    tree.yi = caseworker("测试乙", tree.hp_community, 2)
    tree.bing = caseworker("测试丙", tree.hx_street, 3)
    return [relative(tree.jia, "亲属甲", id_number(11)), relative(tree.yi, "亲属乙", id_number(12)),
            relative(tree.bing, "亲属丙", id_number(13, "120103"))]


def filings(tree):
    hp_jia, hp_yi, hx_bing = register(tree)
    tree.relative = hp_jia
    filer = User.objects.create_user(username="filer")
    return [filing(hp_jia, tree.hp_community, filer, reference="DB-1", day=1),
            filing(hp_yi, tree.hp_community, filer, reference="DB-2", day=2),
            filing(hx_bing, tree.hx_community, filer, reference="DB-3", day=3)]


class ProgramViewTestCase(ViewTestCases.PrimaryObjectViewTestCase):
    """City-wide reference data: only a role granted at the city changes it."""

    model = Program
    user_division = "city"
    form_data = {"code": "test_new", "name": "新建救助", "kind": ProgramKind.DIBAO, "legal_basis": "社会救助暂行办法",
                 "is_active": True}

    @classmethod
    def create_objects(cls, tree):
        return programs()


class StandardViewTestCase(ViewTestCases.PrimaryObjectViewTestCase):
    model = Standard
    user_division = "city"

    @classmethod
    def create_objects(cls, tree):
        return standards(tree)

    @staticmethod
    def form_data(tree):
        return {"program": tree.program, "area_type": UrbanRural.URBAN, "division": tree.heping,
                "effective_from": datetime.date(2016, 4, 1), "effective_until": None, "amount": "700.00",
                "is_sample": True, "source_document": "示例文件", "remarks": "示例数值，非天津市实际标准"}


class CalculationRuleSetViewTestCase(ViewTestCases.PrimaryObjectViewTestCase):
    model = CalculationRuleSet
    user_division = "city"

    @classmethod
    def create_objects(cls, tree):
        return rule_sets(tree)

    @staticmethod
    def form_data(tree):
        return {"program": tree.program, "division": tree.hexi, "effective_from": datetime.date(2016, 1, 1),
                "effective_until": None, "rules": {**DIBAO_RULES, "floor": "30"}, "is_sample": True,
                "source_document": "", "remarks": ""}

    def form_post_data(self):
        return {**super().form_post_data(), "rules": json.dumps(self.resolve("form_data")["rules"])}


class CaseworkerRecordViewTestCase(ViewTestCases.PrimaryObjectViewTestCase):
    model = CaseworkerRecord

    @classmethod
    def create_objects(cls, tree):
        return [caseworker("测试甲", tree.hp_street, 1), caseworker("测试乙", tree.hp_community, 2),
                caseworker("测试丙", tree.hx_street, 3)]

    @staticmethod
    def form_data(tree):
        return {"person": None, "name": "新登记人员", "id_number": id_number(21),
                "role": CaseworkerRole.COMMITTEE_MEMBER, "position": "居委会委员", "division": tree.hp_community,
                "user": None,
                "active_from": datetime.date(2014, 1, 1), "active_until": None, "remarks": ""}


class DeclaredRelativeViewTestCase(ViewTestCases.PrimaryObjectViewTestCase):
    model = DeclaredRelative

    @classmethod
    def create_objects(cls, tree):
        return register(tree)

    @staticmethod
    def form_data(tree):
        return {"caseworker": tree.jia, "relation": Kinship.SPOUSE, "person": None, "name": "配偶甲",
                "id_number": id_number(22, born=datetime.date(1972, 3, 3), sex="2"), "remarks": ""}


class ConflictFilingViewTestCase(ViewTestCases.PrimaryObjectViewTestCase):
    model = ConflictFiling

    @classmethod
    def create_objects(cls, tree):
        return filings(tree)

    @staticmethod
    def form_data(tree):
        return {"caseworker": tree.jia, "relative": tree.relative, "division": tree.hp_street,
                "case_reference": "DB-9", "filed_on": datetime.date(2014, 7, 1), "note": "入户调查100%",
                "remarks": ""}


# Identity numbers in the register are masked


def test_identity_numbers_are_masked_in_the_register(tree, login_as, api_as, hp_admin):
    relatives = register(tree)
    page, api = login_as(hp_admin), api_as(hp_admin)
    full = relatives[0].id_number
    masked = f"{full[:6]}********{full[-4:]}"

    for url in (model_url(DeclaredRelative, "list"), model_url(relatives[0]), model_url(tree.jia),
                model_url(DeclaredRelative, "list") + "?export=csv"):
        content = b"".join(page.get(url).streaming_content) if "export" in url else page.get(url).content
        assert full not in content.decode() and masked in content.decode(), url
    assert api.get(f"/api/assistance/declared-relatives/{relatives[0].pk}/").json()["id_number"] == masked


# The 低保 calculator


def calculator_query(tree, dibao, income="900.00", ages=(40, 40, 9)):
    query = {"program": dibao.pk, "area_type": "urban", "division": tree.hp_community.pk, "date": "2014-06-01",
             "household_income": income, "members-TOTAL_FORMS": "6", "members-INITIAL_FORMS": "0"}
    query.update({f"members-{i}-age": age for i, age in enumerate(ages)})
    return query


def test_the_calculator_shows_each_step_of_the_calculation(tree, login_as, hp_worker):
    dibao = program()
    make_standard(dibao, tree.city, "2014-04-01", "600.00", is_sample=True)
    rule_set(dibao, tree.city, "2014-01-01")
    client = login_as(hp_worker)

    page = client.get(model_url(Standard, "calculator"))
    partial = client.get(model_url(Standard, "calculator"), calculator_query(tree, dibao), HTTP_HX_REQUEST="true")

    assert page.status_code == 200 and page.context["quote"] is None
    assert partial.status_code == 200
    assert [t.name for t in partial.templates][0] == "assistance/partials/calculation.html"
    quote = partial.context["quote"]
    assert (quote.calculation.amount, quote.standard.is_sample) == (Decimal("960.00"), True)
    content = partial.content.decode()
    assert "900.00 ÷ 3" in content and "<strong>" in content and "<html" not in content


def test_the_calculator_says_when_no_standard_applies(tree, login_as, hp_worker):
    dibao = program()
    response = login_as(hp_worker).get(model_url(Standard, "calculator"), calculator_query(tree, dibao))

    assert response.status_code == 200
    assert response.context["quote"] is None and response.context["error"]


def test_the_calculator_needs_a_member(tree, login_as, hp_worker):
    dibao = program()
    response = login_as(hp_worker).get(model_url(Standard, "calculator"), calculator_query(tree, dibao, ages=()))

    assert response.context["members"].non_form_errors() and response.context["quote"] is None


def test_the_calculator_needs_the_view_permission(tree, login_as, anon_client):
    assert anon_client.get(model_url(Standard, "calculator")).status_code == 302
    assert login_as(None).get(model_url(Standard, "calculator")).status_code == 403
