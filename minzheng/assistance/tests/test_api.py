"""The assistance API: generated suites (data only) and the 低保 calculation endpoint."""

import datetime

from django.urls import reverse

from minzheng.assistance.choices import CaseworkerRole, Kinship, ProgramKind, UrbanRural
from minzheng.assistance.models import (
    CalculationRuleSet,
    CaseworkerRecord,
    ConflictFiling,
    DeclaredRelative,
    Program,
    Standard,
)
from minzheng.assistance.tests.factories import DIBAO_RULES, caseworker, id_number, program, rule_set, standard
from minzheng.assistance.tests.test_views import filings, register, rule_sets, standards
from minzheng.assistance.tests.test_views import programs as make_programs
from minzheng.framework.testing.api import APIViewTestCases


class ProgramAPITestCase(APIViewTestCases.APIViewTestCase):
    model = Program
    user_division = "city"
    api_create_data = {"code": "api_new", "name": "接口新建救助", "kind": ProgramKind.TEKUN}
    api_update_data = {"name": "改名救助", "is_active": False}

    @classmethod
    def create_objects(cls, tree):
        return make_programs()


class StandardAPITestCase(APIViewTestCases.APIViewTestCase):
    model = Standard
    user_division = "city"
    api_update_data = {"amount": "705.00", "source_document": "更正"}

    @classmethod
    def create_objects(cls, tree):
        return standards(tree)

    @staticmethod
    def api_create_data(tree):
        return {"program": tree.program, "area_type": UrbanRural.RURAL, "division": tree.hexi,
                "effective_from": datetime.date(2016, 4, 1), "amount": "560.00", "is_sample": True}


class CalculationRuleSetAPITestCase(APIViewTestCases.APIViewTestCase):
    model = CalculationRuleSet
    user_division = "city"
    api_update_data = {"rules": {"rounding": "jiao", "floor": "10.5"}}

    @classmethod
    def create_objects(cls, tree):
        return rule_sets(tree)

    @staticmethod
    def api_create_data(tree):
        return {"program": tree.program, "division": tree.heping, "effective_from": datetime.date(2016, 1, 1),
                "rules": DIBAO_RULES}


class CaseworkerRecordAPITestCase(APIViewTestCases.APIViewTestCase):
    model = CaseworkerRecord
    api_update_data = {"position": "主任", "remarks": "接口修改"}

    @classmethod
    def create_objects(cls, tree):
        return [caseworker("测试甲", tree.hp_street, 1), caseworker("测试乙", tree.hp_community, 2),
                caseworker("测试丙", tree.hx_street, 3)]

    @staticmethod
    def api_create_data(tree):
        return {"name": "接口登记", "id_number": id_number(31), "role": CaseworkerRole.CASE_OFFICER,
                "division": tree.hp_street, "active_from": datetime.date(2014, 2, 1)}


class DeclaredRelativeAPITestCase(APIViewTestCases.APIViewTestCase):
    model = DeclaredRelative
    api_update_data = {"relation": Kinship.OTHER, "remarks": "表亲"}

    @classmethod
    def create_objects(cls, tree):
        return register(tree)

    @staticmethod
    def api_create_data(tree):
        return {"caseworker": tree.jia, "relation": Kinship.PARENT, "name": "父亲",
                "id_number": id_number(32, born=datetime.date(1945, 1, 1))}


class ConflictFilingAPITestCase(APIViewTestCases.APIViewTestCase):
    model = ConflictFiling
    api_update_data = {"note": "已入户", "case_reference": "DB-10"}

    @classmethod
    def create_objects(cls, tree):
        return filings(tree)

    @staticmethod
    def api_create_data(tree):
        return {"caseworker": tree.jia, "relative": tree.relative, "division": tree.hp_community,
                "case_reference": "DB-11", "filed_on": datetime.date(2014, 8, 1)}

    def test_the_filer_is_the_requesting_user(self):
        self.login(self.user)
        response = self.client.post(self.api_url(), {**self.create_data(), "filed_by": self.other_user.pk},
                                    format="json")
        self.assertHttpStatus(response, 201)
        self.assertEqual((response.json()["filed_by"], response.json()["home_visit_rate"]), (self.user.pk, 100))


# The calculation endpoint

CALCULATE = "assistance-api:standard-calculate"


def test_the_calculation_endpoint_shows_every_step(tree, api_as, hp_worker):
    dibao = program()
    standard(dibao, tree.city, "2014-04-01", "600.00", is_sample=True)
    rule_set(dibao, tree.city, "2014-01-01")
    body = {"program": dibao.pk, "area_type": "urban", "division": tree.hp_community.pk, "date": "2014-06-01",
            "household_income": "900.00", "members": [{"age": 40}, {"age": 40}, {"age": 9}]}

    response = api_as(hp_worker).post(reverse(CALCULATE), body, format="json")

    assert response.status_code == 200, response.content
    data = response.json()
    assert (data["amount"], data["eligible"], data["standard_is_sample"]) == ("960.00", True, True)
    assert [(line["formula"], line["value"]) for line in data["lines"][3:6]] == [
        ("900.00 ÷ 3", "300.00"), ("600.00 − 300.00", "300.00"), ("300.00 × 3", "900.00")]
    assert all(line["label"] for line in data["lines"])


def test_the_calculation_endpoint_refuses_what_it_cannot_compute(tree, api_as, hp_worker, anon_api):
    dibao = program()
    body = {"program": dibao.pk, "area_type": "urban", "division": tree.hp_community.pk, "date": "2014-06-01",
            "household_income": "900.00", "members": [{"age": 40}]}
    client = api_as(hp_worker)

    assert client.post(reverse(CALCULATE), body, format="json").json()["code"] == "assistance.no_standard"
    hexi = client.post(reverse(CALCULATE), {**body, "division": tree.hx_community.pk}, format="json")
    assert (hexi.status_code, hexi.json()["code"]) == (400, "validation_error")  # not the worker's area
    assert client.post(reverse(CALCULATE), {**body, "members": []}, format="json").status_code == 400
    assert anon_api.post(reverse(CALCULATE), body, format="json").status_code in (401, 403)
