"""Establishments and repeated recommendations: names, the comparison, the corpus links, load order, the views."""

from __future__ import annotations

import csv
import sqlite3
import sys
from pathlib import Path

import pytest
from actionplans.db import load
from actionplans.extract.establishments import establishment_of, inspection_end
from actionplans.extract.recurring import CROSS_REF, SETTINGS, _parts, _spelled, _tokens, compare, prepare, swapped

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "benchmarks"))
import recurring as bench  # noqa: E402

KESTREL = ["v1-noms-2015-hmp-kestrel-moor", "v3-hmpps-2019-hmp-yoi-kestrel-moor",
           "v8-hmpps-2023-hmp-yoi-kestrel-moor-concerns"]


@pytest.mark.parametrize("printed", ["HMP Leeds", "HMP/YOI Leeds", "Leeds Prison", "HMP & YOI Leeds", "HMP LEEDS",
                                     "HMP and YOI Leeds", "HM Prison and Young Offender Institution Leeds"])
def test_every_form_of_a_prison_is_one_establishment(printed):
    e = establishment_of(printed, "establishment")
    assert (e.key, e.name, e.kind) == ("leeds", "HMP Leeds", "prison")


def test_kinds_and_capitals():
    assert establishment_of("HMYOI Larchmoor").kind == "yoi"
    assert establishment_of("Thornleigh Immigration Removal Centre").name == "Thornleigh IRC"
    assert establishment_of("Thornleigh IRC").key == establishment_of("IRC Thornleigh").key == "irc-thornleigh"
    assert establishment_of("HMP STOKE-UPON-TRENT").name == "HMP Stoke-upon-Trent"
    assert establishment_of(None, "thematic", "A thematic review").kind == "national"
    region = establishment_of(None, "probation", "An inspection of probation services in the North West region")
    assert (region.kind, region.name) == ("probation_region", "North West probation region")


def test_inspection_end_is_the_last_day_printed():
    assert inspection_end("17, 18 December & 7-11 January 2019") == "2019-01-11"
    assert inspection_end("24-25th February; 2-6th March 2020") == "2020-03-06"
    assert inspection_end("March 2015") == "2015-03"
    assert inspection_end("to be confirmed") is None


def test_reworded_recommendation_is_the_same_and_a_near_miss_is_not():
    earlier = "All prisoners should have at least 10 hours unlocked each weekday. (S56)"
    assert compare(earlier, "All prisoners should be unlocked for at least ten hours every weekday.").same
    gated = compare("Outcomes of the incentives scheme should be monitored by protected characteristic.",
                    "Outcomes of the complaints system should be monitored by protected characteristic.")
    assert not gated.same and gated.gate == "topics"


def test_a_slot_swapped_inside_one_frame_is_a_near_miss():
    """The swap gate: the two demands line up word for word but for one slot, where each side has words the other
    never meets (the object or the group replaced); who is asked to act ('the governor' / 'leaders') is no slot."""
    for earlier, later, words in [
        ("New officers should be mentored by experienced colleagues during their first year. (S23)",
         "New teachers should be mentored by experienced colleagues during their first year.", "teachers"),
        ("Staff who are assaulted should be offered support and a debrief after the incident. (S6)",
         "Prisoners who are assaulted should be offered support and a debrief after the incident.", "prisoners"),
        ("Prisoners should be able to wash their own clothes at least once a week. (S40)",
         "Prisoners should be able to wash their bedding at least once a week.", "bedding")]:
        m = compare(earlier, later)
        assert not m.same and m.gate == "swap", (later, m)
        assert compare(earlier, later, SETTINGS.model_copy(update={"swap": False})).same
        assert swapped(prepare(earlier), prepare(later))[1] == (words,)
    m = compare("The governor should ensure that the use of force is proportionate.",
                "Leaders should ensure that the use of force is proportionate.")
    assert m.same and m.gate is None
    # its cost: a rewording that keeps the sentence and swaps a word no synonym source links is stopped too
    m = compare("Officers should write a short summary in the wing observation book at the end of each shift.",
                "Officers should note a short summary in the wing observation book at the end of each shift.")
    assert not m.same and m.gate == "swap"


def test_a_word_and_a_compound_written_with_it_are_no_swapped_slot():
    """`swap_compounds`: where the sentence is kept word for word, 'day shift' / 'dayshift' (or 'health' /
    'healthcare') is one word written two ways, not another object; two compounds sharing a part ('weekday' /
    'weekend') are still a swap."""
    earlier = "Staff should complete a handover with the night officer at the end of every day shift. (S9)"
    later = "Staff should complete a handover with the night officer at the end of every dayshift."
    assert compare(earlier, later).same
    m = compare(earlier, later, SETTINGS.model_copy(update={"swap_compounds": False}))
    assert not m.same and m.gate == "swap"
    m = compare("Officers should be able to take their breaks in a staff room away from the wings every weekday.",
                "Officers should be able to take their breaks in a staff room away from the wings every weekend.")
    assert not m.same and m.gate == "swap"
    assert _parts("healthcare") == {"health", "care"} and _parts("timetables") == {"time", "tabl"}
    assert not _parts("mentor") and not _parts("office")  # parts of three letters each are too short to tell


def test_an_abbreviation_meets_the_words_its_initials_spell():
    """`abbreviations`: 'PPO' meets 'Prisons and Probation Ombudsman' (function words inside the run skipped) and a
    plural in capitals ('SIRs') reads as the abbreviation; words whose initials spell other letters do not meet it."""
    off = SETTINGS.model_copy(update={"abbreviations": False})
    for earlier, later in [
        ("The PPO should receive the papers within a week. (S3)",
         "The Prisons and Probation Ombudsman should receive the papers within a week."),
        ("Staff should check that SIRs are read promptly by the security team. (S12)",
         "Security information reports should be read promptly by the security team.")]:
        assert compare(earlier, later).same and not compare(earlier, later, off).same
    m = compare("The PPO should receive the papers within a week.",
                "The prison ombudsman should receive the papers within a week.")
    assert "ombudsman" not in m.words
    assert _tokens("GCSEs and ACCTs", abbreviations=True) == [("gcse", True), ("and", False), ("acct", True)]


def test_another_subject_for_the_same_verb_is_a_near_miss():
    """The subject gate: both demands have the same verb after 'should', and neither subject meets any word of the
    other demand (the group or object swapped while the rest is reworded too). A sentence turned round keeps its
    subject's words elsewhere and passes."""
    off = SETTINGS.model_copy(update={"subject": False})
    earlier, later = ("Healthcare staff should receive regular clinical supervision. (S37)",
                      "Officers should receive regular supervision from their line managers.")
    m = compare(earlier, later)
    assert not m.same and m.gate == "subject" and compare(earlier, later, off).same
    m = compare("Emergency cell call bells should be answered within five minutes. (S9)",
                "Staff should answer emergency cell call bells quickly, and managers should check response times.")
    assert m.gate != "subject"


def test_british_spellings_read_as_wordnet_spells_them():
    """'immunisation' is not in WordNet's index; read as 'immunization' it meets what vaccination is a kind of."""
    assert _spelled("immunisation") == "immunization" and _spelled("paediatric") == "pediatric"
    assert _spelled("hour") == "hour" and _spelled("promise") == "promise"  # no American form in the table
    m = compare("Prisoners should be offered vaccination against flu.", "Prisoners should be offered immunisation"
                " against flu.")
    assert "immunisation" in m.words


def test_a_word_meets_what_its_first_sense_is_a_kind_of():
    """WordNet hypernyms (`Settings.broader`): 'vaccination' is a kind of 'immunization', a 'tutor' a kind of
    'teacher'; two kinds of one thing ('optician', 'GP') do not meet."""
    off = SETTINGS.model_copy(update={"broader": False})
    m = compare("Prisoners should be offered vaccination against flu.", "Prisoners should be offered immunization"
                " against flu.")
    assert "immunization" in m.words and "immunization" not in compare(
        "Prisoners should be offered vaccination against flu.", "Prisoners should be offered immunization against"
        " flu.", off).words
    assert "teacher" in compare("Work should be marked by a tutor.", "Work should be marked by a teacher.").words
    assert "optician" not in compare("Prisoners should see a GP within a week.",
                                     "Prisoners should see an optician within a week.").words


def test_without_the_lists_the_frame_still_stops_a_swapped_topic():
    """With the hand lists off (how the comparison sees a topic they do not name) no topic gate fires and no
    paraphrase meets; a near miss that swaps the topic in a shared frame is still stopped, by the swap gate (at
    0.38, a threshold its score reaches: at 0.43 the score alone keeps it apart)."""
    off = SETTINGS.model_copy(update={"lists": False, "threshold": 0.38})
    earlier = "Outcomes of the incentives scheme should be monitored by protected characteristic."
    later = "Outcomes of the complaints system should be monitored by protected characteristic."
    assert compare(earlier, later).gate == "topics"
    m = compare(earlier, later, off)
    assert not m.same and m.gate == "swap"
    # the frame penalty lowers it (0.42 against 0.67 without it) but, at weight 2.5, no longer below the threshold
    m, flat = (compare(earlier, later, off.model_copy(update={"swap": False, **u})) for u in ({}, {"frame": 0.0}))
    assert m.gate is None and m.same and m.score < flat.score
    earlier = "Leaders should investigate why black prisoners are disproportionately subject to use of force."
    later = ("The prison should explore the reasons for the over-representation of black prisoners in use of force "
             "incidents.")
    bare = off.model_copy(update={"broader": False})
    assert "explore" in compare(earlier, later).words and "explore" not in compare(earlier, later, bare).words
    # WordNet reaches it without the hand list: to investigate is, in its first sense, a kind of exploring
    assert "explore" in compare(earlier, later, off).words


def test_cross_references_are_ignored_wherever_they_stand():
    plain = "Adjudications should be dealt with promptly and charges against black prisoners investigated."
    for marked in ("Adjudications should be dealt with promptly (S54) and charges against black prisoners "
                   "investigated.", "Adjudications should be dealt with promptly and charges against black "
                   "prisoners investigated (para 1.12).", "(1.12, 1.14) " + plain):
        assert compare(marked, plain).score == 1.0


def test_paraphrases_meet_as_one_concept():
    m = compare("Leaders should investigate why black prisoners are disproportionately subject to use of force.",
                "The prison should explore the reasons for the over-representation of black prisoners in use of "
                "force incidents.")
    # "explore the reasons for" is "investigate why"; "over-representation" is "disproportionately"
    assert m.same and {"explore", "overrepresentation"} <= set(m.words)


def test_sharing_only_the_topic_is_not_the_same_demand():
    """Same topic, another demand: the words they share all name the topic ('use of force', 'DIRF')."""
    for earlier, later in [
            ("Leaders should monitor the use of force by ethnicity.", "Leaders should reduce the use of force."),
            ("Discrimination incident report forms (DIRFs) should be investigated promptly.",
             "Leaders should publish the outcomes of discrimination incident report forms (DIRFs)."),
            ("Newly arrived prisoners should be interviewed in private on their first night.",
             "Newly arrived prisoners should be able to shower and make a telephone call on their first night.")]:
        m = compare(earlier, later)
        assert not m.same and m.gate == "demand", (earlier, later, m)
    # a repeat shares what is asked as well as the topic
    m = compare("Leaders should monitor the use of force by ethnicity.",
                "Use of force should be monitored by ethnicity and any disproportionality investigated.")
    assert m.same and m.gate is None


def test_labelled_pairs_held_out():
    """The figures benchmarks/recurring.py reports for each labelled set; fails if the method gets worse there.
    Floors at the measured figures, not at the target (precision 0.95, recall 0.9): every set falls short of it.
    The sets up to the sixteenth were studied while the method was revised or a candidate fitted (the sixth to
    sixteenth after each had been scored held out); the seventeenth is held out, written and committed while the
    abbreviation round studied the sixteenth, and scored once with the method as it stood (0.889/0.471) and once with
    that round's candidate (0.892/0.485), so its floor guards the figure reported, it was not tuned to."""
    same = lambda a, b: compare(a, b).same  # noqa: E731
    floors = {"tune": (0.81, 1.0), "held": (0.70, 1.0), "tune2": (0.46, 1.0), "fresh": (0.61, 1.0),
              "third": (0.56, 0.96), "fourth": (0.30, 1.0), "fifth": (0.59, 0.96), "sixth": (0.54, 0.90),
              "seventh": (0.36, 0.81), "eighth": (0.38, 0.80), "ninth": (0.53, 0.90), "tenth": (0.47, 0.86),
              "eleventh": (0.27, 0.68), "twelfth": (0.34, 0.91), "thirteenth": (0.26, 0.70),
              "fourteenth": (0.56, 0.91), "fifteenth": (0.64, 0.93), "sixteenth": (0.57, 0.90),
              "seventeenth": (0.48, 0.89)}
    sets = {**bench.studied(), **bench.held_out()}
    got = {name: bench.score(sets[name], same) for name in floors}
    for name, s in got.items():
        print(f"{name} precision={s['precision']:.3f} recall={s['recall']:.3f}")
    for name, (recall, precision) in floors.items():
        assert got[name]["recall"] >= recall and got[name]["precision"] >= precision, (name, got[name])


def test_every_labelled_text_links_to_its_own_copy():
    """Inspectors often repeat a recommendation word for word: every text of the studied sets, compared with itself
    (its cross-reference aside), is a repeat. A method fitted on sets whose repeats are all reworded can learn word
    order as evidence against a repeat and fail this (README, the learned-combination round)."""
    texts = dict.fromkeys(t for part in bench.studied().values() for p in part for t in (p["earlier"], p["later"]))
    unlinked = [t for t in texts if not compare(t, CROSS_REF.sub("", t)).same]
    assert len(texts) > 1900 and not unlinked, unlinked[:5]


def test_pooled_studied_sets_reach_the_precision_the_threshold_was_chosen_for():
    """The threshold is the lowest at which precision on the studied sets, pooled, reaches 0.90 as compared
    (benchmarks/recurring.py PRECISION): the rule the project states, checked on the held-out sixteenth before it
    was moved there from 0.38 (chosen on ten sets), and the same on sixteen sets; without the hand lists precision is
    lower."""
    pooled = [p for part in bench.studied().values() for p in part]

    def at(threshold, **update):
        settings = SETTINGS.model_copy(update={"threshold": threshold, **update})
        return bench.score(pooled, lambda a, b: compare(a, b, settings).same)

    lower = round(SETTINGS.threshold - 0.01, 2)
    with_lists, without = at(SETTINGS.threshold), at(SETTINGS.threshold, lists=False)
    assert with_lists["precision"] >= bench.PRECISION > at(lower)["precision"]
    assert with_lists["recall"] >= 0.46 and without["precision"] >= 0.88 and without["recall"] >= 0.43


def test_a_shared_frame_with_another_object_scores_lower_than_a_rewording():
    """A near miss that keeps the earlier text's frame and swaps its object shares word pairs in order; a rewording
    that shares as many words in another order does not. Only the first loses to the frame penalty."""
    earlier = "Care leavers should be identified on arrival and offered support from their local authority. (S30)"
    near = "Veterans should be identified on arrival and offered support from specialist agencies."
    off = SETTINGS.model_copy(update={"frame": 0.0})
    m, m_off = compare(earlier, near), compare(earlier, near, off)
    assert m_off.score >= SETTINGS.threshold and m.score < SETTINGS.threshold and not m.same
    earlier = "Waiting times for optician and podiatry appointments should be reduced. (S35)"
    reworded = "Leaders should ensure that prisoners can see an optician and a podiatrist without long waits."
    r, r_off = compare(earlier, reworded), compare(earlier, reworded, off)
    assert r.score == r_off.score > m.score  # (0.40: just under the threshold, which holds without the lists)
    # a text repeated word for word shares its whole frame and still scores 1
    assert compare(earlier, earlier).score == 1.0


@pytest.mark.parametrize("earlier, later, word, off", [
    # derivation: the first sense of "administer" links to "administration"
    ("Medicines should be administered at the correct times.",
     "The administration of medicines should take place at the right times.", "administration", {"related": False}),
    # a satellite adjective meets its head: "confidential" is similar to "private"
    ("Prisoners should be able to speak to their lawyers in private rooms.",
     "Prisoners should be able to speak to their lawyers in confidential rooms.", "confidential", {"related": False}),
    # the first sense of "renovate" is not "refurbish", its second is
    ("The showers on the older wings should be refurbished.", "The showers on the older wings should be renovated.",
     "renovated", {"wide_senses": 1}),
    # a phrase of WordNet: "take part" is "participate"
    ("More prisoners should take part in education.", "More prisoners should participate in education.",
     "participate", {"phrases": False}),
])
def test_wordnet_related_forms_later_senses_and_phrases(earlier, later, word, off):
    m = compare(earlier, later)
    assert m.same and word in m.words
    assert word not in compare(earlier, later, SETTINGS.model_copy(update=off)).words


def test_a_phrase_still_meets_its_words():
    m = compare("All prisoners should spend at least an hour in the open air every day.",
                "Every prisoner should get an hour of fresh air each day.")
    assert "air" in m.words


def test_wordnet_synonyms_meet_through_their_first_sense():
    m = compare("Prisoners should be able to make telephone calls to their families every day.",
                "Leaders should make sure prisoners can phone their families daily.")
    assert m.same and "phone" in m.words
    # a rare sense does not count: 'cell' is a prison cell before it is a battery
    assert not compare("Every cell should have a working call bell.", "Every battery should be working.").same


def expected_links() -> set[tuple[str, str, str, str]]:
    lines = [ln for ln in (REPO / "corpus" / "recurring.expected.tsv").read_text(encoding="utf-8").splitlines()
             if ln and not ln.startswith("#")]
    return {(r["later"], r["later_ref"], r["earlier"], r["earlier_ref"]) for r in csv.DictReader(lines, delimiter="\t")}


def found_links(db_path) -> set[tuple[str, str, str, str]]:
    conn = sqlite3.connect(db_path)
    rows = conn.execute("""SELECT ld.path, l.ref, ed.path, er.ref FROM recurring c
        JOIN recommendations l ON l.id = c.recommendation_id JOIN documents ld ON ld.id = l.document_id
        JOIN recommendations er ON er.id = c.earlier_id JOIN documents ed ON ed.id = er.document_id""").fetchall()
    conn.close()
    return {(Path(a).stem, b, Path(c).stem, d) for a, b, c, d in rows}


def test_corpus_links_all_found_none_unexpected(db_path):
    want, got = expected_links(), found_links(db_path)
    tp = len(want & got)
    print(f"corpus links: precision={tp / len(got) if got else 1:.3f} recall={tp / len(want):.3f} "
          f"({tp} of {len(want)} expected, {len(got - want)} unexpected)")
    assert got == want


def test_establishment_names_one_prison_across_forms(db_path):
    conn = sqlite3.connect(db_path)
    row = conn.execute("SELECT name, kind, forms, plans FROM establishments WHERE id = 'kestrel-moor'").fetchone()
    plans = [r[0] for r in conn.execute("SELECT path FROM documents WHERE establishment_id = 'kestrel-moor' "
                                        "ORDER BY inspected")]
    assert row[:2] == ("HMP Kestrel Moor", "prison") and row[3] == 3
    assert set(eval(row[2])) == {"HMP Kestrel Moor", "HMP/YOI Kestrel Moor", "HMP & YOI Kestrel Moor"}
    assert [Path(p).stem for p in plans] == KESTREL


@pytest.mark.parametrize("order", [[0, 1, 2], [2, 0, 1], [1, 2, 0]])
def test_links_do_not_depend_on_load_order_and_reruns_add_nothing(order, extracted, tmp_path):
    from actionplans.schemas import Document
    docs = [Document.model_validate(extracted(REPO / "corpus" / f"{n}.pdf")) for n in KESTREL]
    db = load.open_db(str(tmp_path / "x.db"))
    for i in order:
        load.save(db, docs[i])
    links = db.execute("SELECT recommendation_id, earlier_id, score FROM recurring ORDER BY 1, 2").fetchall()
    assert len(links) == 4
    load.save(db, docs[order[0]])  # the same plan again: replaced, links recomputed, none duplicated
    assert db.execute("SELECT recommendation_id, earlier_id, score FROM recurring ORDER BY 1, 2").fetchall() == links
    with db.atomic():  # the 2019 plan removed, as a replaced file's old plan is: its links go with it
        db.execute("DELETE FROM document_paths WHERE document_id = ?", [docs[1].source.sha256])
        load.delete_document(db, docs[1].source.sha256)
    left = db.execute("SELECT count(*) FROM recurring").fetchone()[0]
    assert left == 1  # 2023 -> 2015 (ten hours unlocked) remains


@pytest.mark.anyio
async def test_views_in_datasette(db_path):
    from actionplans.db.site import datasette
    ds = datasette(db_path)
    name = Path(db_path).stem
    r = await ds.client.get(f"/{name}/repeated_recommendations.json?_shape=array&establishment=HMP+Kestrel+Moor")
    rows = r.json()
    assert r.status_code == 200 and len(rows) == 4
    ten = next(x for x in rows if x["ref"] == "Priority concern 1")
    assert ten["earlier_ref"] == "5.11" and ten["earlier_answer"] == "not agreed"
    drugs = next(x for x in rows if x["ref"] == "Priority concern 2")
    assert drugs["earlier_ref"] == "4" and drugs["overdue_at_reinspection"] == 1
    assert "Head of Security" in drugs["earlier_commitments"] and "October 2019" in drugs["earlier_commitments"]
    r = await ds.client.get(f"/{name}/establishment_plans.json?_shape=array&establishment_id=kestrel-moor")
    plans = r.json()
    assert [p["visit"] for p in plans] == [1, 2, 3] and [p["repeated"] for p in plans] == [0, 2, 2]
    r = await ds.client.get(f"/{name}/theme_years.json?_shape=array&theme=use_of_force")
    years = {y["year"]: y for y in r.json()}
    assert years["2019"]["repeated"] >= 1 and years["2015"]["recommendations"] >= 1
