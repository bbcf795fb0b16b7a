"""Choices of the elderly-care app."""

from django.db import models
from django.utils.translation import gettext_lazy as _

__all__ = [
    "AssessmentReason", "AssessmentStatus", "AwardLevel", "AwardeeKind", "BedChange", "BedKind", "CentreKind",
    "Confirmation", "EstablishmentStatus", "FindingCategory", "FindingStatus", "InspectionConclusion",
    "InspectionKind", "InstitutionStatus", "OperatingModel", "OrderChannel", "OrderStatus", "Ownership", "PremiumPayer",
    "PriceUnit", "Procedure", "ProviderKind", "ProviderStatus", "Satisfaction", "ServiceCategory",
]


class Confirmation(models.TextChoices):
    """How sure a rule is (REFERENCE.md): read in the legal text, taken from a secondary source, or not found."""

    CONFIRMED = "confirmed", _("Confirmed (legal text)")
    SECONDARY = "secondary", _("Secondary source: check before relying on it")
    NOT_CONFIRMED = "not_confirmed", _("Not confirmed")


class Procedure(models.TextChoices):
    """How an institution is established: a licence (2013 rules) or a registration filed with civil affairs (2018)."""

    LICENCE = "licence", _("Establishment licence (设立许可)")
    REGISTRATION = "registration", _("Registration and filing (登记备案)")


class Ownership(models.TextChoices):
    PUBLIC = "public", _("Public (公办)")
    PUBLIC_PRIVATE = "public_private", _("Publicly built, privately run (公建民营)")
    PRIVATE = "private", _("Private (民办)")


class InstitutionStatus(models.TextChoices):
    PREPARING = "preparing", _("Being established")
    OPERATING = "operating", _("Operating")
    SUSPENDED = "suspended", _("Suspended")
    CLOSED = "closed", _("Closed")


class EstablishmentStatus(models.TextChoices):
    ACCEPTED = "accepted", _("Accepted, awaiting the decision")
    GRANTED = "granted", _("Licence granted")
    REFUSED = "refused", _("Licence refused")
    FILED = "filed", _("Registered and filed")


class BedKind(models.TextChoices):
    SELF_CARE = "self_care", _("Self-care (自理)")
    NURSING = "nursing", _("Nursing (护理)")


class BedChange(models.TextChoices):
    ADDED = "added", _("Added")
    REMOVED = "removed", _("Removed")


class InspectionKind(models.TextChoices):
    ROUTINE = "routine", _("Routine inspection")
    FIRE_SAFETY = "fire_safety", _("Fire-safety inspection")
    COMPLAINT = "complaint", _("Inspection after a complaint")
    ANNUAL = "annual", _("Annual inspection")


class InspectionConclusion(models.TextChoices):
    PASSED = "passed", _("No problems found")
    RECTIFY = "rectify", _("Problems to rectify")
    SERIOUS = "serious", _("Serious problems")


class FindingCategory(models.TextChoices):
    FIRE_SAFETY = "fire_safety", _("Fire safety")
    FOOD_HYGIENE = "food_hygiene", _("Food and hygiene")
    CARE = "care", _("Care services")
    FACILITIES = "facilities", _("Buildings and facilities")
    MANAGEMENT = "management", _("Management and staffing")
    OTHER = "other", _("Other")


class FindingStatus(models.TextChoices):
    OPEN = "open", _("To be rectified")
    RECTIFIED = "rectified", _("Rectified")


class CentreKind(models.TextChoices):
    DAYCARE = "daycare", _("Day-care centre (老年日间照料服务中心)")
    MEAL_CENTRE = "meal_centre", _("District meal centre (区级老年配餐中心)")
    MEAL_POINT = "meal_point", _("Meal service point (老年助餐点)")


class OperatingModel(models.TextChoices):
    COMMUNITY = "community", _("Run by the community")
    SOCIAL_ORGANISATION = "social_org", _("Run by a social organisation")
    PURCHASED = "purchased", _("Government-purchased service")


class AssessmentReason(models.TextChoices):
    INITIAL = "initial", _("Initial assessment")
    REGULAR = "regular", _("Regular reassessment")
    CONDITION = "condition", _("Change of condition")
    OTHER = "other", _("Other (on request, on appeal)")


class AssessmentStatus(models.TextChoices):
    RECORDED = "recorded", _("Recorded, awaiting the second assessor")
    CONFIRMED = "confirmed", _("Confirmed")
    SUPERSEDED = "superseded", _("Superseded by a later assessment")
    CANCELLED = "cancelled", _("Cancelled")


class ProviderKind(models.TextChoices):
    ENTERPRISE = "enterprise", _("Enterprise")
    SOCIAL_ORGANISATION = "social_org", _("Social organisation")
    PUBLIC = "public", _("Public institution")


class ProviderStatus(models.TextChoices):
    ACTIVE = "active", _("Active")
    SUSPENDED = "suspended", _("Suspended")


class ServiceCategory(models.TextChoices):
    MEALS = "meals", _("Meals (助餐)")
    CLEANING = "cleaning", _("Cleaning (助洁)")
    BATHING = "bathing", _("Bathing (助浴)")
    MEDICAL = "medical", _("Medical escort (助医)")
    EMERGENCY = "emergency", _("Emergency help (助急)")
    PERSONAL_CARE = "personal_care", _("Personal care (生活照料)")
    ERRANDS = "errands", _("Errands (代办)")
    COMPANIONSHIP = "companionship", _("Companionship (精神慰藉)")
    REPAIRS = "repairs", _("Home repairs (维修)")


class PriceUnit(models.TextChoices):
    VISIT = "visit", _("per visit")
    HOUR = "hour", _("per hour")
    MEAL = "meal", _("per meal")


class OrderChannel(models.TextChoices):
    PHONE = "phone", _("Call centre")
    VISIT = "visit", _("In person")
    ONLINE = "online", _("Online")


class OrderStatus(models.TextChoices):
    RECEIVED = "received", _("Received")
    DISPATCHED = "dispatched", _("Dispatched")
    VISITED = "visited", _("Visit made")
    COMPLETED = "completed", _("Completed")
    CLOSED = "closed", _("Closed (satisfaction recorded)")
    CANCELLED = "cancelled", _("Cancelled")


class Satisfaction(models.IntegerChoices):
    VERY_DISSATISFIED = 1, _("Very dissatisfied")
    DISSATISFIED = 2, _("Dissatisfied")
    NEUTRAL = 3, _("Neither")
    SATISFIED = 4, _("Satisfied")
    VERY_SATISFIED = 5, _("Very satisfied")


class PremiumPayer(models.TextChoices):
    GOVERNMENT = "government", _("Paid by the government")
    SELF = "self", _("Paid by the insured")
    SHARED = "shared", _("Shared")


class AwardLevel(models.TextChoices):
    NATIONAL = "national", _("National")
    CITY = "city", _("City")
    DISTRICT = "district", _("District")


class AwardeeKind(models.TextChoices):
    INSTITUTION = "institution", _("Care institution")
    CENTRE = "centre", _("Community service centre")
    UNIT = "unit", _("Public service unit or company")
    COMMUNITY = "community", _("Community")
