"""The household's consent (授权书): a member's signed authorisation to check his or her income and assets.

社会救助暂行办法 Art. 58: the verification platform queries other departments *with the household's
authorisation*. A verification is refused unless every adult member has a consent valid on its date.
"""

import datetime

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from minzheng.framework.models import RecordModel, ScopedQuerySet

__all__ = ["Consent", "ConsentQuerySet"]


def _document_path(instance, filename: str) -> str:
    return f"verification/consents/{instance.household_id}/{filename}"


class ConsentQuerySet(ScopedQuerySet):
    def valid_on(self, date: datetime.date) -> "ConsentQuerySet":
        """Consents signed by ``date``, not expired and not revoked on it."""
        return self.filter(signed_on__lte=date).filter(
            Q(valid_until__isnull=True) | Q(valid_until__gte=date)).filter(
            Q(revoked_on__isnull=True) | Q(revoked_on__gt=date))


class Consent(RecordModel):
    """One member's signed authorisation, for the household's verifications from ``signed_on``."""

    household = models.ForeignKey("registry.Household", verbose_name=_("household"), on_delete=models.PROTECT,
                                  related_name="verification_consents")
    person = models.ForeignKey("registry.Person", verbose_name=_("member"), on_delete=models.PROTECT,
                               related_name="verification_consents")
    signed_on = models.DateField(_("signed on"))
    valid_until = models.DateField(_("valid until"), null=True, blank=True,
                                   help_text=_("Last day it may be used; empty: until revoked."))
    revoked_on = models.DateField(_("revoked on"), null=True, blank=True,
                                  help_text=_("From this day it may no longer be used."))
    document = models.FileField(_("signed authorisation (scan)"), upload_to=_document_path)

    area_lookup = "household__division"
    search_fields = ("person__name", "household__number")

    objects = models.Manager.from_queryset(ConsentQuerySet)()

    class Meta:
        verbose_name = _("consent to verification")
        verbose_name_plural = _("consents to verification")
        ordering = ["household", "person", "-signed_on", "-pk"]
        indexes = [models.Index(fields=["household", "person"], name="verification_consent_member")]
        constraints = [
            models.CheckConstraint(condition=Q(valid_until__isnull=True) | Q(valid_until__gte=F("signed_on")),
                                   name="%(app_label)s_%(class)s_valid_until",
                                   violation_error_message=_("It cannot expire before it was signed.")),
            models.CheckConstraint(condition=Q(revoked_on__isnull=True) | Q(revoked_on__gte=F("signed_on")),
                                   name="%(app_label)s_%(class)s_revoked_on",
                                   violation_error_message=_("It cannot be revoked before it was signed.")),
        ]

    def __str__(self):
        return f"{self.person.name} · {self.signed_on:%Y-%m-%d}"

    def clean(self):
        super().clean()
        if self.household_id and self.person_id and not self.household.memberships.filter(
                person_id=self.person_id, end_date__isnull=True).exists():
            raise ValidationError({"person": _("Choose a current member of the household.")}, code="not_member")

    def is_valid_on(self, date: datetime.date) -> bool:
        return (self.signed_on <= date and (self.valid_until is None or self.valid_until >= date)
                and (self.revoked_on is None or self.revoked_on > date))
