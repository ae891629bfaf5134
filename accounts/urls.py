from django.urls import path

from accounts import views
from accounts.throttle import throttle_login

app_name = "accounts"

urlpatterns = [
    path("login/", throttle_login(views.LoginView.as_view()), name="login"),
    path("logout/", views.LogoutView.as_view(), name="logout"),
    path("password-reset/", views.PasswordResetView.as_view(), name="password-reset"),
    path("password-reset/sent/", views.PasswordResetDoneView.as_view(), name="password-reset-done"),
    path(
        "reset/<uidb64>/<token>/",
        views.PasswordResetConfirmView.as_view(),
        name="password-reset-confirm",
    ),
    path("reset/done/", views.PasswordResetCompleteView.as_view(), name="password-reset-complete"),
    path("invitation/<str:token>/", views.invitation, name="invitation"),
    path("enrol/", views.enrol, name="enrol"),
    path("email/<slug:course_slug>/", views.email_preferences, name="email-preferences"),
]
