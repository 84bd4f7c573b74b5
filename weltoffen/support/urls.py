from django.urls import path

from . import views

app_name = "support"
urlpatterns = [
    path("hilfe-nach-land/", views.help_by_land, name="help-by-land"),
]
