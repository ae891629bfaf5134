from django.urls import path

from weeks import views

app_name = "weeks"

urlpatterns = [
    path("<int:number>/", views.week_detail, name="detail"),
    path("<int:number>/slides/", views.slideshow, name="slideshow"),
    path("<int:number>/slides/presenter/", views.presenter, name="presenter"),
    path("<int:number>/slides.md", views.deck_download, name="deck-download"),
]
