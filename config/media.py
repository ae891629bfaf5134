"""Serve uploaded media so that no file can ever run as a page on this site's origin."""

import mimetypes

from django.conf import settings
from django.http import Http404
from django.views.static import serve

SAFE_TYPES = {"image/jpeg", "image/png", "image/webp", "image/gif"}


def serve_media(request, path):
    if mimetypes.guess_type(path)[0] not in SAFE_TYPES:
        raise Http404("Not an image.")
    response = serve(request, path, document_root=settings.MEDIA_ROOT)
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = "default-src 'none'; sandbox"
    response["Cache-Control"] = "public, max-age=86400"
    return response
