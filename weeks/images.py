"""Validate and re-encode uploaded images: the only way an image reaches the media folder.

The format is decided from the content, never from the name or the declared type; size and
pixel caps (per frame and across all the frames of an animation) refuse decompression bombs
before decoding; re-encoding drops trailing bytes (polyglots) and every comment and metadata
segment (EXIF, XMP, ICC, JPEG COM, GIF comments), after applying the EXIF orientation.
"""

import io
import uuid
import warnings

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from PIL import GifImagePlugin, Image, ImageOps, ImageSequence, UnidentifiedImageError

# GIF frames that share the first frame's palette stay palette images, so re-encoding them
# costs no colour quantisation (Pillow's default turns every later frame into RGB).
GifImagePlugin.LOADING_STRATEGY = GifImagePlugin.LoadingStrategy.RGB_AFTER_DIFFERENT_PALETTE_ONLY

MAX_BYTES = 10 * 1024 * 1024
MAX_PIXELS = 40_000_000
MAX_SIDE = 10_000
MAX_FRAMES = 200
MAX_DECODED_PIXELS = 40_000_000  # frames × width × height: every frame is decoded on the canvas
# What a re-encoded image keeps of the decoder's info: how it displays, nothing anyone wrote.
KEPT_INFO = {"transparency", "duration", "loop", "disposal", "background"}
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
            _check_frames(image)
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


def _check_frames(image):
    """Refuse an animation whose frames, each decoded on the full canvas, are too many pixels.

    Counting frames skips through the file without decoding them.
    """
    frames = getattr(image, "n_frames", 1)
    if frames > MAX_FRAMES:
        raise ValidationError(f"The animation has {frames} frames; the limit is {MAX_FRAMES}.")
    width, height = image.size
    if frames * width * height > MAX_DECODED_PIXELS:
        raise ValidationError(
            f"The animation has {frames} frames of {width}×{height} pixels; the limit is "
            f"{MAX_DECODED_PIXELS // 1_000_000} megapixels across all its frames."
        )


def _gif_frame(frame):
    """A copy of the current frame with its timing kept and every comment dropped.

    A frame with a palette of its own arrives as RGB(A): it is mapped back to 256 colours with
    the fast octree quantiser (the GIF writer's default quantiser is many times slower).
    """
    info = frame.info
    if frame.mode in ("RGB", "RGBA"):
        frame = frame.quantize(256, method=Image.Quantize.FASTOCTREE)
        info = {key: value for key, value in info.items() if key != "transparency"}
    else:
        frame = frame.copy()
    frame.info = {key: value for key, value in info.items() if key in KEPT_INFO}
    return frame


def _without_metadata(image):
    image.info = {key: value for key, value in image.info.items() if key in KEPT_INFO}
    return image


def _reencode(image):
    buffer = io.BytesIO()
    if image.format == "GIF":
        frames = [_gif_frame(frame) for frame in ImageSequence.Iterator(image)]
        frames[0].save(buffer, format="GIF", save_all=len(frames) > 1, append_images=frames[1:])
        return buffer.getvalue()
    source_format = image.format
    image = ImageOps.exif_transpose(image)
    if source_format == "JPEG":
        image = image.convert("RGB")
    image = _without_metadata(image.copy())
    if source_format == "JPEG":
        image.save(buffer, format="JPEG", quality=90, optimize=True)
    else:
        image.save(buffer, format=source_format)
    return buffer.getvalue()
