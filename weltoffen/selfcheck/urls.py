from django.urls import path

from . import views

app_name = "selfcheck"
urlpatterns = [
    path("start/", views.start, name="start"),
    path("geloescht/", views.deleted, name="deleted"),
    path("fragebogen.pdf", views.questionnaire_pdf, name="questionnaire"),
    path("handlungsfelder/<slug:field_key>/fragebogen.pdf", views.questionnaire_pdf, name="field-questionnaire"),
    path("a/<str:token>/bericht.pdf", views.report_pdf, name="report"),
    path("a/<str:token>/antworten.csv", views.export_csv, name="export-csv"),
    path("a/<str:token>/antworten.xlsx", views.export_xlsx, name="export-xlsx"),
    path("a/<str:token>/import/", views.import_upload, name="import"),
    path("a/<str:token>/import/bestaetigen/", views.import_confirm, name="import-confirm"),
    path("a/<str:token>/", views.overview, name="overview"),
    path("a/<str:token>/link/", views.link, name="link"),
    path("a/<str:token>/link/erneuern/", views.renew_link, name="renew-link"),
    path("a/<str:token>/ergebnis/", views.results, name="results"),
    path("a/<str:token>/meine-antworten/", views.answers_summary, name="answers-summary"),
    path("a/<str:token>/loeschen/", views.delete, name="delete"),
    path("a/<str:token>/felder/<slug:field_key>/", views.field_answers, name="field"),
    path("a/<str:token>/felder/<slug:field_key>/notiz/", views.save_field_note, name="save-field-note"),
    path("a/<str:token>/felder/<slug:field_key>/bestaetigen/", views.confirm_carried, name="confirm-carried"),
    path("a/<str:token>/felder/<slug:field_key>/fragen/<str:question_key>/", views.save_answer, name="save-answer"),
]
