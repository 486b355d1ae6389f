from django.db import migrations, models


class Migration(migrations.Migration):
    initial = True
    dependencies = []

    operations = [
        migrations.CreateModel(
            name="Plant",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("slug", models.SlugField(unique=True)),
                ("name", models.CharField(max_length=80)),
                ("latin", models.CharField(max_length=80)),
                ("sun", models.CharField(choices=[("full", "full sun"), ("partial", "partial shade"), ("shade", "shade")], max_length=10)),
                ("water_every_days", models.PositiveSmallIntegerField()),
                ("planted", models.DateTimeField()),
            ],
            options={"ordering": ["name"]},
        ),
    ]
