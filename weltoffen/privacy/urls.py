from django.urls import path

from . import views

app_name = "privacy"
urlpatterns = [
    path("dialog/<str:ref>/daten.zip", views.owner_export, name="export"),
    path("selbstcheck/a/<str:token>/meine-daten.zip", views.respondent_export, name="respondent-export"),
    path("konto/daten/", views.account, name="account"),
    path("konto/daten.zip", views.account_export, name="account-export"),
]
