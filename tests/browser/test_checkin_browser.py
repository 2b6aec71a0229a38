"""A person fills in SOWS on a phone in Chromium: the result, then an incomplete form's errors."""

import pytest

from tests.conftest import PASSWORD

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def sign_in(page, base_url, username):
    page.goto(base_url + "/accounts/login/")
    page.get_by_label("Username").fill(username)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()


def test_person_checks_in_with_sows_on_a_phone(live_server, phone, ana, artifacts):
    sign_in(phone, live_server.url, "ana")
    phone.goto(live_server.url + "/checkin/")
    phone.get_by_role("link", name="SOWS Subjective Opiate").click()
    assert phone.get_by_role("heading", level=1).inner_text() == "Subjective Opiate Withdrawal Scale"
    phone.screenshot(path=str(artifacts / "sows-form-phone.png"), full_page=True)

    # Answer every item by tapping the label of the chosen anchor (large touch targets).
    values = [2, 1, 1, 0, 1, 0, 1, 2, 2, 3, 3, 2, 1, 1, 2, 3]
    for number, value in enumerate(values, start=1):
        group = phone.get_by_role("group", name=f"{number}.", exact=False).first
        group.locator(f"input[value='{value}']").check()
    # Keyboard use: the radio groups are reachable and operable without a pointer.
    phone.locator("input[name=sows_1][value='2']").focus()
    phone.keyboard.press("ArrowRight")
    assert phone.locator("input[name=sows_1][value='3']").is_checked()
    phone.locator("input[name=sows_1][value='2']").check()
    # htmx shows the running total as answers change (a fragment from the server; nothing stored).
    running = phone.locator("#running-total")
    running.filter(has_text=f"Total so far: {sum(values)}").wait_for(timeout=5000)
    assert "16 of 16 answered" in running.inner_text()
    phone.get_by_role("button", name="Save check-in").click()

    assert phone.get_by_role("heading", level=1).inner_text() == f"SOWS: {sum(values)}"
    assert "scale of 0 to 64" in phone.content()
    phone.screenshot(path=str(artifacts / "sows-result-phone.png"), full_page=True)

    # An incomplete form: item-level errors, and the answers given are kept.
    phone.goto(live_server.url + "/checkin/sows/")
    for number in range(1, 17):
        if number not in (4, 12):
            phone.locator(f"input[name=sows_{number}][value='1']").check()
    phone.get_by_role("button", name="Save check-in").click()
    alert = phone.get_by_role("alert")
    assert "2 answers need attention" in alert.inner_text()
    assert phone.locator("#err-sows_4").is_visible()
    assert phone.locator("#err-sows_12").is_visible()
    assert phone.locator("input[type=radio]:checked").count() == 14
    assert phone.locator("#item-sows_4").get_attribute("aria-invalid") == "true"
    phone.screenshot(path=str(artifacts / "sows-errors-phone.png"), full_page=True)


def test_history_shows_the_chart(live_server, page, ana, artifacts):
    from django.utils import timezone

    from easeoff.services.assessments import record_assessment

    for value in (3, 2, 2, 1):
        record_assessment(
            actor=ana,
            person=ana,
            instrument_code="sows",
            answers={f"sows_{n}": value for n in range(1, 17)},
            now=timezone.now(),
        )
    sign_in(page, live_server.url, "ana")
    page.goto(live_server.url + "/history/")
    assert page.locator("svg.chart circle").count() == 4
    page.screenshot(path=str(artifacts / "history-desktop.png"), full_page=True)
