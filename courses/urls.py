from django.urls import path

from courses import views
from glossary import views as glossary_views
from readings import views as readings_views

app_name = "courses"

urlpatterns = [
    path("", views.course_list, name="list"),
    path("<slug:slug>/", views.course_detail, name="detail"),
    path("<slug:slug>/calendar.ics", views.course_calendar, name="calendar"),
    path("<slug:slug>/slides.css", views.course_slides_css, name="slides-css"),
    path("<slug:slug>/readings/", readings_views.course_readings, name="readings"),
    path(
        "<slug:slug>/readings.bib",
        readings_views.course_readings_export,
        {"extension": "bib"},
        name="readings-bib",
    ),
    path(
        "<slug:slug>/readings.ris",
        readings_views.course_readings_export,
        {"extension": "ris"},
        name="readings-ris",
    ),
    path("<slug:slug>/characters/", glossary_views.character_list, name="characters"),
    path("<slug:slug>/glossary/", glossary_views.term_list, name="glossary"),
]
