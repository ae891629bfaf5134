import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

pytestmark = pytest.mark.django_db


@pytest.fixture
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    settings.SERVE_MEDIA = True
    (tmp_path / "slides").mkdir()
    (tmp_path / "slides" / "ok.png").write_bytes(b"\x89PNG\r\n\x1a\n")
    (tmp_path / "slides" / "evil.html").write_text("<script>alert(1)</script>")
    (tmp_path / "slides" / "evil.svg").write_text("<svg><script>alert(1)</script></svg>")
    return tmp_path


def test_media_images_are_served_with_protective_headers(client, media):
    response = client.get("/media/slides/ok.png")
    assert response.status_code == 200
    assert response["Content-Type"] == "image/png"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert "sandbox" in response["Content-Security-Policy"]


@pytest.mark.parametrize("path", ["slides/evil.html", "slides/evil.svg", "../settings.py"])
def test_media_never_serves_html_or_svg(client, media, path):
    assert client.get(f"/media/{path}").status_code == 404


def test_in_production_the_app_workers_leave_media_to_the_proxy(client, media, settings):
    settings.SERVE_MEDIA = False
    assert client.get("/media/slides/ok.png").status_code == 404


def markdownx_upload(client, name, data, content_type):
    return client.post(
        "/markdownx/upload/",
        {"image": SimpleUploadedFile(name, data, content_type=content_type)},
        headers={"x-requested-with": "XMLHttpRequest"},
    )


def test_markdownx_upload_refuses_svg_even_from_staff(staff_client, media):
    svg = b'<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>'
    response = markdownx_upload(staff_client, "x.svg", svg, "image/svg+xml")
    assert response.status_code == 400
    assert not (media / "markdownx").exists()


def test_markdownx_upload_stores_a_reencoded_image_under_a_generated_name(staff_client, media):
    buffer = io.BytesIO()
    Image.new("RGB", (4, 4)).save(buffer, format="PNG")
    response = markdownx_upload(staff_client, "<b>.png", buffer.getvalue(), "image/png")
    assert response.status_code == 200
    image_code = response.json()["image_code"]
    assert image_code.startswith("![](/media/markdownx/") and image_code.endswith(".png)")
    assert "<b>" not in image_code


@pytest.mark.parametrize("user", [None, "student"])
def test_markdownx_upload_refuses_anyone_but_staff(client, media, student, user):
    if user:
        client.force_login(student)
    response = markdownx_upload(client, "a.png", b"\x89PNG", "image/png")
    assert response.status_code == 302
    assert not (media / "markdownx").exists()
