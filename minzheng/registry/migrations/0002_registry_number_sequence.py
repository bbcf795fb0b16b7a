from django.db import migrations, models


class Migration(migrations.Migration):
    """A locked counter row gives people without an identity number gap-free registry numbers."""

    dependencies = [
        ('registry', '0001_initial'),
    ]

    operations = [
        migrations.CreateModel(
            name='NumberSequence',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('name', models.CharField(max_length=50, unique=True, verbose_name='name')),
                ('last_value', models.PositiveBigIntegerField(default=0, verbose_name='last value issued')),
            ],
            options={
                'verbose_name': 'number sequence',
                'verbose_name_plural': 'number sequences',
                'ordering': ['name'],
            },
        ),
    ]
