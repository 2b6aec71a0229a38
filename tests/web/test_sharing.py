"""A person invites a clinician with a one-time code or link, sees who has access and revokes it."""

import re
from datetime import UTC, datetime, timedelta

import pytest
from django.utils import timezone

from easeoff.services import sharing
from easeoff.services.assessments import record_assessment
from easeoff.services.errors import InvalidInput, NotAllowed
from easeoff.web.accounts.models import AuditEvent, Grant, Invitation
from tests.grants import share

pytestmark = pytest.mark.django_db
NOW = datetime(2026, 11, 25, 9, 0, tzinfo=UTC)
CODE = re.compile(r"^[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}$")


def sows(person, value=1):
    answers = {f"sows_{n}": value for n in range(1, 17)}
    return record_assessment(
        actor=person, person=person, instrument_code="sows", answers=answers, now=timezone.now()
    ).assessment


# --- the service -----------------------------------------------------------------------------


def test_a_code_is_twelve_crockford_characters_and_only_its_hash_is_stored(ana):
    made = sharing.create_invitation(person=ana, now=NOW)
    assert CODE.match(made.code)
    stored = Invitation.objects.get()
    assert made.code.replace("-", "") not in stored.code_hash
    assert stored.code_hash == sharing.hash_code(made.code)
    assert stored.expires_at == NOW + timedelta(days=7)


def test_a_code_is_read_forgivingly(ana, ben):
    made = sharing.create_invitation(person=ana, now=NOW)
    typed = " " + made.code.lower().replace("-", " ").replace("0", "o").replace("1", "l") + " "
    grant = sharing.accept_invitation(clinician=ben, code=typed, now=NOW)
    assert grant.is_active and grant.person == ana and grant.clinician == ben


def test_accepting_makes_an_active_grant_dated_from_the_invitation(ana, ben):
    made = sharing.create_invitation(person=ana, now=NOW)
    grant = sharing.accept_invitation(clinician=ben, code=made.code, now=NOW + timedelta(hours=2))
    assert grant.created_at == NOW
    assert grant.accepted_at == NOW + timedelta(hours=2)
    assert grant.revoked_at is None
    invitation = Invitation.objects.get()
    assert invitation.used_by == ben and invitation.used_at == NOW + timedelta(hours=2)


def test_a_code_works_once(ana, ben, cho):
    made = sharing.create_invitation(person=ana, now=NOW)
    sharing.accept_invitation(clinician=ben, code=made.code, now=NOW)
    with pytest.raises(InvalidInput, match="already used"):
        sharing.accept_invitation(clinician=cho, code=made.code, now=NOW)
    assert not Grant.objects.filter(clinician=cho).exists()


def test_a_code_expires_after_seven_days(ana, ben):
    made = sharing.create_invitation(person=ana, now=NOW)
    with pytest.raises(InvalidInput, match="expired"):
        sharing.accept_invitation(clinician=ben, code=made.code, now=NOW + timedelta(days=7))
    ok = sharing.create_invitation(person=ana, now=NOW)
    assert sharing.accept_invitation(
        clinician=ben, code=ok.code, now=NOW + timedelta(days=7) - timedelta(seconds=1)
    )


def test_a_cancelled_code_no_longer_works(ana, ben):
    made = sharing.create_invitation(person=ana, now=NOW)
    sharing.cancel_invitation(person=ana, invitation_id=made.invitation.pk, now=NOW)
    with pytest.raises(InvalidInput, match="cancelled"):
        sharing.accept_invitation(clinician=ben, code=made.code, now=NOW)


@pytest.mark.parametrize("code", ["", "ABC", "0000-0000-0000", "7KQ2-M9XD-3FHP-XXXX"])
def test_an_unknown_or_malformed_code_is_refused_by_field(ana, ben, code):
    sharing.create_invitation(person=ana, now=NOW)
    with pytest.raises(InvalidInput) as problem:
        sharing.accept_invitation(clinician=ben, code=code, now=NOW)
    assert list(problem.value.problems) == ["code"]


def test_only_a_clinician_accepts_and_only_a_person_invites(ana, ben, cho, dee, make_user):
    made = sharing.create_invitation(person=ana, now=NOW)
    for not_a_clinician in (make_user("bob"), dee):
        with pytest.raises(NotAllowed):
            sharing.accept_invitation(clinician=not_a_clinician, code=made.code, now=NOW)
    for not_a_person in (ben, dee):
        with pytest.raises(NotAllowed):
            sharing.create_invitation(person=not_a_person, now=NOW)


def test_accepting_a_second_code_keeps_one_active_grant(ana, ben):
    first = share(ana, ben, now=NOW)
    again = share(ana, ben, now=NOW + timedelta(hours=1))
    assert again.pk == first.pk
    assert Grant.objects.filter(person=ana, clinician=ben, revoked_at__isnull=True).count() == 1
    assert Invitation.objects.filter(used_at__isnull=False).count() == 2


def test_sharing_again_after_revoking_makes_a_new_grant(ana, ben):
    first = share(ana, ben, now=NOW)
    sharing.revoke_grant(actor=ana, grant_id=first.pk, now=NOW)
    second = share(ana, ben, now=NOW + timedelta(days=1))
    assert second.pk != first.pk and second.is_active
    first.refresh_from_db()
    assert not first.is_active


def test_only_the_person_or_the_clinician_ends_a_grant(ana, ben, cho):
    grant = share(ana, ben, now=NOW)
    with pytest.raises(NotAllowed):
        sharing.revoke_grant(actor=cho, grant_id=grant.pk, now=NOW)
    ended = sharing.revoke_grant(actor=ben, grant_id=grant.pk, now=NOW)
    assert ended.revoked_by == ben and not ended.is_active
    assert AuditEvent.objects.filter(actor=ben, action="end_grant").exists()


def test_a_person_has_at_most_ten_unused_codes(ana):
    for _ in range(sharing.MAX_OPEN_INVITATIONS):
        sharing.create_invitation(person=ana, now=NOW)
    with pytest.raises(InvalidInput, match="unused invitations"):
        sharing.create_invitation(person=ana, now=NOW)
    # Expired codes do not count.
    assert sharing.create_invitation(person=ana, now=NOW + timedelta(days=8))


# --- the pages ---------------------------------------------------------------------------------


def test_the_person_makes_a_code_and_link_shown_once(client, ana):
    client.force_login(ana)
    response = client.post("/sharing/invite/")
    html = response.content.decode()
    code = re.search(r'id="invite-code"[^>]*>([^<]+)<', html).group(1)
    assert CODE.match(code)
    assert f"/sharing/accept/{code}/" in html
    # The sharing page lists the unused code but can no longer show it.
    page = client.get("/sharing/").content.decode()
    assert "Codes not used yet" in page and code not in page


def test_the_clinician_accepts_a_code_and_lands_on_the_persons_page(client, ana, ben):
    made = sharing.create_invitation(person=ana, now=timezone.now())
    client.force_login(ben)
    response = client.post("/sharing/accept/", {"code": made.code})
    assert response.status_code == 302
    assert response["Location"] == f"/caseload/{ana.pk}/"
    assert Grant.objects.get().is_active


def test_a_wrong_code_is_shown_next_to_the_field(client, ana, ben):
    client.force_login(ben)
    response = client.post("/sharing/accept/", {"code": "0000-0000-0000"})
    assert response.status_code == 422
    html = response.content.decode()
    assert "no invitation has this code" in html
    assert 'aria-invalid="true"' in html


def test_opening_the_link_asks_before_it_accepts(client, ana, ben):
    made = sharing.create_invitation(person=ana, now=timezone.now())
    client.force_login(ben)
    page = client.get(f"/sharing/accept/{made.code}/")
    assert page.status_code == 200
    assert "ana wants to share their records with you" in page.content.decode()
    assert not Grant.objects.exists()
    response = client.post(f"/sharing/accept/{made.code}/")
    assert response.status_code == 302 and Grant.objects.get().is_active
    again = client.get(f"/sharing/accept/{made.code}/")
    assert again.status_code == 404 and "already used" in again.content.decode()


def test_a_visitor_opening_the_link_signs_in_first_and_comes_back(client, ana):
    made = sharing.create_invitation(person=ana, now=timezone.now())
    response = client.get(f"/sharing/accept/{made.code}/")
    assert response.status_code == 302
    assert response["Location"] == f"/accounts/login/?next=/sharing/accept/{made.code}/"


def test_the_person_sees_who_has_access_and_revokes(client, ana, ben):
    grant = share(ana, ben)
    client.force_login(ana)
    page = client.get("/sharing/").content.decode()
    assert "Stop sharing with ben" in page
    response = client.post(f"/sharing/grants/{grant.pk}/revoke/")
    assert response.status_code == 302
    grant.refresh_from_db()
    assert grant.revoked_at is not None and grant.revoked_by == ana
    assert "Nobody but you." in client.get("/sharing/").content.decode()


def test_after_ana_revokes_ben_his_next_request_is_refused(client, ana, ben):
    assessment = sows(ana)
    grant = share(ana, ben)
    ben_client = client.__class__()
    ben_client.force_login(ben)
    for path in (
        f"/assessments/{assessment.pk}/",
        f"/caseload/{ana.pk}/",
        f"/api/assessments/{assessment.pk}",
    ):
        assert ben_client.get(path).status_code == 200, path
    client.force_login(ana)
    client.post(f"/sharing/grants/{grant.pk}/revoke/")
    assert ben_client.get(f"/assessments/{assessment.pk}/").status_code == 404
    assert ben_client.get(f"/caseload/{ana.pk}/").status_code == 404
    assert ben_client.get(f"/caseload/{ana.pk}/administer/cows/").status_code == 404
    assert ben_client.get(f"/api/assessments/{assessment.pk}").status_code == 404
    assert ben_client.post(f"/caseload/{ana.pk}/notes/", {"text": "still here?"}).status_code == 404


def test_someone_elses_grant_or_invitation_is_not_found(client, ana, ben, make_user):
    grant = share(ana, ben)
    made = sharing.create_invitation(person=ana, now=timezone.now())
    client.force_login(make_user("bob"))
    assert client.post(f"/sharing/grants/{grant.pk}/revoke/").status_code == 404
    assert client.post(f"/sharing/invitations/{made.invitation.pk}/cancel/").status_code == 404
    grant.refresh_from_db()
    assert grant.is_active


def test_the_clinician_lists_who_shares_and_can_stop(client, ana, ben):
    grant = share(ana, ben)
    client.force_login(ben)
    page = client.get("/sharing/").content.decode()
    assert f'href="/caseload/{ana.pk}/"' in page
    client.post(f"/sharing/grants/{grant.pk}/revoke/")
    grant.refresh_from_db()
    assert grant.revoked_by == ben
