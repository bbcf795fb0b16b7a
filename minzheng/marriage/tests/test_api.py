"""The staff API: generated suites (data only) for every endpoint, as for the pages."""

from minzheng.framework.testing.api import APIViewTestCases
from minzheng.marriage.models import (
    AdoptionApplication,
    AdoptionAssessment,
    Appointment,
    Certificate,
    DivorceApplication,
    MarriageRegistration,
    OfficeDay,
    RegistryOffice,
    Slot,
    SlotTemplate,
    StandardCheck,
    StandardItem,
)
from minzheng.marriage.tests import data


def _objects(make):
    return classmethod(lambda cls, tree: make(tree))


class RegistryOfficeAPITestCase(APIViewTestCases.APIViewTestCase):
    model = RegistryOffice
    create_objects = _objects(data.offices)
    api_create_data = staticmethod(data.office_form)
    api_update_data = {"name": "和平区婚姻登记处（新址）", "booking_days": 45}


class StandardItemAPITestCase(APIViewTestCases.APIViewTestCase):
    model = StandardItem
    user_division = "city"
    create_objects = _objects(data.standard_items)
    api_create_data = staticmethod(data.standard_item_form)
    api_update_data = {"name": "颁证大厅"}


class StandardCheckAPITestCase(APIViewTestCases.APIViewTestCase):
    model = StandardCheck
    create_objects = _objects(data.standard_checks)
    api_create_data = staticmethod(data.standard_check_form)
    api_update_data = {"met": False}


class SlotTemplateAPITestCase(APIViewTestCases.APIViewTestCase):
    model = SlotTemplate
    create_objects = _objects(data.slot_templates)
    api_create_data = staticmethod(data.slot_template_form)
    api_update_data = {"capacity": 12}


class OfficeDayAPITestCase(APIViewTestCases.APIViewTestCase):
    model = OfficeDay
    create_objects = _objects(data.office_days)
    api_create_data = staticmethod(data.office_day_form)
    api_update_data = {"reason": "七夕加开"}


class SlotAPITestCase(APIViewTestCases.ReadOnlyAPIViewTestCase):
    model = Slot
    create_objects = _objects(data.slots)


class AppointmentAPITestCase(APIViewTestCases.ReadOnlyAPIViewTestCase):
    model = Appointment
    create_objects = _objects(data.appointments)


class MarriageRegistrationAPITestCase(APIViewTestCases.GetObjectViewTestCase,
                                      APIViewTestCases.ListObjectsViewTestCase):
    model = MarriageRegistration
    create_objects = _objects(data.registrations)


class DivorceApplicationAPITestCase(APIViewTestCases.GetObjectViewTestCase, APIViewTestCases.ListObjectsViewTestCase):
    model = DivorceApplication
    create_objects = _objects(data.divorces)


class CertificateAPITestCase(APIViewTestCases.ReadOnlyAPIViewTestCase):
    model = Certificate
    create_objects = _objects(data.certificates)


class AdoptionApplicationAPITestCase(APIViewTestCases.GetObjectViewTestCase,
                                     APIViewTestCases.ListObjectsViewTestCase):
    model = AdoptionApplication
    create_objects = _objects(data.adoptions)


class AdoptionAssessmentAPITestCase(APIViewTestCases.ReadOnlyAPIViewTestCase):
    model = AdoptionAssessment
    create_objects = _objects(data.assessments)
