from django.urls import path

from readings import views

app_name = "readings"

urlpatterns = [
    path("readings/", views.course_readings, name="list"),
    path("readings.bib", views.course_readings_export, {"extension": "bib"}, name="bib"),
    path("readings.ris", views.course_readings_export, {"extension": "ris"}, name="ris"),
    path("readings.json", views.course_readings_export, {"extension": "json"}, name="csl-json"),
    path(
        "weeks/<int:number>/readings.json",
        views.week_readings_export,
        {"extension": "json"},
        name="week-csl-json",
    ),
    path(
        "weeks/<int:number>/readings.bib",
        views.week_readings_export,
        {"extension": "bib"},
        name="week-bib",
    ),
    path(
        "weeks/<int:number>/readings.ris",
        views.week_readings_export,
        {"extension": "ris"},
        name="week-ris",
    ),
]
