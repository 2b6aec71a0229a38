"""Doses and products through the service and the pages: validation, mass, estimates, days, edits."""

from datetime import UTC, datetime, timedelta
from decimal import Decimal as D

import pytest
from django.utils import timezone

from easeoff.services import doses
from easeoff.services.errors import InvalidInput, NotAllowed
from easeoff.web.doses.models import Dose, DoseRevision, Product
from tests.grants import share

pytestmark = pytest.mark.django_db

NOW = datetime(2026, 3, 10, 12, 0, tzinfo=UTC)


@pytest.fixture
def capsules(ana):
    return doses.save_product(
        actor=ana,
        person=ana,
        name="my capsules",
        substance="kratom",
        unit="capsules",
        mg_per_unit="500",
        mitragynine_pct="1.5",
        measurable_step="1",
        now=NOW,
    )


def record(person, now=NOW, **fields):
    return doses.record_dose(actor=person, person=person, now=now, **fields)


def person_in(make_user, username, zone):
    person = make_user(username, "patient")
    person.time_zone = zone
    person.save(update_fields=["time_zone"])
    return person


def test_it_saves_a_capsule_product_with_its_label(capsules):
    assert (capsules.kind, capsules.unit, capsules.mg_per_unit, capsules.mitragynine_pct) == (
        "capsules",
        "capsules",
        D(500),
        D("1.5"),
    )


@pytest.mark.parametrize(
    ("fields", "problem"),
    [
        ({"name": ""}, "name"),
        ({"substance": "kratum"}, "substance"),
        ({"unit": "bags"}, "unit"),
        ({"unit": "drinks"}, "unit"),
        ({"mitragynine_pct": "150"}, "mitragynine_pct"),
        ({"mg_per_unit": "-5"}, "mg_per_unit"),
        ({"mg_per_unit": "lots"}, "mg_per_unit"),
        ({"kind": "resin"}, "kind"),
    ],
)
def test_a_bad_product_names_the_field_and_stores_nothing(ana, fields, problem):
    good = {"name": "caps", "substance": "kratom", "unit": "capsules", "mg_per_unit": "500"}
    with pytest.raises(InvalidInput) as raised:
        doses.save_product(actor=ana, person=ana, now=NOW, **{**good, **fields})
    assert problem in raised.value.problems
    assert not Product.objects.exists()


def test_a_product_name_is_unique_per_person(ana, capsules):
    with pytest.raises(InvalidInput) as raised:
        doses.save_product(actor=ana, person=ana, name="my capsules", substance="kratom", unit="g", now=NOW)
    assert "already have" in raised.value.problems["name"]


def test_a_dose_of_capsules_has_mass_and_an_estimate_with_its_basis(ana, capsules):
    dose = record(ana, substance="kratom", amount="4", product=capsules.pk)
    assert (dose.unit, dose.amount_mg, dose.is_approximate) == ("capsules", D(2000), False)
    assert dose.mitragynine_mg == D(30)  # 2000 mg leaf x 1.5 %
    assert dose.alkaloid_basis.startswith("estimate:")
    assert "500 mg per capsule" in dose.basis


def test_a_teaspoon_of_powder_is_approximate_and_says_why(ana):
    dose = record(ana, substance="kratom", amount="1", unit="tsp")
    assert (dose.kind, dose.amount_mg, dose.is_approximate) == ("leaf_powder", D(2500), True)
    assert "approximate" in dose.basis


def test_a_product_alone_gives_the_substance_and_unit(ana, capsules):
    dose = record(ana, substance="", amount="2", product="my capsules")
    assert (dose.substance, dose.unit, dose.amount_mg) == ("kratom", "capsules", D(1000))


@pytest.mark.parametrize(
    ("fields", "problem", "fragment"),
    [
        ({"amount": "-2", "unit": "g"}, "amount", "negative"),
        ({"amount": "0", "unit": "g"}, "amount", "greater than 0"),
        ({"amount": "300", "unit": "g"}, "amount", "plausibility limit"),
        ({"amount": "two", "unit": "g"}, "amount", "not a number"),
        ({"amount": "2", "unit": "furlongs"}, "unit", "allowed: g, mg"),
        ({"amount": "2", "unit": "drinks"}, "unit", "does not fit"),
        ({"amount": "2", "unit": ""}, "unit", "is required"),
        ({"amount": "2", "unit": "g", "route": "ear"}, "route", "oral"),
        ({"amount": "2", "unit": "g", "taken_at": "2999-01-01T00:00:00+00:00"}, "taken_at", "future"),
        ({"amount": "2", "unit": "g", "taken_at": "yesterday"}, "taken_at", "ISO 8601"),
        ({"amount": "2", "unit": "g", "product": "nope"}, "product", "no product"),
    ],
)
def test_an_invalid_dose_names_the_field_and_stores_nothing(ana, fields, problem, fragment):
    with pytest.raises(InvalidInput) as raised:
        record(ana, substance="kratom", **fields)
    assert fragment in raised.value.problems[problem]
    assert not Dose.objects.exists()


def test_every_problem_is_reported_at_once(ana):
    with pytest.raises(InvalidInput) as raised:
        record(ana, substance="nothing", amount="-1", unit="bags", route="ear")
    assert set(raised.value.problems) >= {"substance", "amount", "unit", "route"}


def test_a_time_without_offset_is_the_persons_wall_clock(make_user):
    bangkok = person_in(make_user, "noi", "Asia/Bangkok")
    dose = record(bangkok, substance="kratom", amount="2", unit="g", taken_at="2026-03-10T06:30")
    assert dose.taken_at == datetime(2026, 3, 9, 23, 30, tzinfo=UTC)
    assert dose.taken_on.isoformat() == "2026-03-10"


def test_daily_totals_follow_the_persons_local_day(make_user):
    person = person_in(make_user, "lou", "America/New_York")
    # 23:30 and 00:30 New York time fall on two local days although both are 10 March in UTC.
    record(person, substance="kratom", amount="2", unit="g", taken_at="2026-03-10T03:30:00+00:00")
    record(person, substance="kratom", amount="3", unit="g", taken_at="2026-03-10T04:30:00+00:00")
    record(person, substance="kratom", amount="1", unit="tsp", taken_at="2026-03-10T10:00:00+00:00")
    totals = doses.daily_totals(viewer=person, person=person)
    by_day = {t.total.on.isoformat(): t for t in totals}
    assert set(by_day) == {"2026-03-09", "2026-03-10"}
    assert by_day["2026-03-09"].total.amount_mg == D(2000)
    assert by_day["2026-03-10"].total.amount_mg == D(5500)
    assert by_day["2026-03-10"].amount_text == "5.5 g (approximate); logged: 1 tsp, 3 g"


def test_alkaloid_estimates_add_up_and_say_how_many_doses_they_cover(ana, capsules):
    record(ana, substance="kratom", amount="4", product=capsules.pk)
    record(ana, substance="kratom", amount="2", product=capsules.pk)
    record(ana, substance="kratom", amount="1", unit="g")
    (day,) = doses.daily_totals(viewer=ana, person=ana)
    assert (day.mitragynine_mg, day.alkaloid_doses, day.total.dose_count) == (D(45), 2, 3)
    assert day.total.amount_mg == D(4000)


def test_an_edit_keeps_the_previous_version(ana):
    dose = record(ana, substance="kratom", amount="2", unit="g")
    edited = doses.edit_dose(actor=ana, dose_id=dose.pk, now=NOW + timedelta(hours=1), amount="3")
    assert (edited.amount, edited.amount_mg, edited.revision) == (D(3), D(3000), 2)
    (old,) = DoseRevision.objects.filter(dose=dose)
    assert (old.revision, old.values["amount"], old.values["amount_mg"], old.changed_by) == (
        1,
        "2",
        "2000",
        ana,
    )


def test_an_invalid_edit_changes_nothing(ana):
    dose = record(ana, substance="kratom", amount="2", unit="g")
    with pytest.raises(InvalidInput):
        doses.edit_dose(actor=ana, dose_id=dose.pk, now=NOW, amount="-1")
    dose.refresh_from_db()
    assert (dose.amount, dose.revision) == (D(2), 1)
    assert not DoseRevision.objects.exists()


def test_only_the_owner_deletes_and_deletion_is_real(ana, ben):
    dose = record(ana, substance="kratom", amount="2", unit="g")
    share(ana, ben)
    with pytest.raises(NotAllowed):
        doses.delete_dose(actor=ben, dose_id=dose.pk)
    doses.delete_dose(actor=ana, dose_id=dose.pk)
    assert not Dose.objects.exists()


def test_a_clinician_sees_doses_only_with_a_grant(ana, ben, cho):
    record(ana, substance="kratom", amount="2", unit="g")
    share(ana, ben)
    assert doses.list_doses(viewer=ben, person=ana).count() == 1
    with pytest.raises(NotAllowed):
        doses.list_doses(viewer=cho, person=ana)


def test_safety_records_carry_category_and_7oh_products(ana):
    record(ana, substance="kratom", amount="2", unit="g")
    record(ana, substance="oxycodone", amount="10", unit="mg")
    records = doses.dose_records_for_safety(ana, since=NOW - timedelta(days=1), now=NOW)
    assert [(r.substance, r.category, r.amount_mg) for r in records] == [
        ("kratom", "kratom", 2000.0),
        ("oxycodone", "opioid", 10.0),
    ]


# --- the withdrawal timeline ---------------------------------------------------------------


def test_the_timeline_comes_from_the_last_opioid_dose(make_user):
    person = person_in(make_user, "lou", "America/New_York")
    record(person, substance="oxycodone", amount="20", unit="mg", taken_at="2026-03-07T22:00")
    record(person, substance="kratom", amount="2", unit="g", taken_at="2026-03-09T22:00")
    found = doses.withdrawal_timeline(viewer=person, person=person, now=NOW)
    assert found is not None
    assert found.course.key == "short_acting"
    # 22:00 on 7 March to 08:00 on 10 March in New York: three local midnights (DST began on 8 March).
    assert found.day == 3
    assert found.phase.name == "easing"
    assert "oxycodone" in found.basis
    assert [m.status for m in found.milestones] == ["PARTIAL", "PARTIAL", "PARTIAL"]
    assert all(m.sources for m in found.milestones)


def test_the_timeline_takes_last_use_and_class_as_given(ana):
    given = NOW - timedelta(hours=30)
    found = doses.withdrawal_timeline(
        viewer=ana, person=ana, now=NOW, last_use_at=given, opioid_class="long_acting"
    )
    assert found is not None
    assert (found.day, found.phase.name, found.basis) == (1, "onset", "as given")


def test_no_timeline_without_an_opioid_dose_or_a_given_last_use(ana):
    record(ana, substance="kratom", amount="2", unit="g")
    assert doses.withdrawal_timeline(viewer=ana, person=ana, now=NOW) is None


def test_the_timeline_refuses_a_future_last_use_and_unknown_class(ana):
    with pytest.raises(InvalidInput) as raised:
        doses.withdrawal_timeline(
            viewer=ana, person=ana, now=NOW, last_use_at=NOW + timedelta(days=1), opioid_class="slow"
        )
    assert set(raised.value.problems) == {"last_use_at", "opioid_class"}


# --- the pages -----------------------------------------------------------------------------


def test_the_dose_log_keeps_what_was_entered_and_names_the_field(client, ana):
    client.force_login(ana)
    response = client.post(
        "/doses/",
        {"substance": "kratom", "amount": "-3", "unit": "g", "route": "oral", "note": "after lunch"},
    )
    assert response.status_code == 422
    page = response.content.decode()
    assert 'id="err-amount"' in page and "negative" in page
    assert 'value="-3"' in page and 'value="after lunch"' in page
    assert not Dose.objects.exists()


def test_the_dose_log_saves_and_lists_by_day_with_totals(client, ana):
    client.force_login(ana)
    response = client.post("/doses/", {"substance": "kratom", "amount": "2.5", "unit": "g", "route": "oral"})
    assert response.status_code == 302
    page = client.get("/doses/").content.decode()
    assert "2.5 g" in page and "Daily totals" in page


def test_a_dose_is_corrected_and_deleted_from_its_page(client, ana):
    dose = record(
        ana,
        substance="kratom",
        amount="2",
        unit="g",
        taken_at=timezone.now() - timedelta(hours=1),
        now=timezone.now(),
    )
    client.force_login(ana)
    assert client.get(f"/doses/{dose.pk}/").status_code == 200
    fields = {"substance": "kratom", "amount": "3", "unit": "g", "route": "oral"}
    response = client.post(f"/doses/{dose.pk}/", {**fields, "taken_at": ""})
    assert response.status_code == 302
    dose.refresh_from_db()
    assert (dose.amount, dose.revision) == (D(3), 2)
    assert "Earlier versions" in client.get(f"/doses/{dose.pk}/").content.decode()
    assert client.post(f"/doses/{dose.pk}/delete/").status_code == 302
    assert not Dose.objects.exists()


def test_someone_elses_dose_is_not_found(client, ana, make_user):
    other = make_user("zoe", "patient")
    dose = record(other, substance="kratom", amount="2", unit="g")
    client.force_login(ana)
    assert client.get(f"/doses/{dose.pk}/").status_code == 404
    assert client.post(f"/doses/{dose.pk}/delete/").status_code == 404
    assert Dose.objects.count() == 1


def test_the_products_page_saves_and_shows_errors(client, ana):
    client.force_login(ana)
    bad = client.post(
        "/products/", {"name": "caps", "substance": "kratom", "unit": "capsules", "mg_per_unit": "0"}
    )
    assert bad.status_code == 422 and 'id="err-mg_per_unit"' in bad.content.decode()
    good = client.post(
        "/products/", {"name": "caps", "substance": "kratom", "unit": "capsules", "mg_per_unit": "500"}
    )
    assert good.status_code == 302
    assert "500 mg per capsules" in client.get("/products/").content.decode()


def test_the_timeline_page_shows_day_n_the_sources_and_a_chart(client, ana):
    record(
        ana,
        substance="heroin",
        amount="50",
        unit="mg",
        taken_at=timezone.now() - timedelta(hours=40),
        now=timezone.now(),
    )
    client.force_login(ana)
    page = client.get("/timeline/").content.decode()
    assert "Day 1" in page or "Day 2" in page
    assert "SA Health" in page and "PARTIAL" in page
    assert '<svg class="chart course-chart"' in page


def test_the_timeline_page_without_doses_asks_for_the_last_use(client, ana):
    client.force_login(ana)
    page = client.get("/timeline/").content.decode()
    assert "No opioid dose is logged yet" in page
    given = client.get("/timeline/", {"last_used": "2999-01-01T10:00", "substance": "methadone"})
    assert given.status_code == 422


@pytest.mark.parametrize("key", ["buprenorphine", "kratom", "long_acting"])
def test_the_course_chart_draws_only_sourced_ranges(key):
    from easeoff.domain.timeline import withdrawal_course
    from easeoff.web.doses.charts import course_chart

    course = withdrawal_course(key)
    svg = course_chart(
        course,
        last_use_at=NOW - timedelta(days=4),
        now=NOW,
        points=[(NOW - timedelta(days=1), 20), (NOW, 12)],
        y_min=0,
        y_max=64,
        title="SOWS <over> the course",
    )
    sourced = sum(m.span is not None for m in (course.onset, course.peak, course.acute_end))
    assert svg.count('class="milestone"') == sourced
    assert svg.count("<circle") == 2 and "SOWS &lt;over&gt; the course" in svg


def test_the_timeline_page_takes_a_last_use_without_saving_it(client, ana):
    client.force_login(ana)
    last = (timezone.now() - timedelta(days=2)).strftime("%Y-%m-%dT%H:%M")
    page = client.get("/timeline/", {"last_used": last, "substance": "buprenorphine"}).content.decode()
    assert "Day 2" in page and "No sourced time course" in page
    assert not Dose.objects.exists()


def test_the_timeline_uses_the_profile_when_no_opioid_dose_is_logged(client, ana):
    from datetime import timedelta

    from django.utils import timezone

    from easeoff.web.accounts.models import Profile

    Profile.objects.update_or_create(
        user=ana,
        defaults={
            "last_used_at": timezone.now() - timedelta(days=3, hours=2),
            "withdrawing_from": ["heroin"],
        },
    )
    client.force_login(ana)
    response = client.get("/timeline/")
    assert response.status_code == 200
    html = response.content.decode()
    assert "Day 3" in html or "day 3" in html
