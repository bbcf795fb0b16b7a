from django.urls import path

from minzheng.framework.api.routers import Router
from minzheng.marriage.api import public, views

app_name = "marriage-api"
router = Router()
router.register("registry-offices", views.RegistryOfficeViewSet)
router.register("standard-items", views.StandardItemViewSet)
router.register("standard-checks", views.StandardCheckViewSet)
router.register("slot-templates", views.SlotTemplateViewSet)
router.register("office-days", views.OfficeDayViewSet)
router.register("slots", views.SlotViewSet)
router.register("appointments", views.AppointmentViewSet)
router.register("marriage-registrations", views.MarriageRegistrationViewSet)
router.register("divorce-applications", views.DivorceApplicationViewSet)
router.register("certificates", views.CertificateViewSet)
router.register("adoption-applications", views.AdoptionApplicationViewSet)
router.register("adoption-assessments", views.AdoptionAssessmentViewSet)
urlpatterns = [
    path("statistics/", views.MarriageStatisticsAPIView.as_view(), name="statistics"),
    path("public/offices/", public.PublicOfficesAPIView.as_view(), name="public-offices"),
    path("public/offices/<str:code>/days/", public.PublicDaysAPIView.as_view(), name="public-days"),
    path("public/offices/<str:code>/slots/", public.PublicSlotsAPIView.as_view(), name="public-slots"),
    path("public/appointments/", public.PublicBookAPIView.as_view(), name="public-book"),
    path("public/appointments/cancel/", public.PublicCancelAPIView.as_view(), name="public-cancel"),
    path("public/appointments/<str:number>/", public.PublicAppointmentAPIView.as_view(), name="public-appointment"),
    *router.urls,
]
