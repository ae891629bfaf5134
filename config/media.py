"""Serve uploaded media so that no file can ever run as a page on this site's origin.

Only where `SERVE_MEDIA` is on (development, or a trial without a proxy): in production the
reverse proxy serves `/media/` with the same rules (config/nginx/site.conf), or S3 does.
"""

import mimetypes

from django.conf import settings
from django.http import Http404
from django.views.static import serve

SAFE_TYPES = {"image/jpeg", "image/png", "image/webp", "image/gif"}


def serve_media(request, path):
    if not settings.SERVE_MEDIA:
        raise Http404("Media are served by the reverse proxy.")
    if mimetypes.guess_type(path)[0] not in SAFE_TYPES:
        raise Http404("Not an image.")
    response = serve(request, path, document_root=settings.MEDIA_ROOT)
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = "default-src 'none'; sandbox"
    response["Cache-Control"] = "public, max-age=86400"
    return response
