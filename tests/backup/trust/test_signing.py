"""An HMAC over the manifest ties an archive to whoever holds the key (--sign-key-file)."""

import pytest
from django.core.management.base import CommandError

from tests.backup.trust.archives import (
    assert_nothing_restored,
    export,
    flush,
    members,
    restore,
    rewrite,
    set_fields,
    write_zip,
)

pytestmark = pytest.mark.django_db

KEY = "9f2c4e6a8b0d1f3e5a7c9e1b3d5f7a9c"


@pytest.fixture
def key_file(tmp_path):
    path = tmp_path / "backup.key"
    path.write_text(f"{KEY}\n")
    return path


@pytest.fixture
def other_key_file(tmp_path):
    path = tmp_path / "other.key"
    path.write_text(KEY[::-1])
    return path


def test_a_signed_archive_restores_with_its_key(trusted_course, tmp_path, key_file):
    path = tmp_path / "backup.zip"
    export(path, "--sign-key-file", str(key_file))
    assert "manifest.hmac" in members(path)
    flush()

    output, warnings = restore(path, "--sign-key-file", str(key_file))

    assert "Restored 'Chinese Cities' (trusted-cities)" in output
    assert "not verified" not in warnings


def without_signature(path):
    files = members(path)
    del files["manifest.hmac"]
    write_zip(path, files)


@pytest.mark.parametrize(
    ("damage", "key", "message"),
    [
        (lambda path: None, "other_key_file", "signature does not match"),
        (
            lambda path: rewrite(path, set_fields("weeks.week", title="Changed")),
            "key_file",
            "signature does not match its manifest: it was changed after it was signed",
        ),
        (without_signature, "key_file", "The archive is not signed, and a signing key was given"),
    ],
    ids=["another key", "changed, checksums updated", "signature removed"],
)
def test_a_key_refuses_an_archive_it_did_not_sign(
    trusted_course, tmp_path, key_file, request, damage, key, message
):
    path = tmp_path / "backup.zip"
    export(path, "--sign-key-file", str(key_file))
    flush()
    damage(path)
    with pytest.raises(CommandError, match=message):
        restore(path, "--sign-key-file", str(request.getfixturevalue(key)))
    assert_nothing_restored()


def test_a_key_refuses_an_unsigned_archive(trusted_course, tmp_path, key_file):
    path = tmp_path / "backup.zip"
    export(path)
    flush()
    with pytest.raises(CommandError, match="not signed"):
        restore(path, "--sign-key-file", str(key_file))
    assert_nothing_restored()


def test_without_a_key_the_origin_is_said_to_be_unverified(trusted_course, tmp_path, key_file):
    export(tmp_path / "unsigned.zip")
    export(tmp_path / "signed.zip", "--sign-key-file", str(key_file))
    flush()

    _, warnings = restore(tmp_path / "unsigned.zip")
    assert "The archive is not signed: its origin is not verified." in warnings
    flush()
    _, warnings = restore(tmp_path / "signed.zip")
    assert "signed, but no --sign-key-file was given to verify it" in warnings


def test_a_missing_or_weak_key_is_refused(trusted_course, tmp_path):
    (tmp_path / "weak.key").write_text("secret\n")
    with pytest.raises(CommandError, match="shorter than 16 bytes"):
        export(tmp_path / "backup.zip", "--sign-key-file", str(tmp_path / "weak.key"))
    assert not (tmp_path / "backup.zip").exists()
    export(tmp_path / "backup.zip")
    flush()
    with pytest.raises(CommandError, match="Cannot read the signing key file"):
        restore(tmp_path / "backup.zip", "--sign-key-file", str(tmp_path / "no.key"))
    assert_nothing_restored()
