"""The elderly-care API: generated suites (data only) for every endpoint, each tried by the four principals."""

from minzheng.eldercare.models import (
    Assessment,
    AssessmentRuleTable,
    BedBlock,
    ElderlyAssociation,
    Establishment,
    EstablishmentRuleSet,
    HonourAward,
    Inspection,
    InspectionFinding,
    Institution,
    InsurancePolicy,
    OccupancyReport,
    Provider,
    ProviderService,
    ServiceCentre,
    ServiceOrder,
)
from minzheng.eldercare.tests import data
from minzheng.framework.testing.api import APIViewTestCases


def _objects(make):
    return classmethod(lambda cls, tree: make(tree))


class EstablishmentRuleSetAPITestCase(APIViewTestCases.APIViewTestCase):
    model = EstablishmentRuleSet
    user_division = "city"
    create_objects = _objects(data.rule_sets)
    api_create_data = staticmethod(data.rule_set_form)
    api_update_data = {"min_beds": 20, "confirmation": "confirmed"}


class AssessmentRuleTableAPITestCase(APIViewTestCases.APIViewTestCase):
    model = AssessmentRuleTable
    user_division = "city"
    create_objects = _objects(data.rule_tables)
    api_create_data = staticmethod(data.rule_table_api)
    api_update_data = {"title": "老年人能力评估（更正）"}


class InstitutionAPITestCase(APIViewTestCases.APIViewTestCase):
    model = Institution
    create_objects = _objects(data.institutions)
    api_create_data = staticmethod(data.institution_form)
    api_update_data = {"phone": "022-27001234", "status": "suspended"}


class EstablishmentAPITestCase(APIViewTestCases.GetObjectViewTestCase, APIViewTestCases.ListObjectsViewTestCase,
                               APIViewTestCases.CreateObjectViewTestCase, APIViewTestCases.UpdateObjectViewTestCase):
    model = Establishment
    create_objects = _objects(data.establishments)
    api_create_data = staticmethod(data.establishment_data)
    api_update_data = {"applicant": "福寿养老院（更名后）"}


class BedBlockAPITestCase(APIViewTestCases.APIViewTestCase):
    model = BedBlock

    @classmethod
    def create_objects(cls, tree):
        blocks = data.bed_blocks(tree)
        tree.home = blocks[0].institution
        return blocks

    api_create_data = staticmethod(data.bed_block_form)
    api_update_data = {"beds": 120}


class OccupancyReportAPITestCase(APIViewTestCases.APIViewTestCase):
    model = OccupancyReport
    create_objects = _objects(data.occupancy_reports)
    api_create_data = staticmethod(data.occupancy_form)
    api_update_data = {"occupied": 65}


class InspectionAPITestCase(APIViewTestCases.APIViewTestCase):
    model = Inspection
    create_objects = _objects(data.inspections)
    api_create_data = staticmethod(data.inspection_form)
    api_update_data = {"summary": "整体良好"}


class InspectionFindingAPITestCase(APIViewTestCases.APIViewTestCase):
    model = InspectionFinding
    create_objects = _objects(data.findings)
    api_create_data = staticmethod(data.finding_form)
    api_update_data = {"description": "消防通道堆放杂物（复查）"}


class ServiceCentreAPITestCase(APIViewTestCases.APIViewTestCase):
    model = ServiceCentre
    create_objects = _objects(data.centres)
    api_create_data = staticmethod(data.centre_form)
    api_update_data = {"places": 80}


class AssessmentAPITestCase(APIViewTestCases.GetObjectViewTestCase, APIViewTestCases.ListObjectsViewTestCase,
                            APIViewTestCases.CreateObjectViewTestCase):
    model = Assessment
    create_objects = _objects(data.assessments)
    api_create_data = staticmethod(data.assessment_api)


class ProviderAPITestCase(APIViewTestCases.APIViewTestCase):
    model = Provider
    create_objects = _objects(data.providers)
    api_create_data = staticmethod(data.provider_form)
    api_update_data = {"status": "suspended"}


class ProviderServiceAPITestCase(APIViewTestCases.APIViewTestCase):
    model = ProviderService
    create_objects = _objects(data.provider_services)
    api_create_data = staticmethod(data.provider_service_form)
    api_update_data = {"price": "28.00"}


class ServiceOrderAPITestCase(APIViewTestCases.GetObjectViewTestCase, APIViewTestCases.ListObjectsViewTestCase,
                              APIViewTestCases.CreateObjectViewTestCase, APIViewTestCases.UpdateObjectViewTestCase):
    model = ServiceOrder
    create_objects = _objects(data.orders)
    api_create_data = staticmethod(data.order_data)
    api_update_data = {"request": "改为晚餐送餐"}


class InsurancePolicyAPITestCase(APIViewTestCases.APIViewTestCase):
    model = InsurancePolicy
    create_objects = _objects(data.policies)
    api_create_data = staticmethod(data.policy_form)
    api_update_data = {"premium": "25.00"}


class ElderlyAssociationAPITestCase(APIViewTestCases.APIViewTestCase):
    model = ElderlyAssociation
    create_objects = _objects(data.associations)
    api_create_data = staticmethod(data.association_form)
    api_update_data = {"members": 150}


class HonourAwardAPITestCase(APIViewTestCases.APIViewTestCase):
    model = HonourAward
    create_objects = _objects(data.awards)
    api_create_data = staticmethod(data.award_form)
    api_update_data = {"document_number": "津老龄〔2014〕12号"}
