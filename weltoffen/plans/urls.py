from django.urls import path

from . import views

app_name = "plans"
urlpatterns = [
    path("dialog/<str:ref>/plan/", views.plan, name="plan"),
    path("dialog/<str:ref>/plan/neu/", views.measure_new, name="measure-new"),
    path("dialog/<str:ref>/plan/massnahmen.xlsx", views.export_xlsx, name="export-xlsx"),
    path("dialog/<str:ref>/plan/massnahmenplan.pdf", views.export_pdf, name="export-pdf"),
    path("dialog/<str:ref>/plan/kalender/<slug:action>/", views.calendar_link, name="calendar-link"),
    path("kalender/<str:token>/massnahmen.ics", views.calendar_feed, name="calendar-feed"),
    path("dialog/<str:ref>/plan/<int:pk>/stand/", views.measure_status, name="measure-status"),
]
