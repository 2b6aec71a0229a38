"""PHQ-9 item 9 end to end: crisis lines first on the result page, the urgent flag on top of the caseload."""

import pytest
from django.utils import timezone

from easeoff.services.assessments import record_assessment
from easeoff.web.accounts.models import Profile
from tests.browser.test_checkin_browser import sign_in
from tests.grants import share

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_item9_shows_crisis_lines_first_and_tops_the_caseload(
    live_server, browser, ana, ben, make_user, artifacts
):
    Profile.objects.update_or_create(user=ana, defaults={"country": "US", "region": "US-TX"})
    share(ana, ben)
    other = make_user("omar")
    share(other, ben)
    # omar is in severe withdrawal but has no urgent flag: ana's item 9 must still come first.
    record_assessment(
        actor=other,
        person=other,
        instrument_code="sows",
        answers={f"sows_{n}": 4 for n in range(1, 17)},
        now=timezone.now(),
    )

    phone = browser.new_context(
        viewport={"width": 390, "height": 844}, is_mobile=True, has_touch=True
    ).new_page()
    sign_in(phone, live_server.url, "ana")
    phone.goto(live_server.url + "/checkin/phq9/")
    for number in range(1, 10):
        phone.locator(f"input[name=phq9_{number}][value='{2 if number == 9 else 1}']").check()
    phone.get_by_role("button", name="Save check-in").click()

    # The crisis lines for her country come before the score, the first thing on the page.
    main = phone.locator("main")
    first_block = main.locator(":scope > *").first
    assert "crisis" in (first_block.get_attribute("class") or "")
    crisis = first_block.inner_text()
    assert "988" in crisis and "911" in crisis
    crisis_top = first_block.bounding_box()["y"]
    heading_top = phone.get_by_role("heading", level=1).bounding_box()["y"]
    assert crisis_top < heading_top
    phone.screenshot(path=str(artifacts / "phq9-item9-result-phone.png"), full_page=True)

    desk = browser.new_context(viewport={"width": 1280, "height": 900}).new_page()
    sign_in(desk, live_server.url, "ben")
    desk.goto(live_server.url + "/caseload/")
    first_row = desk.locator("table.caseload tbody tr").first
    assert "ana" in first_row.inner_text()
    assert "1 urgent" in first_row.inner_text()
    desk.screenshot(path=str(artifacts / "phq9-item9-caseload-desktop.png"), full_page=True)
