"""Re-encoded uploads keep nothing anyone wrote into them, and animations are capped in total."""

import io
import struct

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image, ImageSequence
from PIL.PngImagePlugin import PngInfo

from weeks.images import MAX_DECODED_PIXELS, sanitise_image

PAYLOAD = b"<script>alert(document.cookie)</script>"


def saved(fmt, **options):
    buffer = io.BytesIO()
    Image.new("RGB", (16, 12), "red").save(buffer, format=fmt, **options)
    data = buffer.getvalue()
    assert PAYLOAD in data  # the upload really carries it
    return data


def sanitised(data):
    return sanitise_image(SimpleUploadedFile("upload", data)).read()


def png_text():
    info = PngInfo()
    info.add_text("Comment", PAYLOAD.decode())
    return {"pnginfo": info}


@pytest.mark.parametrize(
    ("fmt", "options"),
    [
        ("JPEG", {"comment": PAYLOAD}),  # a COM segment
        ("GIF", {"comment": PAYLOAD}),  # a comment extension
        ("PNG", png_text()),  # a tEXt chunk
        ("WEBP", {"xmp": PAYLOAD}),
        ("JPEG", {"icc_profile": PAYLOAD}),
    ],
)
def test_reencoding_drops_every_comment_and_metadata_segment(fmt, options):
    output = sanitised(saved(fmt, **options))
    assert PAYLOAD not in output
    image = Image.open(io.BytesIO(output))
    assert not {"comment", "exif", "xmp", "icc_profile", "Comment"} & set(image.info)


def gif(width, height, frames, own_palettes=False, comment=b""):
    """A tiny GIF: `frames` frames of 70 ms on a `width`×`height` canvas, each adding a pixel."""
    data = b"GIF89a" + struct.pack("<HHBBB", width, height, 0x80, 0, 0) + b"\0\0\0\xff\xff\xff"
    data += b"\x21\xff\x0bNETSCAPE2.0\x03\x01\0\0\0"
    for index in range(frames):
        data += b"\x21\xf9\x04\x00" + struct.pack("<H", 7) + b"\0\0"
        if comment:
            data += b"\x21\xfe" + bytes([len(comment)]) + comment + b"\0"
        palette = bytes([0, 0, 0, 255, index * 6 % 256, 255 - index]) if own_palettes else b""
        flags = 0x80 if own_palettes else 0
        data += b"\x2c" + struct.pack("<HHHHB", index % width, 0, 1, 1, flags) + palette
        data += b"\x02\x02\x4c\x01\x00"  # LZW: clear, colour 1, end
    return data + b"\x3b"


def test_an_animation_on_a_huge_canvas_is_refused_before_decoding_a_frame():
    bomb = gif(6000, 6000, 200)  # under 5 KB, 7.2 gigapixels once decoded
    assert len(bomb) < 5_000
    with pytest.raises(ValidationError, match="across all its frames"):
        sanitise_image(SimpleUploadedFile("bomb.gif", bomb))


@pytest.mark.parametrize("own_palettes", [False, True])
def test_an_animation_within_the_cap_keeps_its_frames_and_timing_but_not_its_comments(
    own_palettes,
):
    frames = 40
    side = int((MAX_DECODED_PIXELS / frames) ** 0.5) // 2
    output = sanitised(gif(side, side, frames, own_palettes, comment=PAYLOAD))
    assert PAYLOAD not in output
    image = Image.open(io.BytesIO(output))
    assert image.size == (side, side)
    assert image.n_frames == frames
    assert {frame.info.get("duration") for frame in ImageSequence.Iterator(image)} == {70}
