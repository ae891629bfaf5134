"""Citations: The de-duplication key."""

from readings.citations import Reference, match_key


def test_match_key_prefers_the_doi_in_any_spelling():
    keys = {
        match_key(Reference(title="A", doi="10.1016/J.CITIES.2015.05.004")),
        match_key(Reference(title="B", doi="https://doi.org/10.1016/j.cities.2015.05.004")),
        match_key(Reference(title="C", doi="doi:10.1016/j.cities.2015.05.004", url="https://x")),
        match_key(Reference(url="https://dx.doi.org/10.1016/j.cities.2015.05.004")),
    }
    assert keys == {("doi", "10.1016/j.cities.2015.05.004")}


def test_match_key_normalises_urls():
    variants = [
        "https://www.nature.com/articles/d41586-026-00814-3",
        "http://nature.com/articles/d41586-026-00814-3/",
        "https://WWW.Nature.com/articles/d41586-026-00814-3?utm_source=twitter#top",
    ]
    assert len({match_key(Reference(title=str(i), url=url)) for i, url in enumerate(variants)}) == 1
    assert match_key(Reference(url="https://nature.com/a")) != match_key(
        Reference(url="https://nature.com/b")
    )


def test_match_key_falls_back_to_folded_title_and_year():
    same = [
        Reference(title="La Gouvernance par les Nombres", year="2015"),
        Reference(title="La gouvernance par les nombres.", year="2015"),
        {"title": "LA GOUVERNANCE PAR LES NOMBRES!", "year": 2015},
        Reference(title="La gouvernance, par les nombres", year="2015"),
    ]
    assert len({match_key(ref) for ref in same}) == 1
    assert match_key(Reference(title="Zürich", year="2015")) == match_key(
        Reference(title="Zurich", year="2015")
    )
    assert match_key(Reference(title="La gouvernance par les nombres", year="2016")) != match_key(
        same[0]
    )
