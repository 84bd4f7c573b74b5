from django.urls import path

from . import views

app_name = "catalogue"
urlpatterns = [
    path("", views.overview, name="overview"),
    path("methodik/", views.method, name="method"),
    path("handlungsfelder/<slug:key>/", views.field_detail, name="field"),
]
