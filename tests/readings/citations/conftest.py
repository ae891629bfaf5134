"""The references of the Week 7 deck, parsed once per test module."""

import pytest

from readings.citations import extract_references
from tests.readings.citations.samples import week_7_slides


@pytest.fixture(scope="module")
def week_7_references():
    return [ref for slide in week_7_slides() for ref in extract_references(slide)]
