from django.urls import path

from . import views

app_name = "teams"
urlpatterns = [
    path("", views.home, name="home"),
    path("mitglieder/", views.members, name="members"),
    path("mitglieder/<int:pk>/entfernen/", views.remove_member, name="remove-member"),
    path("uebernehmen/", views.take_over, name="take-over"),
    path("fortschritt/", views.progress, name="progress"),
    path("runden/neu/", views.next_round, name="next-round"),
    path("runden/<int:pk>/", views.round_detail, name="round"),
    path("runden/<int:pk>/einladen/", views.invite, name="invite"),
    path("runden/<int:pk>/abschliessen/", views.close_round, name="close-round"),
    path("runden/<int:pk>/termin/", views.deadline, name="deadline"),
    path("runden/<int:pk>/links/", views.links, name="links"),
    path("runden/<int:pk>/freigabe/", views.share_result, name="share-result"),
    path("runden/<int:pk>/meine-antworten/", views.my_answers, name="my-answers"),
    path("runden/<int:pk>/ergebnis/", views.result, name="result"),
    path("runden/<int:pk>/ergebnis.pdf", views.result_pdf, name="result-pdf"),
    path("runden/<int:pk>/ergebnis/pdf/", views.result_document, name="result-document"),
    path(
        "runden/<int:pk>/ergebnis/pdf/<uuid:document_pk>/", views.result_document_status, name="result-document-status"
    ),
    path(
        "runden/<int:pk>/ergebnis/pdf/<uuid:document_pk>/datei/",
        views.result_document_download,
        name="result-document-download",
    ),
    path("runden/<int:pk>/vereinbart/", views.agree, name="agree"),
    path("einladungen/<int:pk>/widerrufen/", views.revoke, name="revoke"),
    path("einladungen/<int:pk>/<slug:action>/", views.respondent_action, name="respondent-action"),
]
