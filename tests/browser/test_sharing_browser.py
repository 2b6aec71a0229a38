"""The sharing story in Chromium: ana signs up, checks in, invites ben; ben accepts and looks;
ana sees it in her audit log, revokes, and ben loses access on his next request."""

import re

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from easeoff.services.assessments import record_assessment
from tests.conftest import PASSWORD
from tests.grants import share

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
SOWS_ANSWERS = [3, 3, 2, 2, 3, 2, 3, 3, 2, 3, 3, 2, 3, 2, 3, 3]


def watch_console(page, errors: list[str]) -> None:
    """Collect console errors (a CSP violation is one) and failed requests."""
    page.on("console", lambda msg: errors.append(f"{page.url}: {msg.text}") if msg.type == "error" else None)
    page.on("pageerror", lambda exc: errors.append(f"{page.url}: {exc}"))


def test_ana_shares_with_ben_sees_his_access_and_revokes_it(live_server, browser, ben, make_user, artifacts):
    errors: list[str] = []
    ana_context = browser.new_context(
        viewport={"width": 390, "height": 844}, has_touch=True, is_mobile=True, timezone_id="Europe/London"
    )
    ben_context = browser.new_context(viewport={"width": 1280, "height": 900}, timezone_id="America/Chicago")
    phone, desk = ana_context.new_page(), ben_context.new_page()
    watch_console(phone, errors)
    watch_console(desk, errors)
    url = live_server.url

    # ana signs up on her phone; her browser's time zone is picked for her.
    phone.goto(url + "/")
    phone.get_by_role("link", name="Create an account").click()
    assert phone.get_by_role("heading", level=1).inner_text() == "Create an account"
    expect(phone.get_by_label("Time zone")).to_have_value("Europe/London")
    phone.get_by_label("Username").fill("ana")
    phone.get_by_label("Email").fill("ana@example.org")
    phone.get_by_label("Password", exact=True).fill(PASSWORD)
    phone.get_by_label("Password again").fill(PASSWORD)
    phone.screenshot(path=str(artifacts / "signup-phone.png"), full_page=True)
    phone.get_by_role("button", name="Create account").click()
    assert phone.get_by_role("heading", level=1).inner_text() == "Your profile"
    phone.get_by_label("Heroin").check()
    phone.get_by_label("Your goal").select_option("taper")
    phone.screenshot(path=str(artifacts / "profile-phone.png"), full_page=True)
    phone.get_by_role("button", name="Save profile").click()
    expect(phone.get_by_text("Profile saved.")).to_be_visible()
    width = phone.evaluate("document.documentElement.scrollWidth")
    assert width <= 390

    # A SOWS check-in.
    phone.goto(url + "/checkin/sows/")
    for number, value in enumerate(SOWS_ANSWERS, start=1):
        phone.locator(f"input[name=sows_{number}][value='{value}']").check()
    phone.get_by_role("button", name="Save check-in").click()
    assert phone.get_by_role("heading", level=1).inner_text() == f"SOWS: {sum(SOWS_ANSWERS)}"
    result_path = re.search(r"/assessments/\d+/", phone.url).group(0)

    # ana invites ben with a one-time code.
    phone.get_by_role("link", name="Sharing").click()
    expect(phone.get_by_text("Nobody but you.")).to_be_visible()
    phone.get_by_role("button", name="Make an invitation code").click()
    code = phone.locator("#invite-code").inner_text().strip()
    assert re.fullmatch(r"[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}", code)
    phone.screenshot(path=str(artifacts / "invitation-code-phone.png"), full_page=True)

    # ben signs in, enters the code, and lands on ana's page; then he opens her result.
    desk.goto(url + "/accounts/login/")
    desk.get_by_label("Username").fill("ben")
    desk.get_by_label("Password").fill(PASSWORD)
    desk.get_by_role("button", name="Sign in").click()
    desk.get_by_role("link", name="Sharing").click()
    desk.get_by_label("Invitation code").fill(code.lower().replace("-", " "))
    desk.screenshot(path=str(artifacts / "accept-code-desktop.png"), full_page=True)
    desk.get_by_role("button", name="Accept").click()
    expect(desk.get_by_text("ana now shares their records with you.")).to_be_visible()
    assert re.search(r"/caseload/\d+/$", desk.url)
    desk.goto(url + result_path)
    assert desk.get_by_role("heading", level=1).inner_text() == f"SOWS: {sum(SOWS_ANSWERS)}"
    desk.screenshot(path=str(artifacts / "clinician-sees-result-desktop.png"), full_page=True)

    # ben's caseload also holds a calm person; ana's severe SOWS puts her at the top.
    calm = make_user("cal")
    share(calm, ben)
    record_assessment(
        actor=calm,
        person=calm,
        instrument_code="sows",
        answers={f"sows_{n}": 0 for n in range(1, 17)},
        now=timezone.now(),
    )
    desk.goto(url + "/caseload/")
    first_row = desk.locator("table.caseload tbody tr").first
    assert "ana" in first_row.inner_text()
    assert "warning" in first_row.inner_text()  # the SOWS flag
    desk.screenshot(path=str(artifacts / "caseload-desktop.png"), full_page=True)

    # He opens her page, administers a COWS in clinic, and acknowledges her flag.
    first_row.get_by_role("link", name="ana").click()
    desk.get_by_role("link", name="COWS").click()
    cows = [2, 1, 3, 1, 2, 1, 2, 1, 1, 2, 3]
    for number, value in enumerate(cows, start=1):
        desk.locator(f"input[name=cows_{number}][value='{value}']").check()
    desk.screenshot(path=str(artifacts / "administer-cows-desktop.png"), full_page=True)
    desk.get_by_role("button", name="Save check-in").click()
    assert desk.get_by_role("heading", level=1).inner_text() == f"COWS: {sum(cows)}"
    assert "Moderate" in desk.content()
    desk.go_back()
    desk.go_back()
    desk.reload()
    desk.get_by_label("What was done").first.fill("Called ana; plan reviewed")
    desk.get_by_role("button", name="Acknowledge").first.click()
    expect(desk.get_by_text("Flag acknowledged.")).to_be_visible()
    desk.screenshot(path=str(artifacts / "person-page-desktop.png"), full_page=True)

    # ana sees who looked, then revokes.
    phone.goto(url + "/accounts/audit/")
    rows = phone.locator("table.audit tbody tr")
    audit = [row for row in rows.all_inner_texts() if "ben" in row]
    assert any("opened a result" in row for row in audit)
    assert any("caseload" in row for row in audit)
    phone.screenshot(path=str(artifacts / "audit-log-phone.png"), full_page=True)
    phone.get_by_role("link", name="Sharing").click()
    phone.get_by_role("button", name="Stop sharing with ben").click()
    expect(phone.get_by_text("ben can no longer see your records.")).to_be_visible()
    expect(phone.get_by_text("Nobody but you.")).to_be_visible()
    phone.screenshot(path=str(artifacts / "sharing-revoked-phone.png"), full_page=True)

    # ben's very next request is refused.
    response = desk.goto(url + result_path)
    assert response.status == 404
    assert desk.get_by_role("heading", level=1).inner_text() == "Not found"
    desk.screenshot(path=str(artifacts / "clinician-access-ended-desktop.png"), full_page=True)

    ana_context.close()
    ben_context.close()
    # The 404 above is expected; anything else (a CSP violation above all) is not.
    assert [e for e in errors if "404" not in e] == []


def test_lockout_page_and_account_deletion_on_a_phone(live_server, phone, ana, artifacts):
    errors: list[str] = []
    watch_console(phone, errors)
    url = live_server.url
    for _ in range(5):
        phone.goto(url + "/accounts/login/")
        phone.get_by_label("Username").fill("ana")
        phone.get_by_label("Password").fill("not-her-password")
        phone.get_by_role("button", name="Sign in").click()
    assert phone.get_by_role("heading", level=1).inner_text() == "Sign-in paused for this account"
    phone.screenshot(path=str(artifacts / "locked-out-phone.png"), full_page=True)

    from axes.utils import reset

    reset(username="ana")
    phone.goto(url + "/accounts/login/")
    phone.get_by_label("Username").fill("ana")
    phone.get_by_label("Password").fill(PASSWORD)
    phone.get_by_role("button", name="Sign in").click()
    phone.goto(url + "/accounts/delete/")
    phone.get_by_label("Type your username to confirm").fill("Ana")
    phone.get_by_role("button", name="Delete my account and data").click()
    expect(phone.get_by_text("Your account was not deleted.")).to_be_visible()
    phone.screenshot(path=str(artifacts / "delete-account-phone.png"), full_page=True)
    phone.get_by_label("Type your username to confirm").fill("ana")
    phone.get_by_role("button", name="Delete my account and data").click()
    assert phone.get_by_role("heading", level=1).inner_text() == "Your account is deleted"
    from easeoff.web.accounts.models import User

    assert not User.objects.filter(username="ana").exists()
    assert [e for e in errors if "429" not in e and "422" not in e] == []
