from django.urls import path

from assignments import views

app_name = "assignments"

urlpatterns = [
    path("<slug:slug>/", views.assignment_detail, name="detail"),
    path("<slug:slug>/topics/", views.topics, name="topics"),
    path("<slug:slug>/groups/create/", views.create_group, name="create-group"),
    path("<slug:slug>/groups/join/", views.join_group, name="join-group"),
    path("<slug:slug>/join/<slug:code>/", views.join_link, name="join-link"),
    path("<slug:slug>/groups/<int:pk>/leave/", views.leave_group, name="leave-group"),
    path("<slug:slug>/groups/<int:pk>/submission/", views.save_submission, name="save"),
    path("<slug:slug>/groups/<int:pk>/submit/", views.submit_submission, name="submit"),
    path("<slug:slug>/groups/<int:pk>/withdraw/", views.withdraw_submission, name="withdraw"),
    path("<slug:slug>/groups/<int:pk>/history/", views.history, name="history"),
    path("<slug:slug>/groups/<int:pk>/file/", views.hand_in_file, name="file"),
    path(
        "<slug:slug>/groups/<int:pk>/versions/<int:number>/file/",
        views.hand_in_file,
        name="revision-file",
    ),
]
