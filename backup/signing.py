"""An HMAC-SHA256 over an archive's manifest, which lists the SHA-256 of every other file.

The checksums alone catch damage, not tampering: whoever changes a file can update its
checksum. With a key shared by the sites that export and restore (``--sign-key-file``), the
signature ties the manifest, hence every file, to someone who holds the key.
"""

import hashlib
import hmac
from pathlib import Path

from backup.archive import MANIFEST, BackupError

SIGNATURE = "manifest.hmac"  # the hex HMAC-SHA256 of manifest.json's bytes, and a newline
MIN_KEY_BYTES = 16


def read_key(path):
    """The key in the file at `path`, without its trailing newline (``openssl rand -hex 32``)."""
    try:
        key = Path(path).read_bytes().strip()
    except OSError as error:
        raise BackupError(f"Cannot read the signing key file {path}: {error}") from error
    if len(key) < MIN_KEY_BYTES:
        raise BackupError(
            f"The signing key in {path} is shorter than {MIN_KEY_BYTES} bytes; "
            "make one with: openssl rand -hex 32"
        )
    return key


def signature(manifest, key):
    return hmac.new(key, manifest, hashlib.sha256).hexdigest().encode() + b"\n"


def check_signature(files, key):
    """Take the signature out of `files`; with a `key`, refuse an unsigned or changed archive.

    Returns whether the archive is signed (without a key, that is not verified).
    """
    signed = files.pop(SIGNATURE, None)
    if key is None:
        return signed is not None
    if signed is None:
        raise BackupError(
            "The archive is not signed, and a signing key was given: its origin cannot be "
            "verified. Nothing was restored."
        )
    if MANIFEST not in files or not hmac.compare_digest(signed, signature(files[MANIFEST], key)):
        raise BackupError(
            "The archive's signature does not match its manifest: it was changed after it was "
            "signed, or signed with another key. Nothing was restored."
        )
    return True
