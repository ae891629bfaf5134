from django.urls import path

from presentations import views

app_name = "presentations"

urlpatterns = [
    path("", views.signup_list, name="list"),
    path("sign-up/", views.sign_up, name="sign-up"),
    path("withdraw/", views.withdraw, name="withdraw"),
]
