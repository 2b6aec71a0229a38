"""Accounts: sign-up, argon2, brute-force lockout, password change and reset by mail, deletion."""

import re
import socket
from datetime import timedelta

import pytest
import time_machine
from django.apps import apps
from django.conf import settings as django_settings
from django.db import models
from django.utils import timezone

from easeoff.config import build_settings, email_settings
from easeoff.domain.instruments import INSTRUMENTS
from easeoff.services.accounts import delete_account, sign_up
from easeoff.services.assessments import record_assessment
from easeoff.services.errors import InvalidInput, NotAllowed
from easeoff.services.journal import write_entry
from easeoff.services.notes import write_note
from easeoff.services.sharing import create_invitation
from easeoff.web.accounts.models import Profile, User
from easeoff.web.care.models import ReportRecord
from tests.conftest import PASSWORD
from tests.grants import share

pytestmark = pytest.mark.django_db
NEW_PASSWORD = "a-brand-new-passphrase-77"


def sign_in(client, username, password=PASSWORD):
    return client.post("/accounts/login/", {"username": username, "password": password})


# --- sign-up -----------------------------------------------------------------------------------


def test_sign_up_makes_a_person_account_signs_in_and_opens_the_profile(client):
    response = client.post(
        "/accounts/signup/",
        {
            "username": "fay",
            "email": "fay@example.org",
            "password1": PASSWORD,
            "password2": PASSWORD,
            "time_zone": "Europe/London",
            "role": "clinician",  # not a field: sign-up only ever makes person accounts
        },
    )
    assert response.status_code == 302 and response["Location"] == "/accounts/profile/"
    fay = User.objects.get(username="fay")
    assert (fay.role, fay.time_zone, fay.is_staff, fay.clinic) == ("patient", "Europe/London", False, None)
    assert Profile.objects.get(user=fay).research_consent is False
    assert client.get("/checkin/").status_code == 200


def test_sign_up_shows_each_problem_next_to_its_field(client, ana):
    response = client.post(
        "/accounts/signup/",
        {"username": "ANA", "password1": "short", "password2": "other", "time_zone": "Mars/Olympus"},
    )
    assert response.status_code == 422
    form = response.context["form"]
    assert set(form.errors) == {"password2", "time_zone"}
    response = client.post(
        "/accounts/signup/",
        {"username": "ANA", "password1": "short", "password2": "short", "time_zone": "UTC"},
    )
    assert "already taken" in response.context["form"].errors["username"][0]
    response = client.post(
        "/accounts/signup/",
        {"username": "gil", "password1": "short", "password2": "short", "time_zone": "UTC"},
    )
    assert "too short" in response.context["form"].errors["password1"][0]
    assert not User.objects.filter(username__in=["ANA", "gil"]).exists()


def test_the_sign_up_service_refuses_taken_names_and_weak_passwords(ana):
    with pytest.raises(InvalidInput) as taken:
        sign_up(username="Ana", password=PASSWORD)
    assert "already taken" in taken.value.problems["username"]
    with pytest.raises(InvalidInput) as weak:
        sign_up(username="gil", password="password")
    assert "common" in weak.value.problems["password"]
    with pytest.raises(InvalidInput) as zone:
        sign_up(username="gil", password=PASSWORD, time_zone="Nowhere/City")
    assert "IANA" in zone.value.problems["time_zone"]


def test_a_signed_in_user_is_sent_home_from_sign_up(client, ana):
    client.force_login(ana)
    assert client.get("/accounts/signup/")["Location"] == "/"


def test_passwords_are_hashed_with_argon2(tmp_path, settings):
    production = build_settings({"EASEOFF_DATA_DIR": str(tmp_path), "SECRET_KEY": "x" * 50})
    settings.PASSWORD_HASHERS = production["PASSWORD_HASHERS"]
    user = sign_up(username="hal", password=PASSWORD)
    assert user.password.startswith("argon2$argon2id$")
    assert user.check_password(PASSWORD)


def test_clinic_accounts_are_made_by_the_clinic(make_user):
    clinician = make_user("ivy", "clinician", clinic="Riverside Clinic")
    admin = make_user("jon", "admin", clinic="Riverside Clinic")
    operator = make_user("kay", "admin")
    assert clinician.clinic == admin.clinic and clinician.clinic.name == "Riverside Clinic"
    assert (admin.is_staff, admin.is_superuser, admin.is_clinic_admin) == (True, False, True)
    assert (operator.is_staff, operator.is_superuser, operator.is_clinic_admin) == (True, True, False)
    from easeoff.web.accounts.services import AccountError, create_user

    with pytest.raises(AccountError, match="clinic"):
        create_user(username="lou", role="patient", password=PASSWORD, clinic="Riverside Clinic")


# --- brute force ---------------------------------------------------------------------------------


def test_five_wrong_passwords_pause_sign_in_with_a_clear_page(client, ana):
    for _ in range(4):
        response = sign_in(client, "ana", "wrong-password")
        assert response.status_code == 200
        assert "did not match" in response.content.decode()
    locked = sign_in(client, "ana", "wrong-password")
    assert locked.status_code == 429
    html = locked.content.decode()
    assert "Sign-in paused for this account" in html
    assert "15 minutes" in html and 'href="/accounts/password/reset/"' in html
    # Even the right password is refused while paused, from any client.
    other = client.__class__(REMOTE_ADDR="10.9.8.7")
    assert sign_in(other, "ana").status_code == 429
    # Another username is not affected.
    assert sign_in(client, "nobody-else", "wrong").status_code == 200


def test_the_pause_ends_after_fifteen_minutes(client, ana):
    for _ in range(5):
        sign_in(client, "ana", "wrong-password")
    assert sign_in(client, "ana").status_code == 429
    with time_machine.travel(timezone.now() + timedelta(minutes=16)):
        response = sign_in(client, "ana")
    assert response.status_code == 302


# --- password change and reset -----------------------------------------------------------------


def test_a_signed_in_user_changes_their_password(client, ana):
    client.force_login(ana)
    bad = client.post(
        "/accounts/password/change/",
        {"old_password": "wrong", "new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD},
    )
    assert bad.status_code == 200 and "old_password" in bad.context["form"].errors
    response = client.post(
        "/accounts/password/change/",
        {"old_password": PASSWORD, "new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD},
    )
    assert response["Location"] == "/accounts/password/change/done/"
    ana.refresh_from_db()
    assert ana.check_password(NEW_PASSWORD)


class Inbox:
    """An aiosmtpd handler that keeps every message it receives."""

    def __init__(self) -> None:
        self.messages: list[tuple[str, list[str], str]] = []

    async def handle_DATA(self, server, session, envelope):
        self.messages.append((envelope.mail_from, list(envelope.rcpt_tos), envelope.content.decode()))
        return "250 Message accepted"


@pytest.fixture
def smtp_server(settings):
    """A real SMTP server on 127.0.0.1 (aiosmtpd in a thread), with easeoff's EMAIL_URL pointed at it."""
    from aiosmtpd.controller import Controller

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    inbox = Inbox()
    controller = Controller(inbox, hostname="127.0.0.1", port=port)
    controller.start()
    for name, value in email_settings(f"smtp://127.0.0.1:{port}").items():
        setattr(settings, name, value)
    yield inbox
    controller.stop()


def test_password_reset_mail_goes_through_a_real_smtp_server_and_its_link_works(client, ana, smtp_server):
    assert django_settings.EMAIL_BACKEND == "django.core.mail.backends.smtp.EmailBackend"
    for _ in range(5):
        sign_in(client, "ana", "wrong-password")
    assert sign_in(client, "ana").status_code == 429

    response = client.post("/accounts/password/reset/", {"email": "ana@example.org"})
    assert response["Location"] == "/accounts/password/reset/done/"
    assert len(smtp_server.messages) == 1
    sender, recipients, content = smtp_server.messages[0]
    assert (sender, recipients) == ("easeoff@localhost", ["ana@example.org"])
    assert "Subject: Reset your easeoff password" in content
    link = re.search(r"http://testserver(/accounts/reset/[^/\s]+/[^/\s]+/)", content).group(1)

    form = client.get(link, follow=True)
    assert form.status_code == 200 and form.context["validlink"]
    done = client.post(
        form.redirect_chain[-1][0], {"new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD}
    )
    assert done["Location"] == "/accounts/reset/done/"
    # The new password works at once: setting it lifted the sign-in pause.
    assert sign_in(client.__class__(), "ana", NEW_PASSWORD).status_code == 302
    # The link works once.
    assert client.get(link, follow=True).context["validlink"] is False


def test_a_reset_for_an_unknown_address_sends_nothing_and_says_the_same(client, smtp_server):
    response = client.post("/accounts/password/reset/", {"email": "nobody@example.org"})
    assert response["Location"] == "/accounts/password/reset/done/"
    assert smtp_server.messages == []


# --- deletion ------------------------------------------------------------------------------------


def fill_records(ana, ben):
    """Give ana one of every kind of record, some of them made by ben."""
    record_assessment(
        actor=ana,
        person=ana,
        instrument_code="phq9",
        answers={f"phq9_{n}": 1 for n in range(1, 10)},
        now=timezone.now(),
    )
    write_entry(actor=ana, person=ana, text="Bad night, sweating.", now=timezone.now())
    create_invitation(person=ana, now=timezone.now())
    share(ana, ben)
    record_assessment(
        actor=ben,
        person=ana,
        instrument_code="cows",
        answers={item.id: item.allowed_values[0] for item in INSTRUMENTS["cows"].items if item.required},
        now=timezone.now(),
    )
    write_note(actor=ben, person=ana, text="Seen in clinic.", now=timezone.now())
    from easeoff.services.profile import update_profile
    from easeoff.web.accounts.services import create_api_token

    update_profile(user=ana, changes={"country": "GB"}, now=timezone.now())
    create_api_token(ana, "laptop")
    today = timezone.now().date()
    ReportRecord.objects.create(
        person=ana, generated_by=ben, date_from=today, date_to=today, generated_at=timezone.now()
    )


def rows_pointing_at(user_id: int) -> dict[str, int]:
    """Count, per foreign key to the user model, the rows that still point at `user_id`."""
    found = {}
    for model in apps.get_models():
        for field in model._meta.get_fields():
            if isinstance(field, models.ForeignKey | models.OneToOneField) and field.related_model is User:
                count = model._default_manager.filter(**{field.name: user_id}).count()
                if count:
                    found[f"{model._meta.label}.{field.name}"] = count
    return found


def test_deleting_needs_the_username_retyped_and_the_person_themself(ana, ben):
    fill_records(ana, ben)
    with pytest.raises(InvalidInput) as wrong:
        delete_account(actor=ana, person=ana, confirm_username="Ana")
    assert "confirm" in wrong.value.problems
    with pytest.raises(NotAllowed):
        delete_account(actor=ben, person=ana, confirm_username="ana")
    with pytest.raises(NotAllowed):
        delete_account(actor=ben, person=ben, confirm_username="ben")
    assert User.objects.filter(username="ana").exists()


def test_deleting_removes_the_account_and_every_record_of_it(client, ana, ben):
    fill_records(ana, ben)
    for _ in range(2):
        sign_in(client, "ana", "wrong-password")
    ana_id = ana.pk
    assert rows_pointing_at(ana_id)
    client.force_login(ana)
    page = client.get("/accounts/delete/")
    assert page.status_code == 200 and "cannot be undone" in page.content.decode()
    wrong = client.post("/accounts/delete/", {"confirm": "an"})
    assert wrong.status_code == 422 and 'aria-invalid="true"' in wrong.content.decode()
    assert User.objects.filter(pk=ana_id).exists()

    done = client.post("/accounts/delete/", {"confirm": "ana"})
    assert done.status_code == 200 and "Your account is deleted" in done.content.decode()
    assert not User.objects.filter(pk=ana_id).exists()
    assert rows_pointing_at(ana_id) == {}
    from axes.models import AccessAttempt

    assert not AccessAttempt.objects.filter(username="ana").exists()
    # Signed out, and ben's own account and notes-author link are unharmed.
    assert client.get("/checkin/").status_code == 302
    assert User.objects.filter(pk=ben.pk).exists()
