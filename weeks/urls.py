from django.urls import path

from readings import views as readings_views
from weeks import views

app_name = "weeks"

urlpatterns = [
    path("<int:number>/", views.week_detail, name="detail"),
    path("<int:number>/slides/", views.slideshow, name="slideshow"),
    path("<int:number>/slides/presenter/", views.presenter, name="presenter"),
    path("<int:number>/slides.md", views.deck_download, name="deck-download"),
    path(
        "<int:number>/readings.bib",
        readings_views.week_readings_export,
        {"extension": "bib"},
        name="readings-bib",
    ),
    path(
        "<int:number>/readings.ris",
        readings_views.week_readings_export,
        {"extension": "ris"},
        name="readings-ris",
    ),
]
