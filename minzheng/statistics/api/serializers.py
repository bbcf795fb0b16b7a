from rest_framework import serializers

__all__ = ["AssistanceStatisticsSerializer"]


class FiguresSerializer(serializers.Serializer):
    households = serializers.IntegerField()
    recipients = serializers.IntegerField()
    amount = serializers.DecimalField(max_digits=16, decimal_places=2)


class UnitSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    code = serializers.CharField()
    name = serializers.CharField()


class ProgramRefSerializer(UnitSerializer):
    pass


class UnitFiguresSerializer(FiguresSerializer):
    division = UnitSerializer()


class ProgramFiguresSerializer(FiguresSerializer):
    program = ProgramRefSerializer()


class RowSerializer(FiguresSerializer):
    division = UnitSerializer()
    program = ProgramRefSerializer()
    month = serializers.DateField(format="%Y-%m")


class AssistanceStatisticsSerializer(serializers.Serializer):
    """A report: its division and months, the totals, a summary per division and per program, and every cell."""

    division = UnitSerializer(allow_null=True)
    months = serializers.ListField(child=serializers.DateField(format="%Y-%m"))
    total = FiguresSerializer()
    divisions = UnitFiguresSerializer(many=True)
    programs = ProgramFiguresSerializer(many=True)
    rows = RowSerializer(many=True)

    def to_representation(self, report):
        def flat(figures, **extra):
            return {"households": figures.households, "recipients": figures.recipients, "amount": figures.amount,
                    **extra}

        data = {
            "division": report.division, "months": report.months, "total": flat(report.summary()),
            "divisions": [flat(figures, division=unit) for unit, figures in report.by_unit()],
            "programs": [flat(figures, program=program) for program, figures in report.by_program()],
            "rows": [flat(row.figures, division=row.division, program=row.program, month=row.month)
                     for row in report.rows()],
        }
        return super().to_representation(data)
