from django.urls import path

from minzheng.framework.urls import get_model_urls
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
from minzheng.marriage.views.public import PublicAppointmentView, PublicBookingView, PublicCancelView
from minzheng.marriage.views.statistics import MarriageStatisticsView

app_name = "marriage"
urlpatterns = [
    path("book/", PublicBookingView.as_view(), name="public_book"),
    path("book/cancel/", PublicCancelView.as_view(), name="public_cancel"),
    path("book/<str:number>/", PublicAppointmentView.as_view(), name="public_appointment"),
    path("statistics/", MarriageStatisticsView.as_view(), name="statistics"),
    *get_model_urls(RegistryOffice),
    *get_model_urls(StandardItem),
    *get_model_urls(StandardCheck),
    *get_model_urls(SlotTemplate),
    *get_model_urls(OfficeDay),
    *get_model_urls(Slot),
    *get_model_urls(Appointment),
    *get_model_urls(MarriageRegistration),
    *get_model_urls(DivorceApplication),
    *get_model_urls(Certificate),
    *get_model_urls(AdoptionApplication),
    *get_model_urls(AdoptionAssessment),
]
