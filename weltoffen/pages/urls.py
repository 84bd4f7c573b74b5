from django.urls import path

from . import views

app_name = "pages"
urlpatterns = [
    path("barriere-melden/", views.barrier_report, name="barrier-report"),
    path("barriere-melden/danke/", views.barrier_report_thanks, name="barrier-report-thanks"),
]
