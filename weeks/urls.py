from django.urls import path

from weeks import views

app_name = "weeks"

urlpatterns = [
    path("<int:number>/", views.week_detail, name="detail"),
]
