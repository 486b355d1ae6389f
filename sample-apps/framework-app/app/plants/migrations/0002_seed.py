import datetime

from django.db import migrations

UTC = datetime.timezone.utc
PLANTS = [
    ("lavender", "Lavender", "Lavandula angustifolia", "full", 10, datetime.datetime(2024, 4, 1, 12, 0, tzinfo=UTC)),
    ("fern", "Lady fern", "Athyrium filix-femina", "shade", 3, datetime.datetime(2023, 10, 15, 9, 30, tzinfo=UTC)),
    ("rosemary", "Rosemary", "Salvia rosmarinus", "full", 14, datetime.datetime(2022, 12, 24, 16, 45, tzinfo=UTC)),
    ("hosta", "Hosta", "Hosta sieboldiana", "partial", 5, datetime.datetime(2024, 6, 21, 6, 15, tzinfo=UTC)),
]


def seed(apps, schema_editor):
    Plant = apps.get_model("plants", "Plant")
    for slug, name, latin, sun, water, planted in PLANTS:
        Plant.objects.create(slug=slug, name=name, latin=latin, sun=sun, water_every_days=water, planted=planted)


class Migration(migrations.Migration):
    dependencies = [("plants", "0001_initial")]
    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
