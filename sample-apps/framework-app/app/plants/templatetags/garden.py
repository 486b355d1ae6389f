"""Template filters of the garden: loaded with {% load garden %}."""
from django import template

register = template.Library()


@register.filter
def watering(days):
    if days <= 1:
        return "water daily"
    if days % 7 == 0:
        weeks = days // 7
        return f"water every {weeks} week{'s' if weeks > 1 else ''}"
    return f"water every {days} days"
