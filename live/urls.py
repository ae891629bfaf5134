from django.urls import path

from live import views

app_name = "live"

urlpatterns = [
    path("<int:number>/live/events", views.events, name="events"),
    path("<int:number>/live/position", views.position, name="position"),
    path("<int:number>/live/board", views.board_post, name="board"),
    path("<int:number>/live/board/<int:pk>/upvote", views.upvote, name="upvote"),
    path("<int:number>/live/board/<int:pk>/moderate", views.moderate, name="moderate"),
    path("<int:number>/live/board.csv", views.export, {"fmt": "csv"}, name="export-csv"),
    path("<int:number>/live/board.md", views.export, {"fmt": "md"}, name="export-md"),
]
