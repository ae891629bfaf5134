from django.urls import path

from glossary import views

app_name = "glossary"

urlpatterns = [
    path("characters/", views.character_list, name="characters"),
    path("glossary/", views.term_list, name="terms"),
]
