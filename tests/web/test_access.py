"""Who sees whose records: the person, and a clinician only while the person's grant is active."""

from datetime import UTC, datetime, timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from easeoff.services.access import can_view_person, people_visible_to, require_view_person
from easeoff.services.errors import NotAllowed
from easeoff.services.sharing import revoke_grant
from easeoff.web.accounts.models import AuditEvent
from tests.grants import share

pytestmark = pytest.mark.django_db
NOW = datetime(2026, 11, 25, 9, 0, tzinfo=UTC)


@pytest.mark.parametrize(
    ("viewer", "allowed"),
    [("ana", True), ("ben", True), ("cho", False), ("dee", False), ("nobody", False)],
)
def test_can_view_person_is_true_for_the_person_and_a_clinician_with_a_grant(personas, viewer, allowed):
    share(personas["ana"], personas["ben"], now=NOW)
    assert can_view_person(personas.get(viewer), personas["ana"]) is allowed


def test_a_clinician_sees_nobody_without_a_grant(ana, ben):
    assert not can_view_person(ben, ana)
    assert list(people_visible_to(ben)) == []


def test_a_revoked_grant_takes_effect_on_the_very_next_call(ana, ben):
    grant = share(ana, ben, now=NOW)
    assert can_view_person(ben, ana)
    revoke_grant(actor=ana, grant_id=grant.pk, now=NOW + timedelta(minutes=1))
    assert not can_view_person(ben, ana)
    with pytest.raises(NotAllowed):
        require_view_person(ben, ana, action="view_history")


def test_every_call_asks_the_database(ana, ben):
    share(ana, ben, now=NOW)
    with CaptureQueriesContext(connection) as queries:
        can_view_person(ben, ana)
        can_view_person(ben, ana)
    assert len(queries) == 2


def test_a_deactivated_clinician_loses_access(ana, ben):
    share(ana, ben, now=NOW)
    ben.is_active = False
    ben.save()
    assert not can_view_person(ben, ana)
    assert list(people_visible_to(ben)) == []


def test_a_clinician_who_becomes_another_role_loses_access(ana, ben):
    share(ana, ben, now=NOW)
    ben.role = "admin"
    ben.save()
    assert not can_view_person(ben, ana)


def test_people_visible_to_agrees_with_can_view_person(make_user, ben, cho):
    people = [make_user(f"p{n}") for n in range(4)]
    share(people[0], ben, now=NOW)
    share(people[1], ben, now=NOW)
    share(people[2], cho, now=NOW)
    ended = share(people[3], ben, now=NOW)
    revoke_grant(actor=people[3], grant_id=ended.pk, now=NOW)
    visible = set(people_visible_to(ben))
    assert visible == {p for p in people if can_view_person(ben, p)} == {people[0], people[1]}


def test_an_allowed_read_by_someone_else_is_audited_with_its_action(ana, ben):
    share(ana, ben, now=NOW)
    AuditEvent.objects.all().delete()
    require_view_person(ben, ana, action="view_assessment", target="assessment 7")
    event = AuditEvent.objects.get()
    assert (event.actor, event.actor_username, event.person, event.action, event.target) == (
        ben,
        "ben",
        ana,
        "view_assessment",
        "assessment 7",
    )


def test_the_person_reading_their_own_records_is_not_audited(ana):
    require_view_person(ana, ana, action="view_history")
    assert not AuditEvent.objects.exists()


def test_a_refused_read_writes_no_audit_event(ana, cho):
    with pytest.raises(NotAllowed):
        require_view_person(cho, ana, action="view_history")
    assert not AuditEvent.objects.exists()


def test_the_event_keeps_the_clinic_of_the_clinician(make_user, ana):
    clinician = make_user("eve", "clinician", clinic="Riverside Clinic")
    share(ana, clinician, now=NOW)
    require_view_person(clinician, ana, action="view_flags")
    assert AuditEvent.objects.filter(action="view_flags").get().clinic.name == "Riverside Clinic"
