from django.urls import path

from . import views

app_name = "plans"
urlpatterns = [
    path("dialog/<str:ref>/plan/", views.plan, name="plan"),
    path("dialog/<str:ref>/plan/neu/", views.measure_new, name="measure-new"),
    path("dialog/<str:ref>/plan/massnahmen.xlsx", views.export_xlsx, name="export-xlsx"),
    path("dialog/<str:ref>/plan/<int:pk>/stand/", views.measure_status, name="measure-status"),
]
