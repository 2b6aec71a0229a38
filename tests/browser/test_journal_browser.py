"""A person writes a journal entry, sees the findings highlighted, confirms a pre-filled SOWS."""

import pytest

from easeoff.web.doses.models import Dose
from easeoff.web.tracking.models import Assessment
from tests.browser.test_checkin_browser import sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

ENTRY = (
    "Day 4 off oxy. Sweating through my sheets, yawning nonstop and my legs won't stay still. "
    "Took 3g of kratom around noon and the cravings eased a bit. No nausea today."
)


def test_journal_highlights_and_prefills_sows(live_server, phone, ana, artifacts):
    sign_in(phone, live_server.url, "ana")
    phone.goto(live_server.url + "/journal/")
    phone.get_by_label("Today").fill(ENTRY)
    phone.get_by_role("button", name="Save entry").click()

    # The findings are highlighted in the text itself.
    text = phone.locator(".journal-text")
    assert text.locator("mark.hl-symptom.hl-present").count() >= 3
    assert text.locator("mark.hl-symptom.hl-relieved").count() == 1
    assert text.locator("mark.hl-symptom.hl-negated").count() == 1
    assert text.locator("mark.hl-dose").count() == 1
    assert text.locator("mark.hl-substance", has_text="kratom").count() >= 1
    assert "3 g (kratom)" in phone.locator("#found-title + ul").inner_text()
    phone.screenshot(path=str(artifacts / "journal-entry-phone.png"), full_page=True)

    # The dose in the text goes to the dose log only when the person presses its button.
    assert not Dose.objects.exists()
    phone.get_by_role("button", name="Add 3 g kratom to my dose log").click()
    assert "Added to your dose log: 3 g kratom." in phone.content()
    assert Dose.objects.get().amount == 3

    phone.get_by_role("link", name="Start a SOWS check-in from this entry").click()
    assert "pre-filled from your journal" in phone.content()
    prefilled = phone.locator(".prefilled").count()
    assert prefilled >= 3
    # Pre-filled answers are only suggestions: nothing is stored yet.
    assert Assessment.objects.count() == 0
    phone.screenshot(path=str(artifacts / "journal-sows-prefill-phone.png"), full_page=True)

    # The person answers every item not pre-filled (and could change any suggestion), then saves.
    for number in range(1, 17):
        radios = phone.locator(f"input[name=sows_{number}]")
        if not phone.locator(f"input[name=sows_{number}]:checked").count():
            radios.nth(1).check()
    phone.get_by_role("button", name="Save check-in").click()
    assert phone.get_by_role("heading", level=1).inner_text().startswith("SOWS: ")
    stored = Assessment.objects.get()
    assert stored.answers["sows_3"] == 2  # sweating, suggested from the journal and confirmed
    phone.screenshot(path=str(artifacts / "journal-sows-result-phone.png"), full_page=True)
