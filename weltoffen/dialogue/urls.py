from django.urls import path

from . import views

app_name = "dialogue"
urlpatterns = [
    path("umfrage/<str:token>/", views.answer_survey, name="survey"),
    path("umfrage/<str:token>/<slug:variant>/", views.answer_survey, name="survey-variant"),
    path("umfrage/<str:token>/danke", views.survey_thanks, name="survey-thanks"),
    path("dialog/<str:ref>/umfrage/", views.survey_manage, name="manage"),
    path("dialog/<str:ref>/umfrage/qr-code.svg", views.survey_qr, name="survey-qr"),
    path("dialog/<str:ref>/umfrage/aushang.pdf", views.survey_handout, name="survey-handout"),
    path("dialog/<str:ref>/vergleich/", views.comparison_page, name="comparison"),
    path("dialog/<str:ref>/umfrage/<slug:action>/", views.survey_action, name="survey-action"),
]
