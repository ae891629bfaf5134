import io

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from weeks.images import sanitise_image

pytestmark = pytest.mark.django_db


def encoded(fmt, size=(16, 12), mode="RGB", **save):
    buffer = io.BytesIO()
    Image.new(mode, size, "red").save(buffer, format=fmt, **save)
    return buffer.getvalue()


def upload(data, name="photo.png", content_type="image/png"):
    return SimpleUploadedFile(name, data, content_type=content_type)


@pytest.mark.parametrize(
    ("fmt", "extension"),
    [
        ("PNG", "png"),
        ("JPEG", "jpg"),
        ("WEBP", "webp"),
        ("GIF", "gif"),
    ],
)
def test_raster_images_are_accepted_and_renamed_from_their_content(fmt, extension):
    result = sanitise_image(upload(encoded(fmt), name="../../evil.html"))
    assert result.name.endswith(f".{extension}")
    assert ".." not in result.name and "evil" not in result.name
    assert Image.open(io.BytesIO(result.read())).format == fmt


@pytest.mark.parametrize(
    "data",
    [
        b'<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>',
        b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF",
        b"%!PS-Adobe-3.0 EPSF-3.0\n%%BoundingBox: 0 0 10 10\n",
        b"<html><script>alert(1)</script></html>",
        b"",
    ],
)
def test_non_images_are_refused_whatever_their_name(data):
    with pytest.raises(ValidationError, match="JPEG, PNG, WebP or GIF"):
        sanitise_image(upload(data, name="innocent.png"))


def test_tiff_is_refused_even_though_pillow_reads_it():
    with pytest.raises(ValidationError):
        sanitise_image(upload(encoded("TIFF"), name="scan.png"))


def test_a_truncated_image_gets_an_error_not_a_crash():
    data = encoded("JPEG", size=(400, 300))
    with pytest.raises(ValidationError):
        sanitise_image(upload(data[: len(data) // 2], name="cut.jpg"))


def test_trailing_bytes_of_a_polyglot_are_dropped():
    marker = b"<script>alert('polyglot')</script>"
    result = sanitise_image(upload(encoded("PNG") + marker))
    assert marker not in result.read()


def test_exif_is_stripped_and_orientation_applied():
    image = Image.new("RGB", (40, 20), "blue")
    exif = Image.Exif()
    exif[0x0112] = 6  # rotate 90° on display
    exif[0x010F] = "Secret Camera Maker"
    buffer = io.BytesIO()
    image.save(buffer, format="JPEG", exif=exif)
    result = Image.open(io.BytesIO(sanitise_image(upload(buffer.getvalue(), "p.jpg")).read()))
    assert result.size == (20, 40)
    assert not result.getexif()


def test_decompression_bombs_are_refused_before_decoding():
    bomb = encoded("PNG", size=(12_000, 12_000), mode="1")
    assert len(bomb) < 1_000_000
    with pytest.raises(ValidationError, match="pixels"):
        sanitise_image(upload(bomb))


def test_oversized_files_are_refused_before_reading():
    big = SimpleUploadedFile("big.png", b"0" * (10 * 1024 * 1024 + 1), content_type="image/png")
    with pytest.raises(ValidationError, match="larger than"):
        sanitise_image(big)
