"""The audit log: every read or change by someone else, shown to the person and to their clinic's admins."""

import pytest
from django.utils import timezone

from easeoff.domain.instruments import INSTRUMENTS
from easeoff.services.assessments import record_assessment
from easeoff.services.audit import ACTIONS, record_events
from easeoff.web.accounts.models import AuditEvent, User
from tests.conftest import PASSWORD
from tests.grants import share

pytestmark = pytest.mark.django_db


def sows(person):
    answers = {f"sows_{n}": 2 for n in range(1, 17)}
    return record_assessment(
        actor=person, person=person, instrument_code="sows", answers=answers, now=timezone.now()
    ).assessment


def cows_answers():
    return {item.id: str(item.allowed_values[0]) for item in INSTRUMENTS["cows"].items if item.required}


def test_a_clinicians_reads_and_changes_are_recorded_and_the_persons_own_are_not(client, ana, ben):
    assessment = sows(ana)
    client.force_login(ana)
    client.get(f"/assessments/{assessment.pk}/")
    client.get("/history/")
    assert not AuditEvent.objects.exists()

    share(ana, ben)
    client.force_login(ben)
    assert client.get(f"/assessments/{assessment.pk}/").status_code == 200
    assert client.get(f"/caseload/{ana.pk}/").status_code == 200
    assert client.post(f"/caseload/{ana.pk}/administer/cows/", cows_answers()).status_code == 302
    assert client.post(f"/caseload/{ana.pk}/notes/", {"text": "Seen today."}).status_code == 302
    actions = list(AuditEvent.objects.filter(actor=ben).order_by("id").values_list("action", "target"))
    assert ("accept_invitation", f"grant {ben.grants_received.get().pk}") in actions
    assert ("view_assessment", f"assessment {assessment.pk}") in actions
    assert ("view_history", "") in actions and ("view_flags", "") in actions
    assert ("record_assessment", "cows") in actions and ("write_note", "") in actions
    assert {a for a, _ in actions} <= set(ACTIONS)


def test_the_person_sees_who_looked_at_their_data(client, ana, ben):
    assessment = sows(ana)
    share(ana, ben)
    ben.display_name = "Dr Ben Okafor"
    ben.save()
    client.force_login(ben)
    client.get(f"/assessments/{assessment.pk}/")
    client.force_login(ana)
    html = client.get("/accounts/audit/").content.decode()
    assert "Dr Ben Okafor" in html
    assert "opened a result" in html and f"assessment {assessment.pk}" in html
    assert "accepted your invitation to share" in html


def test_the_audit_page_has_pages(client, ana, ben):
    record_events(actor=ben, people=[ana] * 120, action="view_caseload")
    client.force_login(ana)
    first = client.get("/accounts/audit/").content.decode()
    assert "Page 1 of 3" in first
    assert "Page 3 of 3" in client.get("/accounts/audit/?page=3").content.decode()


def test_the_api_lists_the_persons_audit_events(client, ana, ben):
    share(ana, ben)
    client.force_login(ana)
    body = client.get("/api/audit?limit=5").json()
    assert body["count"] == 1
    assert body["items"][0] | {"at": None} == {
        "at": None,
        "actor": "ben",
        "clinic": None,
        "action": "accept_invitation",
        "meaning": "accepted your invitation to share",
        "target": body["items"][0]["target"],
    }


def test_the_events_outlive_the_clinicians_account_by_name(ana, ben):
    share(ana, ben)
    ben.delete()
    event = AuditEvent.objects.get()
    assert event.actor is None and event.actor_username == "ben"


# --- clinic admins in the Django admin ---------------------------------------------------------


@pytest.fixture
def clinics(make_user, ana):
    """Two clinics, each with an admin and a clinician; ana shares with both clinicians."""
    river = {
        "admin": make_user("ria", "admin", clinic="Riverside"),
        "clinician": make_user("rob", "clinician", clinic="Riverside"),
    }
    hill = {
        "admin": make_user("hal", "admin", clinic="Hillside"),
        "clinician": make_user("hue", "clinician", clinic="Hillside"),
    }
    for staff in (river, hill):
        share(ana, staff["clinician"])
    return {"river": river, "hill": hill}


def test_a_clinic_admin_sees_only_their_clinics_accounts(client, clinics, ana):
    river, hill = clinics["river"], clinics["hill"]
    client.force_login(river["admin"])
    assert client.get("/admin/").status_code == 200
    listing = client.get("/admin/accounts/user/")
    assert listing.status_code == 200
    shown = {u.username for u in listing.context["cl"].result_list}
    assert shown == {"ria", "rob"}
    assert client.get(f"/admin/accounts/user/{river['clinician'].pk}/change/").status_code == 200
    assert client.get(f"/admin/accounts/user/{hill['clinician'].pk}/change/").status_code == 302
    assert client.get(f"/admin/accounts/user/{ana.pk}/change/").status_code == 302
    assert client.get(f"/admin/accounts/user/{river['clinician'].pk}/delete/").status_code == 403


def test_a_clinic_admin_reads_their_clinics_audit_log_and_cannot_change_it(client, clinics):
    river = clinics["river"]
    client.force_login(river["admin"])
    listing = client.get("/admin/accounts/auditevent/")
    assert listing.status_code == 200
    events = listing.context["cl"].result_list
    assert [e.actor_username for e in events] == ["rob"]
    event = events[0]
    assert client.get(f"/admin/accounts/auditevent/{event.pk}/change/").status_code == 200
    client.post(f"/admin/accounts/auditevent/{event.pk}/change/", {"action": "nothing"})
    event.refresh_from_db()
    assert event.action == "accept_invitation"
    assert client.get(f"/admin/accounts/auditevent/{event.pk}/delete/").status_code == 403
    assert client.get("/admin/accounts/auditevent/add/").status_code == 403


def test_a_clinic_admin_adds_a_clinician_to_their_own_clinic(client, clinics):
    river = clinics["river"]
    client.force_login(river["admin"])
    form = client.get("/admin/accounts/user/add/").content.decode()
    assert 'name="is_superuser"' not in form and 'name="clinic"' not in form
    response = client.post(
        "/admin/accounts/user/add/",
        {
            "username": "new-doc",
            "usable_password": "true",
            "password1": PASSWORD,
            "password2": PASSWORD,
            "display_name": "Dr New",
            "email": "new@example.org",
            "role": "clinician",
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    made = User.objects.get(username="new-doc")
    assert (made.clinic, made.role, made.is_staff, made.is_superuser) == (
        river["admin"].clinic,
        "clinician",
        False,
        False,
    )


def test_a_clinic_admin_cannot_make_a_superuser_or_a_person(client, clinics):
    river = clinics["river"]
    client.force_login(river["admin"])
    response = client.post(
        "/admin/accounts/user/add/",
        {
            "username": "sneaky",
            "usable_password": "true",
            "password1": PASSWORD,
            "password2": PASSWORD,
            "role": "patient",
            "is_superuser": "on",
            "is_staff": "on",
        },
    )
    assert response.status_code == 200  # the form refuses role "patient"
    assert not User.objects.filter(username="sneaky").exists()


def test_the_site_operator_sees_every_clinic(client, clinics, dee):
    client.force_login(dee)
    listing = client.get("/admin/accounts/auditevent/")
    assert {e.actor_username for e in listing.context["cl"].result_list} == {"rob", "hue"}
