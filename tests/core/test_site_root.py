"""What browsers ask every site for at its root is served as a static file (WHITENOISE_ROOT)."""

from io import BytesIO

import pytest
from PIL import Image


@pytest.mark.django_db
def test_the_favicon_is_served_as_a_static_file_without_a_query(client, django_assert_num_queries):
    with django_assert_num_queries(0):
        response = client.get("/favicon.ico")
    assert response.status_code == 200
    assert response["Content-Type"] in {"image/vnd.microsoft.icon", "image/x-icon"}  # mimetypes
    assert "max-age" in response["Cache-Control"]
    icon = Image.open(BytesIO(b"".join(response.streaming_content)))
    assert icon.format == "ICO" and (32, 32) in icon.info["sizes"]
