from rest_framework import serializers

__all__ = ["ObjectionReceiptSerializer", "PublicNoticeSerializer", "PublicObjectionSerializer"]


class PublicNoticeSerializer(serializers.Serializer):
    """A ``notices.PublicNotice``: masked applicant name and identity number, never more."""

    id = serializers.IntegerField(source="request_id", help_text="The notice's id, for sending an objection.")
    community_code = serializers.CharField()
    community_name = serializers.CharField()
    applicant = serializers.CharField(help_text="Masked: first and last character.")
    id_number = serializers.CharField(help_text="Masked: address code and last four characters.")
    program = serializers.CharField()
    household_size = serializers.IntegerField()
    proposed_amount = serializers.DecimalField(max_digits=12, decimal_places=2, allow_null=True)
    notice_from = serializers.DateField()
    notice_until = serializers.DateField()


class PublicObjectionSerializer(serializers.Serializer):
    content = serializers.CharField(max_length=2000)
    name = serializers.CharField(max_length=50, required=False, allow_blank=True, default="")
    phone = serializers.RegexField(r"^[0-9+\- ]{5,30}$", max_length=30, required=False, allow_blank=True, default="")


class ObjectionReceiptSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    received_at = serializers.DateTimeField()
    status = serializers.CharField()
