from django.urls import path

from . import views

app_name = "workshops"
urlpatterns = [
    path("dialog/<str:ref>/workshop/", views.overview, name="overview"),
    path("dialog/<str:ref>/workshop/angaben/", views.save_details, name="details"),
    path("dialog/<str:ref>/workshop/protokoll/", views.save_minutes, name="minutes"),
    path("dialog/<str:ref>/workshop/dokumentation.pdf", views.documentation_pdf, name="documentation-pdf"),
    path("dialog/<str:ref>/workshop/dokumentation/", views.documentation, name="documentation"),
    path("dialog/<str:ref>/workshop/dokumentation/<uuid:pk>/", views.documentation_status, name="documentation-status"),
    path(
        "dialog/<str:ref>/workshop/dokumentation/<uuid:pk>/datei/",
        views.documentation_download,
        name="documentation-download",
    ),
    path("dialog/<str:ref>/workshop/prioritaeten/<int:pk>/massnahme/", views.plan_priority, name="plan-priority"),
    path("dialog/<str:ref>/workshop/felder/<slug:field_key>/", views.field_screen, name="field"),
    path("dialog/<str:ref>/workshop/felder/<slug:field_key>/protokoll/", views.save_minutes, name="field-minutes"),
    path("dialog/<str:ref>/workshop/felder/<slug:field_key>/empfehlungen/", views.choose, name="choose"),
    path("dialog/<str:ref>/workshop/felder/<slug:field_key>/prioritaeten/", views.add_priority, name="add-priority"),
    path(
        "dialog/<str:ref>/workshop/felder/<slug:field_key>/prioritaeten/<int:pk>/entfernen/",
        views.remove_priority,
        name="remove-priority",
    ),
]
