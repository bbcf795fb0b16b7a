from django.db import migrations, models


class Migration(migrations.Migration):
    """When a possible duplicate was merged or dismissed."""

    dependencies = [
        ('registry', '0003_person_identity_checks'),
    ]

    operations = [
        migrations.AddField(
            model_name='duplicatecandidate',
            name='resolved_at',
            field=models.DateTimeField(blank=True, null=True, verbose_name='resolved at'),
        ),
    ]
