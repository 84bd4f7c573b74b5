from django.urls import path

from . import views

app_name = "peers"
urlpatterns = [
    path("a/<str:token>/zustimmung/", views.link_consent, name="link-consent"),
    path("runden/<int:pk>/zustimmung/", views.round_consent, name="round-consent"),
]
