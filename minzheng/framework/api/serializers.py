"""Base serializers: ``display`` on every object, scoped foreign keys, model validation (house style A5)."""

import copy

from django.core.exceptions import NON_FIELD_ERRORS
from django.core.exceptions import ValidationError as DjangoValidationError
from django.db.models import Model
from rest_framework import serializers
from rest_framework.settings import api_settings

from minzheng.framework.api.fields import ScopedPrimaryKeyRelatedField
from minzheng.framework.privacy import mask_value, sensitive_fields

__all__ = ["BaseModelSerializer", "BriefSerializer"]


class BaseModelSerializer(serializers.ModelSerializer):
    """Model serializer whose foreign keys accept only ids inside the requester's area.

    ``validate`` also runs the model's own ``clean()`` and constraints on the would-be instance, so
    the API refuses exactly what the HTML form refuses, with field-level errors.

    The model's sensitive fields (``framework.privacy``) are returned masked, except for the
    ``(model label, pk, field)`` triples in ``context["revealed"]``; on update, a masked value sent
    back unchanged is ignored instead of overwriting the stored one.
    """

    serializer_related_field = ScopedPrimaryKeyRelatedField
    display = serializers.SerializerMethodField()

    def get_display(self, obj) -> str:
        return str(obj)

    def to_representation(self, instance):
        data = super().to_representation(instance)
        revealed = self.context.get("revealed", ())
        for name in sensitive_fields(instance):
            if name in data and (instance._meta.label, instance.pk, name) not in revealed:
                data[name] = mask_value(instance, name, data[name])
        return data

    def to_internal_value(self, data):
        if isinstance(self.instance, Model) and hasattr(data, "copy"):
            echoed = [name for name in sensitive_fields(self.Meta.model) if name in data
                      and data[name] not in (None, "") and data[name] == self._masked(name)]
            if echoed:
                data = data.copy()
                for name in echoed:
                    data.pop(name)
        return super().to_internal_value(data)

    def _masked(self, name: str):
        return mask_value(self.instance, name, getattr(self.instance, name, None))

    def validate(self, attrs):
        attrs = super().validate(attrs)
        model = self.Meta.model
        candidate = copy.copy(self.instance) if self.instance is not None else model()
        m2m = {field.name for field in model._meta.many_to_many}
        for key, value in attrs.items():
            if key not in m2m:
                setattr(candidate, key, value)
        exclude = {field.name for field in model._meta.fields} - set(attrs)
        try:
            candidate.full_clean(exclude=exclude, validate_unique=True, validate_constraints=True)
        except DjangoValidationError as exc:
            errors = exc.message_dict if hasattr(exc, "error_dict") else {NON_FIELD_ERRORS: exc.messages}
            key = api_settings.NON_FIELD_ERRORS_KEY
            raise serializers.ValidationError({key if k == NON_FIELD_ERRORS else k: v for k, v in errors.items()})
        return attrs


class BriefSerializer(BaseModelSerializer):
    """Short representation used wherever another object refers to this one."""
