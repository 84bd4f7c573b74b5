from django.urls import path

from . import views

app_name = "municipalities"
urlpatterns = [
    path("", views.search, name="search"),
    path("<str:ags>/", views.detail, name="detail"),
]
