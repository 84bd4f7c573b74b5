from django.urls import path

from . import views

app_name = "support"
urlpatterns = [
    path("hilfe-nach-land/", views.help_by_land, name="help-by-land"),
    path("vorfaelle/", views.incident_list, name="incident-list"),
    path("vorfaelle/neu/", views.incident_new, name="incident-new"),
    path("vorfaelle/dossier.pdf", views.dossier_pdf, name="dossier-pdf"),
    path("vorfaelle/dossier.zip", views.dossier_zip, name="dossier-zip"),
    path("vorfaelle/<uuid:pk>/", views.incident_detail, name="incident-detail"),
    path("vorfaelle/<uuid:pk>/bearbeiten/", views.incident_edit, name="incident-edit"),
    path("vorfaelle/<uuid:pk>/loeschen/", views.incident_delete, name="incident-delete"),
    path("vorfaelle/<uuid:pk>/dateien/<uuid:evidence_pk>/", views.evidence_download, name="evidence-download"),
    path("vorfaelle/<uuid:pk>/dateien/<uuid:evidence_pk>/loeschen/", views.evidence_delete, name="evidence-delete"),
]
urlpatterns += [
    path("anfrage/", views.request_new, name="request-new"),
    path("team/anfragen/", views.team_requests, name="team-requests"),
    path("team/anfragen/<uuid:pk>/", views.team_request_detail, name="team-request"),
]
