from django.urls import path

from courses import views

app_name = "courses"

urlpatterns = [
    path("", views.course_list, name="list"),
    path("<slug:course_slug>/", views.course_detail, name="detail"),
    path("<slug:course_slug>/calendar.ics", views.course_calendar, name="calendar"),
    path("<slug:course_slug>/calendar/", views.calendar_page, name="calendar-page"),
    path(
        "<slug:course_slug>/calendar/private/",
        views.calendar_feed_change,
        name="calendar-feed-change",
    ),
    path(
        "<slug:course_slug>/calendar/<int:feed_id>/<str:token>.ics",
        views.private_calendar,
        name="private-calendar",
    ),
    path("<slug:course_slug>/slides.css", views.course_slides_css, name="slides-css"),
]
