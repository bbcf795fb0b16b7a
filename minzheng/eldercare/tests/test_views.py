"""Pages of elderly care: generated suites (data only) for every model: anonymous, no permission, permitted,
another district (404 on pages, hidden from lists, searches, exports and dropdowns)."""

import datetime

from django.urls import reverse

from minzheng.assistance.models import Program
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
    SubsidyRuleSet,
)
from minzheng.eldercare.tests import data
from minzheng.eldercare.tests import factories as f
from minzheng.framework.testing.views import ViewTestCases


def _objects(make):
    return classmethod(lambda cls, tree: make(tree))


class EstablishmentRuleSetViewTestCase(ViewTestCases.PrimaryObjectViewTestCase):
    model = EstablishmentRuleSet
    user_division = "city"
    create_objects = _objects(data.rule_sets)
    form_data = staticmethod(data.rule_set_form)


class AssessmentRuleTableViewTestCase(ViewTestCases.GetObjectViewTestCase, ViewTestCases.ListObjectsViewTestCase,
                                      ViewTestCases.GetObjectChangelogViewTestCase,
                                      ViewTestCases.DeleteObjectViewTestCase):
    model = AssessmentRuleTable
    user_division = "city"
    sort_column = "effective_from"
    create_objects = _objects(data.rule_tables)


class InstitutionViewTestCase(ViewTestCases.PrimaryObjectViewTestCase):
    model = Institution
    create_objects = _objects(data.institutions)
    form_data = staticmethod(data.institution_form)


class EstablishmentViewTestCase(ViewTestCases.GetObjectViewTestCase, ViewTestCases.GetObjectChangelogViewTestCase,
                                ViewTestCases.CreateObjectViewTestCase, ViewTestCases.EditObjectViewTestCase,
                                ViewTestCases.ListObjectsViewTestCase):
    model = Establishment
    create_objects = _objects(data.establishments)
    form_data = staticmethod(data.establishment_data)


class BedBlockViewTestCase(ViewTestCases.PrimaryObjectViewTestCase):
    model = BedBlock

    @classmethod
    def create_objects(cls, tree):
        blocks = data.bed_blocks(tree)
        tree.home = blocks[0].institution
        return blocks

    form_data = staticmethod(data.bed_block_form)


class OccupancyReportViewTestCase(ViewTestCases.PrimaryObjectViewTestCase):
    model = OccupancyReport
    create_objects = _objects(data.occupancy_reports)
    form_data = staticmethod(data.occupancy_form)


class InspectionViewTestCase(ViewTestCases.PrimaryObjectViewTestCase):
    model = Inspection
    create_objects = _objects(data.inspections)
    form_data = staticmethod(data.inspection_form)


class InspectionFindingViewTestCase(ViewTestCases.PrimaryObjectViewTestCase):
    model = InspectionFinding
    create_objects = _objects(data.findings)
    form_data = staticmethod(data.finding_form)


class ServiceCentreViewTestCase(ViewTestCases.PrimaryObjectViewTestCase):
    model = ServiceCentre
    create_objects = _objects(data.centres)
    form_data = staticmethod(data.centre_form)


class AssessmentViewTestCase(ViewTestCases.GetObjectViewTestCase, ViewTestCases.GetObjectChangelogViewTestCase,
                             ViewTestCases.ListObjectsViewTestCase):
    model = Assessment
    create_objects = _objects(data.assessments)


class ProviderViewTestCase(ViewTestCases.PrimaryObjectViewTestCase):
    model = Provider
    create_objects = _objects(data.providers)
    form_data = staticmethod(data.provider_form)


class ProviderServiceViewTestCase(ViewTestCases.PrimaryObjectViewTestCase):
    model = ProviderService
    create_objects = _objects(data.provider_services)
    form_data = staticmethod(data.provider_service_form)


class ServiceOrderViewTestCase(ViewTestCases.GetObjectViewTestCase, ViewTestCases.GetObjectChangelogViewTestCase,
                               ViewTestCases.CreateObjectViewTestCase, ViewTestCases.ListObjectsViewTestCase):
    model = ServiceOrder
    create_objects = _objects(data.orders)
    form_data = staticmethod(data.order_data)


class ServiceOrderEditViewTestCase(ViewTestCases.EditObjectViewTestCase):
    model = ServiceOrder
    create_objects = _objects(data.orders)
    form_data = staticmethod(data.order_edit)


class InsurancePolicyViewTestCase(ViewTestCases.PrimaryObjectViewTestCase):
    model = InsurancePolicy
    create_objects = _objects(data.policies)
    form_data = staticmethod(data.policy_form)


class ElderlyAssociationViewTestCase(ViewTestCases.PrimaryObjectViewTestCase):
    model = ElderlyAssociation
    create_objects = _objects(data.associations)
    form_data = staticmethod(data.association_form)


class HonourAwardViewTestCase(ViewTestCases.PrimaryObjectViewTestCase):
    model = HonourAward
    create_objects = _objects(data.awards)
    form_data = staticmethod(data.award_form)


# Hand-written: the choices offered by forms are the user's area only


def test_form_choices_offer_nothing_of_another_district(db, tree, login_as, make_user):
    heping_home = f.institution(tree.hp_street, "和平区福寿养老院")
    hexi_home = f.institution(tree.hx_street, "河西区康乐养老院")
    check = f.inspection(heping_home)
    f.inspection(hexi_home)
    heping_firm, hexi_firm = f.provider(tree.heping, "和平服务社"), f.provider(tree.hexi, "河西服务社")
    order = f.order(f.elder(tree.hx_community))
    client = login_as(make_user("district_approver", tree.hexi, username="hx_approver_forms"))

    beds = client.get(reverse("eldercare:bedblock_add")).context["form"]
    findings = client.get(reverse("eldercare:inspectionfinding_add")).context["form"]
    dispatch = client.get(reverse("eldercare:serviceorder_dispatch", args=[order.pk])).context["form"]
    page = client.get(reverse("eldercare:bedblock_add")).content.decode()

    assert list(beds.fields["institution"].queryset) == [hexi_home] and heping_home.name not in page
    assert check not in findings.fields["inspection"].queryset
    assert list(dispatch.fields["provider"].queryset) == [hexi_firm] and heping_firm not in dispatch.fields[
        "provider"].queryset


class SubsidyRuleSetViewTestCase(ViewTestCases.PrimaryObjectViewTestCase):
    model = SubsidyRuleSet
    user_division = "city"
    sort_column = "effective_from"

    @classmethod
    def create_objects(cls, tree):
        from minzheng.assistance.services import seed_programs

        seed_programs()
        care = Program.objects.get(code="care_subsidy")
        return [SubsidyRuleSet.objects.create(program=care, division=division, effective_from=start,
                                              level_amounts={"1": "100"})
                for division, start in ((tree.city, datetime.date(2014, 1, 1)), (tree.city, datetime.date(2016, 1, 1)),
                                        (tree.hexi, datetime.date(2015, 1, 1)))]

    @staticmethod
    def form_data(tree):
        return {"program": Program.objects.get(code="longevity"), "division": tree.heping,
                "effective_from": datetime.date(2017, 1, 1), "effective_until": None, "min_age": 80,
                "level_amounts": {}, "age_amounts": {"80": "50", "90": "100"}, "flat_amount": None,
                "income_limit_multiple": None, "pilot_divisions": [], "rural_only": False, "is_sample": True,
                "source_document": "示例", "remarks": ""}

    def form_post_data(self):
        import json

        data = super().form_post_data()
        return {**data, "level_amounts": json.dumps(self.resolve("form_data")["level_amounts"]),
                "age_amounts": json.dumps(self.resolve("form_data")["age_amounts"])}
