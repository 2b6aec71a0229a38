"""A person tapers kratom in Chromium: a capsule product, doses over several days, a 10 % weekly taper,
high SOWS scores, and the next step held with the reason."""

from datetime import timedelta

import pytest
from django.utils import timezone

from tests.conftest import PASSWORD

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def sign_in(page, base_url, username):
    page.goto(base_url + "/accounts/login/")
    page.get_by_label("Username").fill(username)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()


def test_person_sets_a_kratom_taper_and_sees_the_next_step_held(live_server, phone, ana, artifacts):
    from easeoff.services.assessments import record_assessment
    from easeoff.web.doses.models import Dose, TaperPlan

    now = timezone.now()
    today = now.date()  # ana's time zone is UTC
    sign_in(phone, live_server.url, "ana")

    # A capsule product, as the label describes it.
    phone.goto(live_server.url + "/products/")
    phone.get_by_label("Name").fill("my capsules")
    phone.get_by_label("Substance", exact=True).select_option("kratom")
    phone.get_by_label("Kind").select_option(label="Capsules (leaf powder) (capsules, g, mg)")
    phone.get_by_label("You measure it in").select_option("capsules")
    phone.get_by_label("mg per capsule").fill("500")
    phone.get_by_label("Mitragynine %").fill("1.5")
    phone.get_by_label("Smallest amount you can measure").fill("1")
    phone.get_by_role("button", name="Save product").click()
    assert "Saved my capsules." in phone.content()
    assert phone.get_by_role("cell", name="500 mg per capsules · mitragynine 1.5 %").is_visible()
    phone.screenshot(path=str(artifacts / "products-phone.png"), full_page=True)

    # Doses on three days: a mistake first (the field says what is wrong and keeps the rest).
    phone.goto(live_server.url + "/doses/")
    phone.get_by_label("Product").select_option(label="my capsules (capsules)")
    phone.get_by_label("Amount").fill("-8")
    phone.get_by_role("button", name="Save dose").click()
    assert "must be greater than 0" in phone.locator("#err-amount").inner_text()
    assert phone.get_by_label("Product").input_value() != ""
    phone.screenshot(path=str(artifacts / "dose-error-phone.png"), full_page=True)
    for days_ago in (3, 2, 1):
        phone.get_by_label("Product").select_option(label="my capsules (capsules)")
        phone.get_by_label("Amount").fill("8")
        when = (now - timedelta(days=days_ago)).replace(hour=9, minute=0)
        phone.get_by_label("Taken at").fill(when.strftime("%Y-%m-%dT%H:%M"))
        phone.get_by_role("button", name="Save dose").click()
        assert "Dose saved." in phone.content()
    assert Dose.objects.filter(person=ana).count() == 3
    day = phone.locator("section.dose-day").first
    assert "4 g" in day.inner_text() and "≈ 60 mg mitragynine" in day.inner_text()
    assert "estimate" in day.inner_text()
    phone.screenshot(path=str(artifacts / "dose-log-phone.png"), full_page=True)

    # A 10 % weekly taper that began a week ago, so a step is due today: previewed, then saved.
    phone.goto(live_server.url + "/taper/")
    phone.get_by_role("combobox", name="Product").select_option(label="my capsules (capsules)")
    phone.get_by_label("Starting amount per day").fill("8")
    phone.get_by_label("Reduce each step by").fill("10%")
    phone.get_by_label("Every (days)").fill("7")
    phone.get_by_label("Floor per day").fill("0")
    phone.get_by_label("First day").fill((today - timedelta(days=7)).isoformat())
    phone.get_by_role("button", name="Show the whole schedule").click()
    preview = phone.locator("#preview")
    assert "not saved yet" in preview.inner_text()
    assert (
        "less than 8 capsules is 7.2 capsules; rounded to 7 capsules" in preview.inner_text()
    )  # the rounding is shown
    assert not TaperPlan.objects.exists()
    phone.screenshot(path=str(artifacts / "taper-preview-phone.png"), full_page=True)
    phone.get_by_role("button", name="Save plan").click()
    assert "Taper plan saved." in phone.content()
    assert "Next step: 7 capsules per day" in phone.locator("#next-step").inner_text()

    # High SOWS: one yesterday (through the service), one now through the check-in form.
    yesterday = now - timedelta(days=1)
    record_assessment(
        actor=ana,
        person=ana,
        instrument_code="sows",
        answers={f"sows_{n}": 2 for n in range(1, 17)},
        now=yesterday,
        taken_at=yesterday,
    )
    phone.goto(live_server.url + "/checkin/sows/")
    for number in range(1, 17):
        phone.locator(f"input[name=sows_{number}][value='2']").check()
    phone.get_by_role("button", name="Save check-in").click()
    assert phone.get_by_role("heading", level=1).inner_text() == "SOWS: 32"

    # The next step is held, with the reason, and the amount stays where it was.
    phone.goto(live_server.url + "/taper/")
    hold = phone.locator("#hold")
    assert hold.get_by_role("heading", name="Next step held").is_visible()
    reason = hold.inner_text()
    assert "Hold the step due today (8 to 7 capsules per day)" in reason
    assert "the last 2 totals of SOWS (32 on" in reason and "were all at or above 11" in reason
    assert "Planned today: 8 capsules" in phone.locator("#today-amount").inner_text()
    assert "3 of 3" in phone.locator("#adherence-summary").inner_text()
    phone.screenshot(path=str(artifacts / "taper-held-phone.png"), full_page=True)


def test_timeline_shows_day_n_and_the_course(live_server, page, ana, artifacts):
    from easeoff.services.assessments import record_assessment
    from easeoff.services.doses import record_dose

    now = timezone.now()
    record_dose(
        actor=ana,
        person=ana,
        substance="oxycodone",
        amount="20",
        unit="mg",
        taken_at=now - timedelta(hours=50),
        now=now,
    )
    for hours_ago, value in ((40, 1), (26, 2), (2, 2)):
        when = now - timedelta(hours=hours_ago)
        record_assessment(
            actor=ana,
            person=ana,
            instrument_code="sows",
            answers={f"sows_{n}": value for n in range(1, 17)},
            now=when,
            taken_at=when,
        )
    sign_in(page, live_server.url, "ana")
    page.goto(live_server.url + "/timeline/")
    assert page.locator("#day-n").inner_text().startswith("Day 2") or page.locator(
        "#day-n"
    ).inner_text().startswith("Day 3")
    assert page.locator("svg.course-chart circle").count() == 3
    assert page.locator("svg.course-chart rect.milestone").count() == 3
    page.screenshot(path=str(artifacts / "timeline-desktop.png"), full_page=True)
