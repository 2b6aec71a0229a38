from datetime import timedelta

import pytest
from django.utils import timezone

from easeoff.services.assessments import record_assessment
from easeoff.services.errors import InvalidInput, NotAllowed
from easeoff.services.safety import acknowledge_flag, open_flags
from easeoff.web.care.models import Flag

pytestmark = pytest.mark.django_db


def phq9(item9: int, rest: int = 1) -> dict[str, int]:
    answers = {f"phq9_{n}": rest for n in range(1, 9)}
    answers["phq9_9"] = item9
    return answers


def record(person, code, answers, now):
    return record_assessment(actor=person, person=person, instrument_code=code, answers=answers, now=now)


def test_phq9_item9_raises_one_urgent_flag_with_its_source(ana):
    recorded = record(ana, "phq9", phq9(2), timezone.now())
    assert [f.rule_id for f in recorded.flags] == ["phq9_self_harm_thoughts"]
    flag = recorded.flags[0]
    assert flag.severity == "urgent"
    assert "show_crisis_resources" in flag.actions
    assert "Kroenke" in flag.source


def test_the_same_condition_is_not_flagged_twice_while_open(ana):
    now = timezone.now()
    record(ana, "phq9", phq9(1), now)
    again = record(ana, "phq9", phq9(1), now + timedelta(hours=1))
    assert again.flags == ()
    assert Flag.objects.filter(person=ana, rule_id="phq9_self_harm_thoughts").count() == 1


def test_no_flag_for_a_calm_check_in(ana):
    assert record(ana, "phq9", phq9(0, rest=0), timezone.now()).flags == ()
    assert record(ana, "sows", {f"sows_{n}": 0 for n in range(1, 17)}, timezone.now()).flags == ()


def test_a_high_sows_raises_a_warning_labelled_a_convention(ana):
    recorded = record(ana, "sows", {f"sows_{n}": 2 for n in range(1, 17)}, timezone.now())
    assert [f.rule_id for f in recorded.flags] == ["sows_high"]
    assert recorded.flags[0].severity == "warning"
    assert "CTN-0094" in recorded.flags[0].source


def test_a_person_cannot_acknowledge_their_own_flag(ana):
    flag = record(ana, "phq9", phq9(1), timezone.now()).flags[0]
    with pytest.raises(NotAllowed):
        acknowledge_flag(actor=ana, flag_id=flag.pk, comment="fine", now=timezone.now())


def test_a_clinician_without_a_grant_cannot_acknowledge(ana, cho):
    flag = record(ana, "phq9", phq9(1), timezone.now()).flags[0]
    with pytest.raises(NotAllowed):
        acknowledge_flag(actor=cho, flag_id=flag.pk, comment="called", now=timezone.now())


def test_open_flags_are_visible_only_to_whoever_may_see_the_person(ana, cho):
    record(ana, "phq9", phq9(1), timezone.now())
    assert len(open_flags(viewer=ana, person=ana)) == 1
    with pytest.raises(NotAllowed):
        open_flags(viewer=cho, person=ana)


def test_acknowledging_needs_a_comment(ana, ben):
    from tests.grants import share

    flag = record(ana, "phq9", phq9(1), timezone.now()).flags[0]
    share(ana, ben)
    with pytest.raises(InvalidInput) as problem:
        acknowledge_flag(actor=ben, flag_id=flag.pk, comment="  ", now=timezone.now())
    assert "comment" in problem.value.problems
    done = acknowledge_flag(
        actor=ben, flag_id=flag.pk, comment="Called; safety plan reviewed", now=timezone.now()
    )
    assert done.acknowledged_by == ben and not done.is_open
    # Once handled, the same condition can be raised again.
    assert [f.rule_id for f in record(ana, "phq9", phq9(1), timezone.now()).flags] == [
        "phq9_self_harm_thoughts"
    ]


def test_the_flags_page_shows_flags_and_crisis_lines(client, ana):
    record(ana, "phq9", phq9(3), timezone.now())
    client.force_login(ana)
    html = client.get("/flags/").content.decode()
    assert 'class="crisis"' in html
    assert "flag-urgent" in html
    assert "Call your local emergency number" in html  # no country in the profile yet: the fallback
