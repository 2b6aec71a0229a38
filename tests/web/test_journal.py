import pytest
from django.utils import timezone

from easeoff.services import journal
from easeoff.services.errors import InvalidInput
from easeoff.web.care.models import Flag
from easeoff.web.tracking.models import Assessment, JournalEntry

pytestmark = pytest.mark.django_db

TEXT = (
    "Day 3 off oxy. Sweating all night and my legs won't stop (RLS). "
    "Took 4g of kratom and the cravings eased."
)


def test_an_entry_stores_the_extraction_and_highlights(ana):
    entry = journal.write_entry(actor=ana, person=ana, text=TEXT, now=timezone.now())
    record = entry.extraction
    assert {"name": "sweating", "status": "present"} in record["symptoms"]
    assert "kratom" in record["substances"]
    for start, end, _kind, _label in entry.highlights:
        assert 0 <= start < end <= len(TEXT)


def test_highlights_are_escaped_marks():
    html = journal.highlighted_html("<b>sweats</b> & chills", [[3, 9, "symptom", "sweating:present"]])
    mark = '<mark class="hl hl-symptom hl-present" title="sweating:present">sweats</mark>'
    assert html == f"&lt;b&gt;{mark}&lt;/b&gt; &amp; chills"


@pytest.mark.parametrize("text", ["", "   ", "x" * 10_001])
def test_empty_or_huge_text_is_refused_naming_the_field(ana, text):
    with pytest.raises(InvalidInput) as problem:
        journal.write_entry(actor=ana, person=ana, text=text, now=timezone.now())
    assert "text" in problem.value.problems
    assert not JournalEntry.objects.exists()


@pytest.mark.parametrize(
    ("text", "cues"),
    [
        ("My eyes look yellow and my pee is very dark", ["yellow_eyes_skin", "dark_urine"]),
        ("No jaundice, no dark urine, thankfully", []),
        ("I had a seizure last night", ["seizure"]),
        ("Can't keep anything down since yesterday", ["unable_to_keep_fluids_down"]),
    ],
)
def test_red_flag_cues(text, cues):
    assert journal.find_cues(text) == cues


def test_liver_cues_in_the_journal_raise_an_urgent_flag(ana):
    journal.write_entry(
        actor=ana, person=ana, text="My skin is yellow and my urine is dark brown.", now=timezone.now()
    )
    assert Flag.objects.filter(person=ana, rule_id="liver_injury_signs", severity="urgent").exists()


def test_sows_suggestions_come_from_symptoms(ana):
    entry = journal.write_entry(actor=ana, person=ana, text=TEXT, now=timezone.now())
    suggestions = journal.sows_suggestions(entry)
    assert suggestions["sows_3"] == 2  # sweating, present
    assert suggestions["sows_16"] == 0  # cravings eased


def test_the_prefilled_sows_is_not_saved_until_submitted(client, ana):
    entry = journal.write_entry(actor=ana, person=ana, text=TEXT, now=timezone.now())
    client.force_login(ana)
    html = client.get(f"/checkin/sows/?journal={entry.pk}").content.decode()
    assert "pre-filled from your journal" in html
    assert html.count("Suggested from your journal") == len(journal.sows_suggestions(entry))
    assert Assessment.objects.count() == 0


def test_another_persons_entry_is_404(client, ana, make_user):
    entry = journal.write_entry(actor=ana, person=ana, text=TEXT, now=timezone.now())
    other = make_user("eve")
    client.force_login(other)
    assert client.get(f"/journal/{entry.pk}/").status_code == 404
    assert client.get(f"/checkin/sows/?journal={entry.pk}").status_code == 404


def test_the_journal_page_keeps_text_on_error(client, ana):
    client.force_login(ana)
    response = client.post("/journal/", {"text": " "})
    assert response.status_code == 422
    assert "write something first" in response.content.decode()
    response = client.post("/journal/", {"text": TEXT})
    assert response.status_code == 302
    page = client.get(response["Location"]).content.decode()
    assert 'class="hl hl-symptom hl-present"' in page


def test_a_dose_found_in_the_text_is_added_only_when_confirmed(client, ana):
    from easeoff.web.doses.models import Dose

    entry = journal.write_entry(actor=ana, person=ana, text=TEXT, now=timezone.now())
    assert journal.dose_suggestions(entry) == [{"substance": "kratom", "amount": 4, "unit": "g"}]
    client.force_login(ana)
    page = client.get(f"/journal/{entry.pk}/").content.decode()
    assert "Add 4 g kratom to my dose log" in page
    assert not Dose.objects.exists()
    response = client.post(f"/journal/{entry.pk}/doses/", {"substance": "kratom", "amount": "4", "unit": "g"})
    assert response.status_code == 302
    dose = Dose.objects.get()
    assert (dose.substance, dose.amount, dose.unit, dose.taken_at) == ("kratom", 4, "g", entry.written_at)
    bad = client.post(
        f"/journal/{entry.pk}/doses/", {"substance": "kratom", "amount": "-4", "unit": "g"}, follow=True
    )
    assert "Not added" in bad.content.decode()
    assert Dose.objects.count() == 1
