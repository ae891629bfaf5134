"""Validate and re-encode uploaded images: the only way an image reaches the media folder.

The format is decided from the content, never from the name or the declared type; size and
pixel caps refuse decompression bombs before decoding; re-encoding drops trailing bytes
(polyglots) and all metadata, after applying the EXIF orientation.
"""

import io
import uuid
import warnings

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from PIL import Image, ImageOps, UnidentifiedImageError

MAX_BYTES = 10 * 1024 * 1024
MAX_PIXELS = 40_000_000
MAX_SIDE = 10_000
MAX_FRAMES = 200
FORMATS = {"JPEG": "jpg", "PNG": "png", "WEBP": "webp", "GIF": "gif"}


def sanitise_image(upload):
    """Return a re-encoded copy of `upload` with a generated name, or raise ValidationError."""
    if upload.size > MAX_BYTES:
        raise ValidationError(f"The image is larger than {MAX_BYTES // (1024 * 1024)} MB.")
    data = upload.read()
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            image = Image.open(io.BytesIO(data), formats=list(FORMATS))
            width, height = image.size
            if width * height > MAX_PIXELS or max(width, height) > MAX_SIDE:
                raise ValidationError(
                    f"The image is {width}×{height} pixels; the limit is {MAX_SIDE} pixels a "
                    f"side and {MAX_PIXELS // 1_000_000} megapixels."
                )
            frames = getattr(image, "n_frames", 1)
            if frames > MAX_FRAMES:
                raise ValidationError(
                    f"The animation has {frames} frames; the limit is {MAX_FRAMES}."
                )
            image.load()
            output = _reencode(image)
    except UnidentifiedImageError:
        raise ValidationError("Upload a JPEG, PNG, WebP or GIF image.") from None
    except (Image.DecompressionBombError, Image.DecompressionBombWarning):
        raise ValidationError(
            f"The image has too many pixels; the limit is {MAX_PIXELS // 1_000_000} megapixels."
        ) from None
    except (OSError, SyntaxError, ValueError) as error:
        raise ValidationError(f"The image could not be read ({error}).") from None
    return ContentFile(output, name=f"{uuid.uuid4().hex}.{FORMATS[image.format]}")


def _reencode(image):
    buffer = io.BytesIO()
    if image.format == "GIF":
        image.save(buffer, format="GIF", save_all=getattr(image, "n_frames", 1) > 1)
        return buffer.getvalue()
    source_format = image.format
    image = ImageOps.exif_transpose(image)
    if source_format == "JPEG":
        image.convert("RGB").save(buffer, format="JPEG", quality=90, optimize=True)
    else:
        image.save(buffer, format=source_format)
    return buffer.getvalue()
