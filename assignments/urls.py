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
    path("<slug:slug>/groups/<int:pk>/history/", views.history, name="history"),
]
