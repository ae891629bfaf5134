from django.contrib import admin
from django.contrib.admin.views.decorators import staff_member_required
from django.urls import include, path
from markdownx.views import MarkdownifyView

from accounts.throttle import throttle_login
from config.media import serve_media
from weeks.forms import MarkdownImageUploadView

# django-markdownx mounts its preview and upload views for anyone; only staff edit markdown here.
markdownx_urls = [
    path(
        "upload/",
        staff_member_required(MarkdownImageUploadView.as_view()),
        name="markdownx_upload",
    ),
    path(
        "markdownify/",
        staff_member_required(MarkdownifyView.as_view()),
        name="markdownx_markdownify",
    ),
]

urlpatterns = [
    path("media/<path:path>", serve_media, name="media"),
    path("admin/login/", throttle_login(admin.site.login)),
    path("admin/", admin.site.urls),
    path("accounts/", include("accounts.urls")),
    path("markdownx/", include(markdownx_urls)),
    path("<slug:course_slug>/assignments/", include("assignments.urls")),
    path("<slug:course_slug>/weeks/", include("live.urls")),
    path("<slug:course_slug>/weeks/", include("weeks.urls")),
    path("<slug:course_slug>/presentations/", include("presentations.urls")),
    path("<slug:course_slug>/", include("readings.urls")),
    path("<slug:course_slug>/", include("glossary.urls")),
    path("<slug:course_slug>/", include("search.urls")),
    path("", include("courses.urls")),
]
