from django.http import JsonResponse
from django.shortcuts import get_object_or_404, render

from .models import Plant


def index(request):
    return render(request, "plants/index.html", {"plants": Plant.objects.all()})


def detail(request, slug):
    return render(request, "plants/detail.html", {"plant": get_object_or_404(Plant, slug=slug)})


def api_list(request):
    plants = Plant.objects.all()
    sun = request.GET.get("sun")
    if sun:
        if sun not in dict(Plant.SUN):
            return JsonResponse({"error": f"sun must be one of {', '.join(dict(Plant.SUN))}"}, status=400)
        plants = plants.filter(sun=sun)
    return JsonResponse({"count": len(plants), "plants": [p.as_json() for p in plants]})


def api_detail(request, slug):
    try:
        return JsonResponse(Plant.objects.get(slug=slug).as_json())
    except Plant.DoesNotExist:
        return JsonResponse({"error": "no such plant"}, status=404)


def healthz(request):
    return JsonResponse({"status": "ok", "plants": Plant.objects.count()})


