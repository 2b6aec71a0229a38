import pytest

from easeoff.knowledge.pages import list_pages, load_page

pytestmark = pytest.mark.django_db


def test_the_index_lists_every_page(client):
    html = client.get("/learn/").content.decode()
    for slug in list_pages():
        assert f'href="/learn/{slug}/"' in html


@pytest.mark.parametrize("slug", list_pages())
def test_every_page_renders_with_each_citation_linked_to_its_reference(client, slug):
    page = load_page(slug)
    html = client.get(f"/learn/{slug}/").content.decode()
    assert f"<h1>{page.title}</h1>" in html
    for number in page.references:
        assert f'id="ref-{number}"' in html
    cited = {n for paragraph in page.paragraphs for n in page.citations(paragraph)}
    for number in cited:
        assert f'href="#ref-{number}"' in html
    assert "<script" not in html.split("</head>", 1)[1].replace('<script src="/static/', "")


def test_an_unknown_page_is_404(client):
    assert client.get("/learn/not-a-page/").status_code == 404


def test_legal_shows_status_date_and_source(client):
    html = client.get("/legal/", {"place": "US-AL"}).content.decode()
    assert "Alabama (US-AL): banned" in html
    assert "As of 2026-07" in html and "Source:" in html
    assert "Laws change" in html


def test_legal_for_an_unknown_place_lists_what_it_knows(client):
    html = client.get("/legal/", {"place": "Narnia"}).content.decode()
    assert "easeoff has no data for “Narnia”" in html
    assert "?place=TH" in html
