from django.conf import settings
from django.urls import path, re_path
from django.views.static import serve

from plants import views

urlpatterns = [
    path("", views.index, name="index"),
    path("plants/<slug:slug>/", views.detail, name="detail"),
    path("api/plants", views.api_list, name="api-list"),
    path("api/plants/<slug:slug>", views.api_detail, name="api-detail"),
    path("healthz", views.healthz),
    # No front proxy in this image: Django serves the collected static files itself.
    re_path(r"^static/(?P<path>.*)$", serve, {"document_root": settings.STATIC_ROOT}),
]
