import pytest

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_home_page_renders_in_chromium(live_server, page, artifacts):
    errors: list[str] = []
    page.on("console", lambda msg: errors.append(msg.text) if msg.type == "error" else None)
    page.goto(live_server.url + "/")
    assert page.title().startswith("easeoff")
    assert (
        page.get_by_role("heading", level=1).inner_text() == "Get through withdrawal measured, not guessed."
    )
    # The stylesheet loaded (the brand colour is applied), and no CSP or asset errors.
    colour = page.eval_on_selector(".notice", "el => getComputedStyle(el).borderLeftColor")
    assert colour == "rgb(164, 22, 26)"
    assert page.evaluate("typeof window.htmx") == "object"
    page.screenshot(path=str(artifacts / "home-desktop.png"), full_page=True)
    assert errors == []


def test_home_page_fits_a_phone(live_server, phone, artifacts):
    phone.goto(live_server.url + "/")
    width = phone.evaluate("document.documentElement.scrollWidth")
    assert width <= 390
    phone.screenshot(path=str(artifacts / "home-phone.png"), full_page=True)
