from django.db import models


class Plant(models.Model):
    SUN = [("full", "full sun"), ("partial", "partial shade"), ("shade", "shade")]

    slug = models.SlugField(unique=True)
    name = models.CharField(max_length=80)
    latin = models.CharField(max_length=80)
    sun = models.CharField(max_length=10, choices=SUN)
    water_every_days = models.PositiveSmallIntegerField()
    planted = models.DateTimeField()

    class Meta:
        ordering = ["name"]

    def as_json(self):
        return {
            "slug": self.slug,
            "name": self.name,
            "latin": self.latin,
            "sun": self.sun,
            "water_every_days": self.water_every_days,
            "planted": self.planted.isoformat(),
        }
