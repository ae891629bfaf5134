from django.conf import settings
from django.contrib import admin
from django.contrib.admin.views.decorators import staff_member_required
from django.urls import include, path
from django.views.static import serve
from markdownx.views import ImageUploadView, MarkdownifyView

# django-markdownx mounts its preview and upload views for anyone; only staff edit markdown here.
markdownx_urls = [
    path("upload/", staff_member_required(ImageUploadView.as_view()), name="markdownx_upload"),
    path(
        "markdownify/",
        staff_member_required(MarkdownifyView.as_view()),
        name="markdownx_markdownify",
    ),
]

urlpatterns = [
    path("admin/", admin.site.urls),
    path("markdownx/", include(markdownx_urls)),
    path("<slug:course_slug>/weeks/", include("weeks.urls")),
    path("", include("courses.urls")),
]

if settings.DEBUG:
    urlpatterns.insert(0, path("media/<path:path>", serve, {"document_root": settings.MEDIA_ROOT}))
