"""Pages of the registry: generated suites (data only) for every model — anonymous, no permission, permitted,
another district (404 on pages; hidden from lists, searches, exports and dropdowns)."""

from minzheng.framework.testing.views import ViewTestCases
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


class RegistryOfficeViewTestCase(ViewTestCases.PrimaryObjectViewTestCase):
    model = RegistryOffice
    create_objects = _objects(data.offices)
    form_data = staticmethod(data.office_form)


class StandardItemViewTestCase(ViewTestCases.PrimaryObjectViewTestCase):
    model = StandardItem
    user_division = "city"
    create_objects = _objects(data.standard_items)
    form_data = staticmethod(data.standard_item_form)


class StandardCheckViewTestCase(ViewTestCases.PrimaryObjectViewTestCase):
    model = StandardCheck
    create_objects = _objects(data.standard_checks)
    form_data = staticmethod(data.standard_check_form)


class SlotTemplateViewTestCase(ViewTestCases.PrimaryObjectViewTestCase):
    model = SlotTemplate
    create_objects = _objects(data.slot_templates)
    form_data = staticmethod(data.slot_template_form)


class OfficeDayViewTestCase(ViewTestCases.PrimaryObjectViewTestCase):
    model = OfficeDay
    create_objects = _objects(data.office_days)
    form_data = staticmethod(data.office_day_form)


class SlotViewTestCase(ViewTestCases.ReadOnlyObjectViewTestCase):
    model = Slot
    create_objects = _objects(data.slots)


class AppointmentViewTestCase(ViewTestCases.ReadOnlyObjectViewTestCase):
    model = Appointment
    create_objects = _objects(data.appointments)


class MarriageRegistrationViewTestCase(ViewTestCases.GetObjectViewTestCase, ViewTestCases.ListObjectsViewTestCase):
    model = MarriageRegistration
    create_objects = _objects(data.registrations)


class DivorceApplicationViewTestCase(ViewTestCases.GetObjectViewTestCase, ViewTestCases.ListObjectsViewTestCase):
    model = DivorceApplication
    create_objects = _objects(data.divorces)


class CertificateViewTestCase(ViewTestCases.ReadOnlyObjectViewTestCase):
    model = Certificate
    create_objects = _objects(data.certificates)


class AdoptionApplicationViewTestCase(ViewTestCases.GetObjectViewTestCase, ViewTestCases.ListObjectsViewTestCase):
    model = AdoptionApplication
    create_objects = _objects(data.adoptions)


class AdoptionAssessmentViewTestCase(ViewTestCases.ReadOnlyObjectViewTestCase):
    model = AdoptionAssessment
    create_objects = _objects(data.assessments)
