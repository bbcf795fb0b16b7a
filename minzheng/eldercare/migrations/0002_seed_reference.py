"""The establishment rule sets (licence from 2013, registration and filing from 2018) and the MZ/T 039-2013
assessment rule table, so that a fresh installation can establish institutions and assess elders."""

from django.db import migrations


def seed(apps, schema_editor):
    from minzheng.eldercare.reference import ASSESSMENT_TABLES, ESTABLISHMENT_RULES

    rule_sets = apps.get_model("eldercare", "EstablishmentRuleSet")
    tables = apps.get_model("eldercare", "AssessmentRuleTable")
    if not rule_sets.objects.exists():
        for row in ESTABLISHMENT_RULES:
            rule_sets.objects.create(**row)
    if not tables.objects.exists():
        for row in ASSESSMENT_TABLES:
            tables.objects.create(**row)


class Migration(migrations.Migration):
    dependencies = [("eldercare", "0001_initial")]

    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
