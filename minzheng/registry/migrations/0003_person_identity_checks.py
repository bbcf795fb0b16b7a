from django.db import migrations, models


class Migration(migrations.Migration):
    """Birth date and sex may be left to the identity number; sex must be 1 or 2; who sees full numbers."""

    dependencies = [
        ('registry', '0002_registry_number_sequence'),
    ]

    operations = [
        migrations.AlterModelOptions(
            name='person',
            options={'ordering': ['name', 'pk'], 'permissions': [('view_full_id_person', 'Can see full identity numbers')], 'verbose_name': 'person', 'verbose_name_plural': 'persons'},
        ),
        migrations.AlterField(
            model_name='person',
            name='birth_date',
            field=models.DateField(blank=True, help_text='Taken from the identity number when left empty.', verbose_name='birth date'),
        ),
        migrations.AlterField(
            model_name='person',
            name='sex',
            field=models.CharField(blank=True, choices=[('1', 'Male'), ('2', 'Female')], help_text='Taken from the identity number when left empty.', max_length=1, verbose_name='sex'),
        ),
        migrations.AddConstraint(
            model_name='person',
            constraint=models.CheckConstraint(condition=models.Q(('sex__in', ['1', '2'])), name='registry_person_sex', violation_error_message='The sex must be male or female.'),
        ),
    ]
