"""Scanned plans read through OCR (extract/ocr.py): the committed sample scan, really OCR'd by Tesseract.

The OCR runs once per session into a fresh cache folder (about 15 s for the 4-page sample), so these tests
measure the OCR path itself, never a copy left in db/cache by an earlier run.
"""

from __future__ import annotations

import json
import sqlite3

import numpy as np
import pdfplumber
import pytest
from actionplans.extract import batch, errors, ocr
from actionplans.extract.evaluate import score
from actionplans.extract.fetch import sha256_file
from actionplans.extract.pipeline import TABLE_SETTINGS, extract_document, read_pages, read_through_ocr
from conftest import CORPUS

SCAN = CORPUS / "scanned" / "v3-hmpps-2021-hmp-ashcombe-scan.pdf"
ORIGINAL = CORPUS / "v3-hmpps-2021-hmp-ashcombe.pdf"
TEXT_PLAN = CORPUS / "v6-hmpps-2022-hmp-coldharbour-urgent-notification.pdf"  # 2 pages, for --ocr always


@pytest.fixture(scope="session")
def cache(tmp_path_factory):
    return str(tmp_path_factory.mktemp("ocr-cache"))


@pytest.fixture(scope="session")
def scanned(cache):
    """The sample scan's Document, read through OCR into the session's cache."""
    return extract_document(SCAN, annotate=False, ocr_settings=ocr.OcrSettings(cache_dir=cache))


# -- the sample ---------------------------------------------------------------------------------------

def test_the_sample_has_no_text_layer_and_its_original_is_expected_of_it():
    with pdfplumber.open(SCAN) as pdf:
        assert len(pdf.pages) == 4
        assert all(not p.chars and len(p.images) == 1 for p in pdf.pages)
    gold = json.loads(SCAN.with_suffix(".expected.json").read_text(encoding="utf-8"))
    assert gold == json.loads(ORIGINAL.with_suffix(".expected.json").read_text(encoding="utf-8"))


def test_never_turns_a_scan_away_saying_how_to_read_it():
    with pytest.raises(errors.NoTextLayer) as e:
        extract_document(SCAN, annotate=False, ocr_settings=ocr.OcrSettings(mode="never"))
    assert "--ocr auto" in str(e.value)


def test_without_tesseract_the_error_says_how_to_install_it(tmp_path, monkeypatch):
    monkeypatch.setenv("PATH", str(tmp_path))  # neither tesseract nor ocrmypdf can be found
    with pytest.raises(errors.OcrUnavailable) as e:
        extract_document(SCAN, annotate=False, ocr_settings=ocr.OcrSettings(cache_dir=str(tmp_path / "c")))
    assert "apt-get install tesseract-ocr" in str(e.value) and "4 scanned pages" in str(e.value)


def test_only_pages_with_an_image_and_almost_no_words_need_ocr():
    s = ocr.OcrSettings()
    assert ocr.scanned_pages(SCAN, {1: 0, 2: 0, 3: 0, 4: 0}, s) == [1, 2, 3, 4]
    assert ocr.scanned_pages(SCAN, {1: 0, 2: 200, 3: 0, 4: 200}, s) == [1, 3]  # pages with words are read as they are
    n, pages = read_pages(ORIGINAL)
    assert ocr.scanned_pages(ORIGINAL, {p["page"]: len(p["words"]) for p in pages}, s) == []
    # A page short of words but with no picture on it is blank, not scanned.
    assert ocr.scanned_pages(TEXT_PLAN, {1: 0, 2: 0}, s) == []


# -- reading it through OCR -----------------------------------------------------------------------------

def test_the_scan_scores_as_its_text_layer_original(scanned):
    gold = json.loads(SCAN.with_suffix(".expected.json").read_text(encoding="utf-8"))
    res, misses = score(gold, scanned.model_dump(mode="json"))
    assert {k: res[k] for k in ("recs_recall", "recs_precision", "refs", "decision")} == dict.fromkeys(
        ("recs_recall", "recs_precision", "refs", "decision"), 1.0), misses
    assert min(res[k] for k in ("text", "owners_f1", "dates_f1", "alignment")) >= 0.95, (res, misses)


def test_records_read_through_ocr_say_so_with_the_page_confidence(scanned):
    src = scanned.source
    assert src.path.endswith("-scan.pdf") and src.sha256 == sha256_file(SCAN)[0]
    assert src.ocr and src.ocr_pages == [1, 2, 3, 4]
    assert 0.5 < src.ocr_confidence <= 1
    assert scanned.recommendations and all(r.ocr for r in scanned.recommendations)
    assert all(0.5 < r.ocr_confidence <= 1 for r in scanned.recommendations)


def test_the_ocrd_copy_is_cached_by_sha256_with_its_ruling_lines(scanned, cache):
    sha = sha256_file(SCAN)[0]
    got = ocr.read_through(SCAN, sha, {1: 0, 2: 0, 3: 0, 4: 0}, 4, ocr.OcrSettings(cache_dir=cache))
    assert got.cached and got.path.endswith(f"ocr/{sha}.pdf")  # a re-run does not OCR again
    assert got.confidence == {p: got.confidence[p] for p in (1, 2, 3, 4)} and got.mean_confidence() > 0.5
    # The page images' table rules came back as vector lines: the plan's table has its six ruled columns.
    with pdfplumber.open(got.path) as pdf:
        page = pdf.pages[1]
        assert page.chars and page.edges
        tables = page.find_tables(TABLE_SETTINGS)
    with pdfplumber.open(ORIGINAL) as pdf:
        want = pdf.pages[1].find_tables(TABLE_SETTINGS)
    assert [len(t.rows[0].cells) for t in tables] == [len(t.rows[0].cells) for t in want] == [6]
    assert [len(t.rows) for t in tables] == [len(t.rows) for t in want]


def test_a_folder_of_scanned_and_text_plans_loads_both_and_the_log_says_which_was_ocrd(tmp_path, cache, scanned):
    folder = tmp_path / "plans"
    folder.mkdir()
    for pdf in (SCAN, ORIGINAL):
        (folder / pdf.name).write_bytes(pdf.read_bytes())
    db = tmp_path / "plans.db"
    run = batch.run([str(folder)], str(db), workers=2, annotate=False, cache_dir=cache)
    assert [o.status for o in run.outcomes] == ["loaded", "loaded"]
    assert "1 file read through OCR" in run.summary()
    conn = sqlite3.connect(db)
    log = dict(conn.execute("SELECT path, ocr FROM ingest_log"))
    assert log == {str(folder / ORIGINAL.name): 0, str(folder / SCAN.name): 1}
    docs = dict(conn.execute("SELECT path, ocr FROM documents"))
    assert docs == {str(folder / ORIGINAL.name): 0, str(folder / SCAN.name): 1}
    recs = conn.execute("SELECT d.ocr, count(*), min(r.ocr), max(r.ocr), min(r.ocr_confidence) FROM recommendations r "
                        "JOIN documents d ON d.id = r.document_id GROUP BY d.ocr ORDER BY d.ocr").fetchall()
    assert recs[0][0] == 0 and recs[0][2:4] == (0, 0) and recs[0][4] is None
    assert recs[1][0] == 1 and recs[1][2:4] == (1, 1) and recs[1][4] > 0.5
    assert recs[0][1] == recs[1][1] == 7


def test_scanned_pages_inside_a_text_plan_are_read_through_ocr_and_the_rest_from_the_text_layer(tmp_path):
    """Pages pasted in as images: a plan whose first two pages have text and whose last two are scans."""
    import pypdfium2
    mixed = pypdfium2.PdfDocument.new()
    for src, pages in ((ORIGINAL, [0, 1]), (SCAN, [2, 3])):
        pdf = pypdfium2.PdfDocument(str(src))
        mixed.import_pages(pdf, pages)
    path = tmp_path / "part-scanned.pdf"
    mixed.save(str(path))
    doc = extract_document(path, annotate=False, ocr_settings=ocr.OcrSettings(cache_dir=str(tmp_path / "cache")))
    assert doc.source.ocr_pages == [3, 4]
    gold = json.loads(ORIGINAL.with_suffix(".expected.json").read_text(encoding="utf-8"))
    res, misses = score(gold, doc.model_dump(mode="json"))
    assert min(res.values()) >= 0.95 and res["refs"] == res["recs_recall"] == 1.0, (res, misses)
    # A row is marked when any page it spans was OCR'd: the one running from page 2 onto page 3 too.
    assert [(r.pages, r.ocr) for r in doc.recommendations][:3] == [([2], False), ([2], False), ([2, 3], True)]
    assert all(r.ocr_confidence is None for r in doc.recommendations if not r.ocr)


def test_always_reads_a_text_plan_through_ocr_too(tmp_path):
    plain = extract_document(TEXT_PLAN, annotate=False)
    doc = extract_document(TEXT_PLAN, annotate=False,
                           ocr_settings=ocr.OcrSettings(mode="always", cache_dir=str(tmp_path)))
    assert not plain.source.ocr and doc.source.ocr and doc.source.ocr_pages == [1, 2]
    assert [r.ref for r in doc.recommendations] == [r.ref for r in plain.recommendations]
    assert all(r.ocr for r in doc.recommendations)


# -- the mending of OCR text, and the line finder, on inputs made here ----------------------------------

@pytest.mark.parametrize("read, printed", [
    ("S4O", "S40"), ("1,12", "1.12"), ("(1,46)", "(1.46)"), ("31/O3/2021", "31/03/2021"), ("1l.2", "11.2"),
    ("|Agreed", "Agreed"), ("on_", "on"), ("|.Agreed", "Agreed"), ("|", ""),
    ("1,120", "1,120"), ("CO2", "CO2"), ("SO", "SO"), ("Oliver", "Oliver"), ("I", "I"), ("Q2", "Q2"),
    ("$30", "S30"), ("$31.", "S31."), ("$3000", "$3000"),  # a ref's S read as a dollar sign; money left alone
    ("-\u2014", "\u2013"), ("\u2014\u2014", "\u2013"), ("-", "-"), ("self-harm", "self-harm"),  # one dash read as two
])
def test_repair_word(read, printed):
    assert ocr.repair_word(read) == printed


def _w(text, x0, x1, top=100.0):
    return {"text": text, "x0": x0, "x1": x1, "top": top, "bottom": top + 9}


def test_a_speck_ocr_read_as_strokes_and_dashes_is_shed_and_a_word_it_parted_is_joined():
    # gen-6733-016 scanned: '_—_—I' + 'mran' (the boxes touching) for 'Imran'; gen-6733-032: '_—' in the gutter
    # before '(Forward Trust)'; gen-6733-015: '—_' before the heading 'Deadline'
    words = [_w("_—_—I", 697.0, 711.8), _w("mran", 711.8, 738.9), _w("Patel", 744.5, 769.7),
             _w("-", 774.7, 779.0),  # a typed dash, no stroke in it: kept
             _w("_—", 572.8, 582.8, 120), _w("(Forward", 584.3, 629.4, 120),
             _w("—_", 475.6, 486.1, 140), _w("Deadline", 487.1, 530.7, 140),
             _w("|—Head", 400.0, 430.0, 160), _w("of", 433.0, 440.0, 160)]  # shed, but a space from the next
    page = {"page": 1, "words": words}
    ocr.repair([page], [1])
    assert [w["text"] for w in page["words"]] == ["Imran", "Patel", "-", "(Forward", "Deadline", "Head", "of"]
    imran = page["words"][0]
    assert imran["x1"] == 738.9 and 707 < imran["x0"] < 710  # the speck's share of the box shed
    kept = {"page": 1, "words": [_w("June", 100, 120), _w("–", 123, 128), _w("August", 131, 160)]}
    ocr.repair([kept], [1])
    assert [w["text"] for w in kept["words"]] == ["June", "–", "August"]


def test_bullets_misread_as_symbols_or_letters_become_bullets_where_a_bullet_stands():
    words = [_w("Agreed", 250, 280), _w("*", 320, 323), _w("review", 331, 360),  # a symbol before a word
             _w("e", 320, 324, 120), _w("introduce", 334, 370, 120),  # a letter set apart, opening its line
             _w("vitamin", 320, 350, 140), _w("e", 352.5, 356, 140), _w("levels", 362, 390, 140),  # a word
             _w("«", 400, 404, 160)]  # nothing after it: not a bullet
    page = {"page": 1, "words": words}
    ocr.repair([page], [1])
    assert [w["text"] for w in page["words"]] == ["Agreed", "•", "review", "•", "introduce", "vitamin", "e", "levels",
                                                  "«"]
    other = {"page": 2, "words": [_w("*", 320, 323), _w("x", 331, 340)]}
    ocr.repair([other], [1])  # a page read from its own text layer is left alone
    assert other["words"][0]["text"] == "*"


def test_a_bullet_read_as_a_letter_a_space_from_its_word_is_one_where_the_pages_bullets_stand():
    # gen-4157-024 scanned: 'e Adjudication', the 'e' 3.0 points from its word (a space), under bullets 'e' set
    # further apart at the same left edge; its item's lines hang right of it
    words = [_w("made:", 262, 292, 100), _w("e", 262.4, 267.4, 115), _w("Adjudication", 270.4, 331, 115),
             _w("will", 274.7, 290, 130), _w("be", 294, 306, 130),
             _w("e", 262.4, 267.3, 145), _w("The", 271.1, 288, 145), _w("number", 291.6, 329, 145),
             _w("referred", 275, 313, 160),
             _w("e", 262.4, 267.4, 190), _w("Refresher", 271.4, 317, 190),
             # a word 'e' at the same left, its paragraph's next line under it: no bullet
             _w("e", 262.4, 267.4, 220), _w("learning", 270.4, 310, 220), _w("modules", 262.4, 300, 235)]
    page = {"page": 1, "words": words}
    ocr.repair([page], [1])
    assert [w["text"] for w in page["words"] if w["x0"] < 268] == ["made:", "•", "•", "•", "e", "modules"]
    alone = {"page": 1, "words": [_w("e", 262.4, 267.4, 115), _w("Adjudication", 270.4, 331, 115)]}
    ocr.repair([alone], [1])  # no bullet on the page stands there: the letter is left as read
    assert alone["words"][0]["text"] == "e"


def test_ruling_lines_are_found_in_a_page_image():
    dpi, s = 150, ocr.OcrSettings()
    img = np.full((600, 800), 250, dtype=np.uint8)
    img[100:102, 50:750] = 0  # a rule 2 px thick
    img[301, 50:749] = 20  # a rule 1 px thick, a pixel askew half way along
    img[302, 400:750] = 20
    img[100:500, 50] = 0  # vertical rules
    img[100:500, 400:402] = 0
    img[400:440, 50:750] = 0  # a filled band: its two edges are lines
    img[200:215, 100:108] = 0  # a letter's stroke: too short to be a rule
    img[450:460, 300:310] = 200  # light shading: not dark enough
    k = 72 / dpi
    segs = [tuple(round(v / k) for v in seg) for seg in ocr.find_ruling_lines(img, dpi, s)]  # back to pixels
    assert segs == [(50, 101, 750, 101), (50, 302, 750, 302),  # the askew rule is one line
                    (50, 400, 750, 400), (50, 440, 750, 440),  # the band's top and bottom
                    (51, 100, 51, 500), (401, 100, 401, 500),  # the rules across it are not swallowed by it
                    (750, 400, 750, 440)]  # the band's right end (its left end lies on the rule at 51)


def test_the_cli_passes_ocr_and_cache_down_to_the_workers(tmp_path, cache, scanned):
    from cli_run import invoke
    db = str(tmp_path / "plans.db")
    args = ["extract", str(SCAN), "--db", db, "--workers", "1", "--no-annotate", "--cache", cache]
    never = invoke([*args, "--ocr", "never"])
    assert never.exit_code == 1 and "no text layer" in never.output and "--ocr auto" in never.output
    auto = invoke(args)  # the session's cache already holds the OCR'd copy
    assert auto.exit_code == 0, auto.output
    assert "1 file read through OCR" in auto.output
    log = sqlite3.connect(db).execute("SELECT status, reason, ocr FROM ingest_log ORDER BY id").fetchall()
    assert log == [("failed", "no text layer", None), ("loaded", None, 1)]


def test_an_article_run_into_the_next_word_is_split_off():
    seen = frozenset({"residential"})  # a word of the document the lemma table does not list
    got = [[w["text"] for w in ocr.unglue(_w(t, 10, 100), seen)] for t in
           ("Amonthly", "awritten", "Aresidential", "Anotice.", "Agreed", "Again", "America", "Avnotice")]
    assert got == [["A", "monthly"], ["a", "written"], ["A", "residential"], ["A", "notice."], ["Agreed"], ["Again"],
                   ["America"], ["Avnotice"]]
    a, rest = ocr.unglue(_w("Amonthly", 10, 50))
    assert a["x0"] == 10 and a["x1"] == rest["x0"] == 15 and rest["x1"] == 50


def test_two_characters_read_for_one_bullet_are_one_bullet():
    page = {"page": 1, "words": [_w("e¢", 320, 326), _w("A", 334, 338), _w("local", 340, 360), _w("ee", 400, 406),
                                 _w("x", 414, 420)]}
    ocr.repair([page], [1])
    assert [w["text"] for w in page["words"]] == ["•", "A", "local", "ee", "x"]


def test_ocr_boxes_become_a_text_layers_one_body_size_tall_from_the_baseline():
    s = ocr.OcrSettings()

    def ocr_word(text, x0, baseline, above, size=9.0):  # as OCRmyPDF's layer reads: sized to the glyphs above the
        # baseline, and as wide as the word's letters in its font's size
        return {"text": text, "x0": x0, "x1": x0 + ocr._ems(text) * size, "top": baseline - (1 - s.layer_descent) *
                above, "bottom": baseline + s.layer_descent * above}
    words = [ocr_word("Head", 400, 311.4, 6.48), ocr_word("of", 432, 311.4, 6.48),  # capitals, no descender
             ocr_word("Equalities", 400, 322.4, 7.56),  # a descender makes Tesseract's line taller
             ocr_word("Group", 400, 333.4, 6.48), ocr_word("HEADING", 100, 80.0, 13.0, 18.0)]  # twice the body's size
    page = {"page": 1, "words": words}
    ocr.repair([page], [1])
    body = round(6.48, 1) / s.ascender  # the document's commonest height, to a tenth of a point
    heights = [round(w["bottom"] - w["top"], 2) for w in page["words"]]
    assert heights == [round(body, 2)] * 4 + [round(13.0 / s.ascender, 2)]
    # each word still stands on its own baseline, so lines keep their steps (11 pt) and now a text layer's gap
    assert [round(w["bottom"] - s.descent * (w["bottom"] - w["top"]), 2) for w in page["words"]] == [
        311.4, 311.4, 322.4, 333.4, 80.0]
    assert round(page["words"][2]["top"] - page["words"][0]["bottom"], 2) == round(11 - body, 2)


def _refs(*cells, x=46.0):
    """Ref cells down a page (each: its words, the first at `x`) with recommendation text beside each, a
    column's gap to the right."""
    words = []
    for i, texts in enumerate(cells):
        top, at = 100.0 + 30 * i, x
        for t in texts.split():
            words.append({"text": t, "x0": at, "x1": at + 6 * len(t), "top": top, "bottom": top + 9})
            at += 6 * len(t) + 3
        words.append({"text": "Leaders", "x0": 200, "x1": 240, "top": top, "bottom": top + 9})
    return words


@pytest.mark.parametrize("read, printed", [
    (["S30", "$31", "$32", "S33"], ["S30", "S31", "S32", "S33"]),  # '$' for 'S', two between clean refs
    (["Rl", "R2", "R3", "R4", "RS", "R6"], ["R1", "R2", "R3", "R4", "R5", "R6"]),  # before the first clean ref; between
    (["1", "Z", "3", "4", "S"], ["1", "2", "3", "4", "5"]),  # ... and after the last
    (["Priority concern a", "Priority concern 2", "Key concern 3"],  # after a label: one or two characters
     ["Priority concern 1", "Priority concern 2", "Key concern 3"]),
    (["Recommendation 1.", "Recommendation 2", "Recommendation 3"], ["Recommendation 1", "Recommendation 2",
                                                                      "Recommendation 3"]),  # a stray point
    (["1", "Z", "Il", "3"], ["1", "Z", "Il", "3"]),  # two misread slots, one number between: left as read
    (["1", "(S40)", "3"], ["1", "(S40)", "3"]),  # a word that is no misread ref
    (["R1", "x2", "R3"], ["R1", "x2", "R3"]),  # a word that reads as no ref of their style
    (["R1", "S2", "R3"], ["R1", "S2", "R3"]),  # a clean ref of another style is left as read
    (["1.1", "1:2", "13", "1.4", "2.5"], ["1.1", "1.2", "1.3", "1.4", "2.5"]),  # a point misread or lost
    (["1.1ID", "5.01", "5.02"], ["1.1ID", "5.01", "5.02"]),  # a heading's '1. ID' before the first: no ref
    (["Lt", "1.2", "1.3"], ["1.1", "1.2", "1.3"]),  # 'L' and 't' for '1', the point lost
    (["Recommendation L", "Recommendation 2"], ["Recommendation 1", "Recommendation 2"]),
    (["Priority concern 1", "Key concern. 2", "Key concern— 3"],  # a speck read onto the label's end
     ["Priority concern 1", "Key concern 2", "Key concern 3"]),
    (["1", "2", ">", "4", "u", "6"], ["1", "2", "3", "4", "5", "6"]),  # ink read as no digit, one between two refs
    (["AL:", "2", "3"], ["1", "2", "3"]),  # ... before the first clean ref, where the refs count from 1
    (["u", "S31", "S32"], ["u", "S31", "S32"]),  # ... not where the first may be any number
    (["1", "2", "1", "Rec", "3"], ["1", "2", "1", "Rec", "3"]),  # ... nor after a clean ref out of order (a heading's)
    (["1", ">", "u", "3"], ["1", ">", "u", "3"]),  # two such slots, one number between: left as read
    (["11", "12", "13", "14", "2.5", "2.6"], ["1.1", "1.2", "1.3", "1.4", "2.5", "2.6"]),  # a section no clean ref
    (["11", "12", "2.1", "2.2"], ["1.1", "1.2", "2.1", "2.2"]),  # shows, every point lost; ... counted afresh
    (["1.1", "1.2", "23", "24", "3.5"], ["1.1", "1.2", "2.3", "2.4", "3.5"]),  # ... between two sections
    (["11", "13", "2.5", "2.6"], ["11", "13", "2.5", "2.6"]),  # ... numbers that do not count on by one: as read
    (["12", "13", "2.5", "2.6"], ["12", "13", "2.5", "2.6"]),  # ... nor from 1 where no ref comes before
    # a section's refs counted on across sections (gen-6733-033): ink read as no digit takes the numbers missing,
    # in the section where only one can hold them (before the first, from 1; between two of one section)
    (["ae", "ud", "1.3", "2.4", "xy", "2.6", "3.7"], ["1.1", "1.2", "1.3", "2.4", "2.5", "2.6", "3.7"]),
    (["1.1", "2.2", "BE", "3.4"], ["1.1", "2.2", "BE", "3.4"]),  # between two sections: 2.3 or 3.3, left as read
    (["ud", "1.3", "2.4"], ["ud", "1.3", "2.4"]),  # one slot, two numbers missing below the first: left as read
    (["1.1", "1.2", "ae", "2.1"], ["1.1", "1.2", "ae", "2.1"]),  # numbered afresh in each section: no count
    # after the last clean ref, ink read as no digit after a label (gen-4157-034: 'Recommendation' / 'Ast' for 11),
    # where the clean refs count on by one: the next number; not where they skip one, nor with no label
    (["Recommendation 1", "Recommendation 2", "Recommendation Ast"],
     ["Recommendation 1", "Recommendation 2", "Recommendation 3"]),
    (["Recommendation 1", "Recommendation 3", "Recommendation Ast"],
     ["Recommendation 1", "Recommendation 3", "Recommendation Ast"]),
    (["1", "2", "Ast"], ["1", "2", "Ast"]),
    # after the last clean ref, refs every one misread (gen-6733-025: 'R11' read 'Rl', 'R12' read 'RI'; gen-6733-022:
    # '11' read 'au', '12' read '2'): where the plan counts by one, they count on from it, a digit lost or no digit
    (["R8", "R9", "R10", "Rl", "RI"], ["R8", "R9", "R10", "R11", "R12"]),
    (["Recommendation 9", "Recommendation 10", "Recommendation au", "Recommendation 2"],
     ["Recommendation 9", "Recommendation 10", "Recommendation 11", "Recommendation 12"]),
    (["R8", "R9", "R10", "Rl", "Accepted"], ["R8", "R9", "R10", "R11", "Accepted"]),  # a summary's word ends them
    (["S12", "S15", "S21", "Sl"], ["S12", "S15", "S21", "Sl"]),  # a plan that skips numbers: no count to go on
    (["S9", "S10", "S11", "Sl"], ["S9", "S10", "S11", "S12"]),  # ... one that counts by one: 'Sl' lost a '1'
    (["R1", "R2", "R3", "Rl"], ["R1", "R2", "R3", "Rl"]),  # 'R1' lost no digit of 'R4': left as read
])
def test_refs_misread_by_ocr_are_put_right_where_the_refs_around_them_confirm_it(read, printed):
    page = {"page": 1, "words": _refs(*read)}
    ocr.sequence_refs([page], {1}, ocr.OcrSettings(), 9.0)
    refs = [" ".join(w["text"] for w in page["words"] if w["top"] == 100 + 30 * i and w["text"] != "Leaders")
            for i in range(len(read))]
    assert refs == printed


@pytest.mark.parametrize("gap, clean, printed", [
    (0.0, ["1.2", "1.3"], ["1.1"]),  # touching pieces before a first clean 1.2: one slot, ref 1.1
    (0.0, ["1.3", "1.4"], ["aEE"]),  # two numbers missing below 1.3: one word, a slot, every character kept
    (3.0, ["1.2", "1.3"], ["aE", "E"]),  # a space between: two words, as read
])
def test_a_refs_ink_ocr_split_in_touching_pieces_is_one_slot(gap, clean, printed):
    """gen-8117-029 (scanned): '1.1' under a header's 'Rec No' read as 'aE' and 'E', their boxes touching; neither
    was a slot (each has the other beside it, closer than a column's gap), and record 1.1 was lost."""
    words = [{"text": "aE", "x0": 46.0, "x1": 58.0, "top": 100.0, "bottom": 109.0},
             {"text": "E", "x0": 58.0 + gap, "x1": 64.0 + gap, "top": 100.0, "bottom": 109.0},
             {"text": "Leaders", "x0": 200.0, "x1": 240.0, "top": 100.0, "bottom": 109.0}]
    for i, ref in enumerate(clean, 1):
        top = 100.0 + 30 * i
        words += [{"text": ref, "x0": 46.0, "x1": 64.0, "top": top, "bottom": top + 9},
                  {"text": "Leaders", "x0": 200.0, "x1": 240.0, "top": top, "bottom": top + 9}]
    page = {"page": 1, "words": words}
    ocr.sequence_refs([page], {1}, ocr.OcrSettings(), 9.0)
    assert [w["text"] for w in page["words"] if w["top"] == 100.0 and w["x0"] < 100] == printed
    if gap == 0.0:
        assert [w["x1"] for w in page["words"] if w["top"] == 100.0 and w["x0"] < 100] == [64.0]


def test_a_refs_label_whose_box_reaches_into_the_numbers_line_is_still_the_label_above_it():
    """gen-4157-013 (scanned): 'Key' / 'concern' / '3' down a narrow ref cell, lines set tightly, so the label's em
    box reaches a point into the number's line (not on it: they share a ninth of their height). The number is still
    the label's: with it, the refs under 'concern' count 1, 3, 4 round the slot '2:' (a speck read as a colon),
    which takes the one number missing; without it, 1 and 4 left two numbers for one slot, and the row was lost."""
    words = []
    for i, number in enumerate(["1", "2:", "3", "4"]):
        top = 100.0 + 40 * i
        at = top + (19 if number == "3" else 22)
        words += [{"text": "Key", "x0": 46, "x1": 64, "top": top, "bottom": top + 9},
                  {"text": "concern", "x0": 46, "x1": 88, "top": top + 11, "bottom": top + 20},
                  {"text": number, "x0": 46, "x1": 46 + 6 * len(number), "top": at, "bottom": at + 9},
                  {"text": "Leaders", "x0": 200, "x1": 240, "top": at, "bottom": at + 9}]
    ocr.sequence_refs([{"page": 1, "words": words}], {1}, ocr.OcrSettings(), 9.0)
    assert [w["text"] for w in words if w["x0"] == 46 and w["text"] not in ("Key", "concern")] == ["1", "2", "3", "4"]


def _overleaf(under_label=None):
    """gen-6733-014 (scanned): 'Key' / 'concern —' ends page 6 of a plan, its number '7', read '1h', atop page 7
    under the repeated header ('1. Rec No'), and a footer ('OFFICIAL') under every page's table."""
    def w(text, x0, top):
        return {"text": text, "x0": x0, "x1": x0 + 6 * len(text), "top": top, "bottom": top + 9}
    text = {"text": "Leaders", "x0": 200, "x1": 240}
    head = [w("1.", 46, 60), w("Rec", 56, 60), w("No", 46, 72)]
    six = [*head, w("Key", 46, 100), w("concern", 46, 112), w("6", 46, 124), dict(text, top=100, bottom=109),
           w("Key", 46, 500), w("concern", 46, 512), w("—", 92, 512), dict(text, top=500, bottom=509),
           w("OFFICIAL", 46, 560)]
    if under_label:
        six.append(w(under_label, 46, 530))
    seven = [*head, w("1h", 46, 100), dict(text, top=100, bottom=109), w("Key", 46, 300), w("concern", 46, 312),
             w("8", 46, 324), dict(text, top=300, bottom=309), w("OFFICIAL", 46, 560)]
    return [{"page": 6, "words": six}, {"page": 7, "words": seven}]


def test_a_refs_label_at_a_pages_foot_gives_its_label_to_the_number_misread_atop_the_next():
    pages = _overleaf()
    ocr.sequence_refs(pages, {6, 7}, ocr.OcrSettings(), 9.0)
    assert [w["text"] for w in pages[1]["words"] if w["top"] == 100 and w["x0"] == 46] == ["7"]
    # the label's row goes on below it on its page ('Key concern' in a sentence, a row's next line): no label
    # ends the page, and what stands atop the next is left as read
    pages = _overleaf(under_label="action.")
    ocr.sequence_refs(pages, {6, 7}, ocr.OcrSettings(), 9.0)
    assert [w["text"] for w in pages[1]["words"] if w["top"] == 100 and w["x0"] == 46] == ["1h"]


def test_ink_read_as_no_digit_between_two_sections_counted_on_opens_its_record_but_a_glossarys_word_does_not():
    """gen-6733-033 (scanned, refs 1.3, 2.4 ... 3.8 counted on across sections): 'BE' for 3.7 between 2.6 and
    3.8 is marked a ref slot (its section unknown), so its row opens a record; a glossary's 'Term' above the plan,
    beside text far from where the refs' rows' text begins ('Definition'), is no slot of theirs."""
    words = _refs("Term", "ae", "ud", "1.3", "2.4", "BE", "3.6")
    term = next(w for w in words if w["text"] == "Term")
    for w in words:
        if w["top"] == term["top"] and w["text"] == "Leaders":
            w.update(text="Definition", x0=320, x1=370)
    ocr.sequence_refs([{"page": 1, "words": words}], {1}, ocr.OcrSettings(), 9.0)
    refs = [w for w in words if w["x0"] < 100]
    assert [w["text"] for w in refs] == ["Term", "1.1", "1.2", "1.3", "2.4", "BE", "3.6"]
    assert [w.get("ref_slot", False) for w in refs] == [False, False, False, False, False, True, False]


def test_a_misread_ref_outside_the_refs_column_is_left_as_read():
    words = _refs("1", "2", "4")
    words.append({"text": "Z", "x0": 300, "x1": 306, "top": 150, "bottom": 159})  # between 2 and 4, far right
    ocr.sequence_refs([{"page": 1, "words": words}], {1}, ocr.OcrSettings(), 9.0)
    assert words[-1]["text"] == "Z"


def test_debug_draws_a_scan_on_its_ocr_copy(tmp_path, cache, scanned):
    from actionplans.extract import debug
    from PIL import Image
    png, = debug.draw(SCAN, tmp_path, pages=[2], ocr_settings=ocr.OcrSettings(cache_dir=cache))
    assert png.name == f"{SCAN.stem}-p2.png"
    px = np.asarray(Image.open(png).convert("RGB")).reshape(-1, 3).astype(int)
    green = (abs(px - np.array(debug.GREEN)).sum(axis=1) < 60).sum()  # rows of records were found and boxed
    assert green > 500


@pytest.mark.parametrize("read, printed", [
    ("Concern1", ["Concern", "1"]),  # a ref's label run into its number
    ("Coordinator&", ["Coordinator", "&"]), ("r&", ["r", "&"]), ("&Governor", ["&", "Governor"]),
    ("A&E", ["A&E"]),  # an ampersand inside a word stays
    ("0ffice", ["office"]),  # a digit read for a letter, where the word read back is English
    ("R1", ["R1"]), ("S31", ["S31"]), ("Q1", ["Q1"]), ("l0", ["l0"]),  # refs and quarters are left alone
    ("FMManager", ["FM", "Manager"]), ("CPDTraining", ["CPD", "Training"]),  # an acronym run into a word (6733-015)
    ("HMPPS", ["HMPPS"]), ("ACCTs", ["ACCTs"]), ("CCTVQzx", ["CCTVQzx"]),  # an acronym alone, or before no word
    ("31March", ["31", "March"]), ("3rdSeptember", ["3rd", "September"]),  # a day run into its month
    ("31,March", ["31", "March"]),  # ... a speck read as a comma in the space (5190-038)
    ("Q42019/20", ["Q4", "2019/20"]),  # a quarter run into its financial year (5190-005)
    ("12Marks", ["12Marks"]), ("2Mayor", ["2Mayor"]),  # a number before no month
])
def test_words_run_together_or_misread_inside_are_made_the_words_printed(read, printed):
    got = ocr.split_glued(_w(read, 10, 10 + 6 * len(read)))
    assert [w["text"] for w in got] == printed
    assert got[0]["x0"] == 10 and got[-1]["x1"] == 10 + 6 * len(read)


@pytest.mark.parametrize("read, printed", [
    ([("N", 236.9, 250.6), ("OT", 250.6, 267.9), ("AGREED", 270.4, 321.6)], ["NOT", "AGREED"]),  # split, touching
    ([("A", 237.2, 249.7), ("GREED", 249.7, 292.8)], ["AGREED"]),
    ([("ACC!", 313.6, 327.2), ("EPTED", 328.0, 350.6)], ["ACCEPTED"]),  # a mark read at the break
    ([("ACC.", 313.5, 327.5), ("EPTED", 328.0, 350.7)], ["ACCEPTED"]),
    ([("NOT.", 100, 118), ("AGREED", 118.5, 150)], ["NOT.", "AGREED"]),  # two decision words stay two
    ([("NOTAGREED", 100, 160)], ["NOT", "AGREED"]),  # run together
    ([("A", 100, 105), ("review", 108, 140)], ["A", "review"]),  # an article before a word
    ([("Not", 100, 115), ("agreed.", 118, 150)], ["Not", "agreed."]),  # printed as two words
])
def test_decision_words_split_or_run_together_by_ocr_are_mended(read, printed):
    assert [w["text"] for w in ocr.mend_decisions([_w(t, x0, x1) for t, x0, x1 in read])] == printed


def test_a_numbered_headers_first_number_run_into_its_heading_is_split_off():
    line = [_w("1.1D", 45, 60), _w("2.", 117, 122), _w("Recommendation", 125, 187), _w("3.", 274, 280),
            _w("Agreed/", 282, 311)]
    assert [w["text"] for w in ocr.split_first_heading(line)] == ["1.", "1D", "2.", "Recommendation", "3.", "Agreed/"]
    body = [_w("1.12", 45, 60), _w("Leaders", 117, 150), _w("2.", 274, 280), _w("Staff", 282, 311)]  # a ref
    assert [w["text"] for w in ocr.split_first_heading(body)] == ["1.12", "Leaders", "2.", "Staff"]


# -- the second look: ink OCR returned no word for ---------------------------------------------------------

def test_ink_no_word_or_rule_covers_is_a_patch_but_specks_and_filled_areas_are_not():
    dpi, s = 150, ocr.OcrSettings()
    k = 72 / dpi
    dark = np.zeros((600, 800), dtype=bool)
    dark[100:115, 100:200] = True  # a word the layer read: covered by its box
    dark[100:102, 300:312] = dark[100:115, 310:312] = True  # a ref it did not read ('7') ...
    dark[100:115, 319:321] = True  # ... and the glyph beside it ('1'): one patch
    dark[300, 300] = dark[310, 500] = True  # dust
    dark[400:460, 100:300] = True  # a filled area: not letters
    dark[200:202, 50:750] = True  # a rule: covered by the rule found there
    known = [(100 * k, 100 * k, 200 * k, 115 * k)]
    segs = [(50 * k, 201 * k, 750 * k, 201 * k)]
    patches = ocr.unread_ink(dark, known, segs, s)
    assert len(patches) == 1
    x0, t, x1, b = (v / k for v in patches[0].box)  # back to pixels, to a cell (3 px)
    assert (x0, t, x1, b) == pytest.approx((300, 100, 321, 115), abs=3)


def test_the_rest_of_a_word_outside_a_box_set_too_high_is_not_a_patch():
    """A word's letters run 20 px below the box OCR gave it (set too high): that short patch of ink running on
    into the word's is the rest of its letters, not a word to read again. A word a line below, apart from it, is
    still a patch; and without the page's commonest word height both are."""
    dpi, s = 150, ocr.OcrSettings()
    k = 72 / dpi
    dark = np.zeros((400, 600), dtype=bool)
    for x in range(100, 160, 8):  # the word's letters: strokes from row 100 to 140
        dark[100:140, x:x + 3] = True
    dark[170:195, 100:103] = dark[170:172, 100:150] = True  # a word under it, never read
    known = [(100 * k, 96 * k, 163 * k, 112 * k)]  # its box ends at 112: with its margins, at about 120
    common = 30 * k  # the page's commonest word height: 30 px
    assert [round(p.box[1] / k) for p in ocr.unread_ink(dark, known, [], s, common)] == pytest.approx([168], abs=3)
    assert len(ocr.unread_ink(dark, known, [], s)) == 2


def test_a_glyph_the_ocr_layer_lacks_is_read_again_and_written_into_it(tmp_path):
    """A page image with a ref '7' and a word; the layer has the word only (as when Tesseract's layout passes a
    lone glyph by). finish_layer reads the '7' from the image and writes it where it stands."""
    import pypdfium2
    import pypdfium2.raw as pdfium_c
    s = ocr.OcrSettings()
    src = pypdfium2.PdfDocument.new()
    page = src.new_page(300, 200)
    for text, x, size in (("7", 40, 11), ("Agreed", 120, 11)):
        ocr.write_word(src, page, {"text": text, "x0": x, "top": 100 - size * 0.72, "x1": x + size * 0.56 * len(text),
                                   "bottom": 100}, 200, s)
    for obj in page.get_objects():  # the words made visible, and the page rendered as a scan
        pdfium_c.FPDFTextObj_SetTextRenderMode(obj.raw, pdfium_c.FPDF_TEXTRENDERMODE_FILL)
    page.gen_content()
    image = page.render(scale=200 / 72, grayscale=True).to_pil()
    image.convert("L").save(tmp_path / "scan.pdf", "PDF", resolution=200.0)
    scan = pypdfium2.PdfDocument(str(tmp_path / "scan.pdf"))  # ... with only 'Agreed' in its text layer
    page = scan[0]
    ocr.write_word(scan, page, {"text": "Agreed", "x0": 120, "top": 92.1, "x1": 157, "bottom": 100}, 200, s)
    page.gen_content()
    scan.save(str(tmp_path / "layer.pdf"))
    lines, looked, _dropped = ocr.finish_layer(tmp_path / "layer.pdf", [1], s)
    assert [w["text"] for w in looked["1"]] == ["7"]
    with pdfplumber.open(tmp_path / "layer.pdf") as pdf:
        words = pdf.pages[0].extract_words()
    assert sorted(w["text"] for w in words) == ["7", "Agreed"]
    seven = next(w for w in words if w["text"] == "7")
    assert 38 < seven["x0"] < 42 and 98 < seven["bottom"] - 0.207 * (seven["bottom"] - seven["top"]) < 102
    # without the second look, the layer keeps only what OCR read
    scan.save(str(tmp_path / "plain.pdf"))
    assert ocr.finish_layer(tmp_path / "plain.pdf", [1], ocr.OcrSettings(second_look=False))[1] == {}


def _scan_with_layer(tmp_path, drawn: list[tuple], layer: list[dict], body: float = 11):
    """A page drawn with `drawn` (text, x, baseline, and a size where not `body`) and rendered as a scan at 200
    dpi, whose text layer holds `layer` (word dicts) instead: what OCRmyPDF leaves when Tesseract misreads the
    page. Returns its path."""
    import pypdfium2
    import pypdfium2.raw as pdfium_c
    from pdfminer.fontmetrics import FONT_METRICS
    s = ocr.OcrSettings()
    src = pypdfium2.PdfDocument.new()
    page = src.new_page(400, 200)
    widths = FONT_METRICS["Helvetica"][1]
    for text, x, base, *big in drawn:
        size = big[0] if big else body
        x1 = x + sum(widths.get(c, 556) for c in text) * size / 1000
        ocr.write_word(src, page, {"text": text, "x0": x, "top": base - size * 0.72, "x1": x1, "bottom": base}, 200, s)
    for obj in page.get_objects():
        pdfium_c.FPDFTextObj_SetTextRenderMode(obj.raw, pdfium_c.FPDF_TEXTRENDERMODE_FILL)
    page.gen_content()
    image = page.render(scale=200 / 72, grayscale=True).to_pil()
    image.convert("L").save(tmp_path / "scan.pdf", "PDF", resolution=200.0)
    scan = pypdfium2.PdfDocument(str(tmp_path / "scan.pdf"))
    page = scan[0]
    for w in layer:
        ocr.write_word(scan, page, w, 200, s)
    page.gen_content()
    scan.save(str(tmp_path / "layer.pdf"))
    return tmp_path / "layer.pdf"


# Two lines of a cell (x 40) that Tesseract ran into one, beside words it read right in the next column (x 200)
CELL = [("promptly", 40, 60), ("and", 90, 60), ("thoroughly,", 40, 74), ("reviewed", 110, 74),
        ("Agreed", 200, 60), ("Governor", 200, 74), ("Safer", 40, 120), ("Custody", 200, 120),
        ("monthly", 40, 140), ("Head", 200, 140)]


def _read_right(exclude: set[str]) -> list[dict]:
    return [{"text": t, "x0": x, "top": b - 11 * 0.72, "x1": x + 6 * len(t), "bottom": b}
            for t, x, b in CELL if t not in exclude]


def test_lines_ocr_ran_together_are_read_again_and_replace_the_word_made_of_both(tmp_path):
    """The layer holds 'PCr', one word two lines tall, where the page reads 'promptly and' over 'thoroughly,
    reviewed'. The second look reads that line again, finds two lines of sure words over 'PCr', writes them in and
    names 'PCr''s box as dropped; reading the page with that box dropped gives the cell's words and not 'PCr'.
    The words read right in the next column stay as they were."""
    from actionplans.extract.reader import READERS
    layer = _read_right({"promptly", "and", "thoroughly,", "reviewed"})
    layer.append({"text": "PCr", "x0": 40, "top": 49.5, "x1": 150, "bottom": 75})
    path = _scan_with_layer(tmp_path, CELL, layer)
    _n, (page,) = read_pages(path)
    pcr, = [w for w in page["words"] if w["text"] == "PCr"]
    lines, looked, dropped = ocr.finish_layer(path, [1], ocr.OcrSettings())
    assert {"promptly", "and", "thoroughly,", "reviewed"} <= {w["text"] for w in looked["1"]}
    assert dropped["1"] == [pytest.approx([pcr[k] for k in ("x0", "top", "x1", "bottom")], abs=0.01)]
    for reader in READERS:
        _n, (page,) = read_pages(path, reader=reader, drop={1: dropped["1"]})
        texts = [w["text"] for w in page["words"]]
        assert "PCr" not in texts and {"promptly", "thoroughly,", "Agreed", "Governor"} <= set(texts), reader
        _n, (page,) = read_pages(path, reader=reader)  # nothing is taken out of the file: read whole, 'PCr' and
        assert "promptly" not in [w["text"] for w in page["words"]]  # the words over it run together


def test_a_tall_line_read_as_one_line_is_left_as_ocr_read_it(tmp_path):
    """A heading set larger than the body is one tall line too: read again it reads as one line, and its words,
    of which Tesseract was sure, stay."""
    drawn = [("Action", 40, 40, 20), ("Plan", 120, 40, 20)] + [c for c in CELL if c[0] not in ("promptly", "and")]
    layer = _read_right({"promptly", "and"}) + [{"text": "Action", "x0": 40, "top": 25.6, "x1": 103, "bottom": 40},
                                                 {"text": "Plan", "x0": 120, "top": 25.6, "x1": 161, "bottom": 40}]
    path = _scan_with_layer(tmp_path, drawn, layer)
    _lines, looked, dropped = ocr.finish_layer(path, [1], ocr.OcrSettings())
    assert dropped == {} and not {"Action", "Plan"} & {w["text"] for w in looked["1"]}


def test_a_layer_word_gets_the_confidence_of_the_word_tesseract_first_read_there():
    layer = [{"text": "Agreed", "x0": 100, "top": 50, "x1": 130, "bottom": 60},
             {"text": "Agreed", "x0": 200, "top": 50, "x1": 230, "bottom": 60},
             {"text": "wath", "x0": 100, "top": 70, "x1": 120, "bottom": 80}]
    # the image 2x the page's width: a word's pixels are twice its points
    read = [("Agreed", 96.0, (400, 100, 60, 20)), ("Agreed", 41.0, (200, 100, 60, 20)),
            ("wath", 30.0, (600, 600, 40, 20))]
    ocr.sure_of(layer, 800, read, 400.0)
    assert [w.get("confidence") for w in layer] == [0.41, 0.96, None]


def test_refs_the_ocr_layer_lacks_are_read_again_and_debug_shows_them(tmp_path, cache):
    """gen-6161-019's scan: Tesseract's page layout returns no word for refs 6, 7 and 8 of its unruled table. The
    second look reads them, the records open at them, and the debug picture boxes them as read again."""
    from actionplans.extract import debug
    from PIL import Image
    plan = CORPUS / "scanned" / "gen-6161-019-scan.pdf"
    s = ocr.OcrSettings(cache_dir=cache)
    doc = extract_document(plan, annotate=False, ocr_settings=s)
    assert [r.ref for r in doc.recommendations] == [str(i) for i in range(1, 10)]
    _n, _pages, read = read_through_ocr(plan, sha256_file(plan)[0], ocr_settings=s)
    assert {"6", "7", "8"} <= {w["text"] for w in read.looked[4]}
    png, = debug.draw(plan, tmp_path, pages=[4], ocr_settings=s)
    px = np.asarray(Image.open(png).convert("RGB")).reshape(-1, 3).astype(int)
    assert (abs(px - np.array(debug.TEAL)).sum(axis=1) < 60).sum() > 50


def test_a_banner_askew_on_a_scanned_page_is_dropped_whole_not_only_its_words_level_with_its_top():
    """gen-6733-002 (scanned): the banner atop every page ('Actions against target dates ... as restrictions are
    eased.') rises 6 pt across page 4, a page askew; it is furniture there as on the other pages, and every word
    of its line goes, not only those level with the line's top (its tail, 'as restrictions are' / 'eased.', was
    read into the last record's owner and date)."""
    from actionplans.extract.pipeline import recover
    banner = "Actions against target dates are likely to be delayed as restrictions are eased.".split()

    def page(n, rise):
        ws, at = [], 46.0
        for k, t in enumerate(banner):
            top = 18.0 + rise * k / len(banner)
            ws.append({"text": t, "x0": at, "x1": at + 6 * len(t), "top": top, "bottom": top + 11, "page": n})
            at += 6 * len(t) + 3
        for k, t in enumerate(["Prisoners", "should", "have", "work."]):
            ws.append({"text": t, "x0": 46.0 + 60 * k, "x1": 46.0 + 60 * k + 40, "top": 300, "bottom": 311,
                       "page": n})
        return {"page": n, "width": 842.0, "height": 595.0, "words": ws, "tables": [], "rules": [],
                "scanned": True}
    pages = [page(1, 0.5), page(2, 0.5), page(3, 6.0)]
    recover(pages)
    assert [w["text"] for w in pages[2]["words"] if w["top"] < 60] == []
    assert len([w for w in pages[2]["words"] if w["top"] == 300]) == 4


def test_a_headers_word_repeated_between_two_refs_leaves_the_one_slot_level_with_the_rows_text_the_number():
    """gen-4157-007 (scanned): '7' read 'a,' between clean refs 6 and 8, and the header repeated atop the next page
    ('Rec' / 'No', its cells centred) is ink read as no digit between them too: two such slots, one number missing.
    Only 'a,' stands beside text that begins where the clean refs' rows' does; it takes the number."""
    words = _refs("5", "6", "Rec", "a,", "8")
    rec = next(w for w in words if w["text"] == "Rec")
    for w in words:
        if w["top"] == rec["top"] and w["text"] == "Leaders":
            w.update(text="Recommendation", x0=215, x1=290)  # the header's next cell, centred
    ocr.sequence_refs([{"page": 1, "words": words}], {1}, ocr.OcrSettings(), 9.0)
    assert [w["text"] for w in words if w["x0"] < 100] == ["5", "6", "Rec", "7", "8"]
    assert not rec.get("ref_slot")


@pytest.mark.parametrize("read, slot", [
    (["R7", "R8", "RO"], "RO"),  # gen-4157-019: 'R9' read 'RO', out of order: the plan's style once 'O' is '0'
    (["Re", "2:", "1.3", "1.4", "2.5"], "Re"),  # gen-4157-003: ink read as no digit, level with the rows' text
])
def test_a_ref_left_unread_still_opens_its_record_where_it_reads_as_the_plans_style_or_stands_level(read, slot):
    words = _refs(*read)
    ocr.sequence_refs([{"page": 1, "words": words}], {1}, ocr.OcrSettings(), 9.0)
    w = next(w for w in words if w["text"] == slot)
    assert w.get("ref_slot") is True
    # beside text that begins elsewhere (a glossary's 'Term' / 'Definition'), ink read as no digit is no slot
    words = _refs(*read)
    w = next(w for w in words if w["text"] == slot)
    for o in words:
        if o["top"] == w["top"] and o["text"] == "Leaders":
            o.update(text="Definition", x0=320, x1=370)
    ocr.sequence_refs([{"page": 1, "words": words}], {1}, ocr.OcrSettings(), 9.0)
    assert w.get("ref_slot", False) is (slot == "RO")


@pytest.mark.parametrize("read, printed", [
    # gen-6733-014 (scanned): 'Key concern 3' read 'Key concern 8', a clean ref out of order that repeats a later
    # one; left out, the rest count in order, so it is read as a misread slot: the number before the next clean ref
    (["Key concern 8", "Key concern 4", "Key concern 5", "Key concern 8"],
     ["Key concern 3", "Key concern 4", "Key concern 5", "Key concern 8"]),
    (["1", "2", "8", "4", "5", "8"], ["1", "2", "3", "4", "5", "8"]),  # between two clean refs: the one missing
    (["1", "2", "8", "4", "5"], ["1", "2", "8", "4", "5"]),  # out of order but repeating none: left as read
    (["8", "4", "8", "5"], ["8", "4", "8", "5"]),  # either '8' left out leaves the rest out of order: left as read
])
def test_a_clean_ref_out_of_order_repeating_another_is_read_as_a_misread_slot(read, printed):
    page = {"page": 1, "words": _refs(*read)}
    ocr.sequence_refs([page], {1}, ocr.OcrSettings(), 9.0)
    refs = [" ".join(w["text"] for w in page["words"] if w["top"] == 100 + 30 * i and w["text"] != "Leaders")
            for i in range(len(read))]
    assert refs == printed


def _line(*words, top=50.0, bottom=60.0):
    """Layer words set on one line top..bottom (OCRmyPDF's: one box height for the line), each (text, x0, x1)."""
    return [{"text": t, "x0": x0, "top": top, "x1": x1, "bottom": bottom} for t, x0, x1 in words]


def test_a_column_piece_of_a_layer_line_off_its_own_ink_is_set_where_its_ink_is():
    """gen-5190-031 (scanned): Tesseract ran one line over 'January 2023' and 'Deputy', set half a line lower in
    the owner's column, and OCRmyPDF stood 'Deputy' on the date's baseline, a line and a half above 'Governor'.
    Tesseract's own box of each word (`OcrRead.ink`) says where its ink is, and the page's other lines how far
    below its ink's top a line's baseline stands: the owner's piece moves there, its words level with one another;
    the date's, standing where the line does, stays."""
    s = ocr.OcrSettings()
    # ten lines of the page, each 10 pt tall, its ink's top 0.2 pt below its box's top, its capitals 7.3 pt tall
    page = [_line(("Staff", 40, 80), top=100.0 + 15 * k, bottom=110.0 + 15 * k) for k in range(10)]
    page_ink = [["Staff", 40, 100.2 + 15 * k, 80, 107.5 + 15 * k] for k in range(10)]
    # the line 50..60: 'January 2023' stands where the line does, 'Head in' 5 pt lower ('in' has no tall letter:
    # it says nothing, and moves with its piece); a box far off ('Head' at 75) is another word's
    ink = [["January", 300, 50.2, 340, 59.9], ["2023", 345, 50.1, 370, 57.9],
           ["Head", 200, 55.2, 225, 62.9], ["in", 228, 57.0, 238, 62.9], ["Head", 200, 75.0, 225, 83.0]] + page_ink

    def moved(line, ink):
        ocr.own_baselines(line + [w for ln in page for w in ln], ink, 10.0, s)
        return [w for w in line if w.get("written")]
    words = _line(("Head", 200, 225), ("in", 228, 238), ("January", 300, 340), ("2023", 345, 370))
    head, in_, _january, _year = words
    assert moved(words, ink) == [head, in_]
    assert (head["top"], head["bottom"]) == (in_["top"], in_["bottom"]) == pytest.approx((55.0, 65.0))
    assert not any(w.get("written") for ln in page for w in ln)
    # a piece a shade off its line (a page left a little askew) stays
    words = _line(("Head", 200, 225), ("in", 228, 238), ("January", 300, 340), ("2023", 345, 370))
    assert moved(words, [["Head", 200, 52.0, 225, 59.9]] + ink[:2] + page_ink) == []
    # a box that took in more than its word (twice the line's height) says nothing
    words = _line(("Head", 200, 225), ("in", 228, 238), ("January", 300, 340), ("2023", 345, 370))
    assert moved(words, [["Head", 200, 55.2, 225, 80.0]] + ink[:2] + page_ink) == []
    # a line boxed as tall as two (15 pt, its baseline 3 pt low) is set on its ink's
    words = _line(("Reoffending", 200, 260), top=50.0, bottom=65.0)
    assert moved(words, [["Reoffending", 200, 50.2, 260, 62.9]] + page_ink) == words
    assert words[0]["bottom"] - 0.207 * 15 == pytest.approx(60.0 - 2.07, abs=0.01)
    # a heading, its capitals twice as tall, stands its baseline further below its ink's top: it is left as set
    words = _line(("Actions", 200, 280), top=50.0, bottom=65.0)
    assert moved(words, [["Actions", 200, 45.0, 280, 59.6]] + page_ink) == []
    # too few lines of the page's height to measure by: nothing moves
    words = _line(("Head", 200, 225), ("in", 228, 238), ("January", 300, 340), ("2023", 345, 370))
    ocr.own_baselines(words, ink[:5], 10.0, s)
    assert not any(w.get("written") for w in words)


def test_tesseracts_first_reading_is_kept_in_points_of_the_page_it_read(tmp_path):
    import pypdfium2
    pdf = pypdfium2.PdfDocument.new()
    pdf.new_page(400, 600)
    pdf.save(str(tmp_path / "one.pdf"))
    pdf.close()
    # the image 2x the page's width: a word's pixels are twice its points; a page the PDF lacks is left out
    first = {1: (800, [("Agreed", 96.0, (400, 100, 60, 20))]), 2: (800, [("wath", 30.0, (0, 0, 4, 4))])}
    assert ocr.first_boxes(tmp_path / "one.pdf", first) == {"1": [["Agreed", 200.0, 50.0, 230.0, 60.0]]}


def test_a_ref_standing_alone_in_its_piece_stays_where_ocr_set_it():
    """gen-7741-025 (scanned): ref '1.3', read '13' and centred in a merged cell, stands 4.6 pt below the layer line
    it was set on. Set on its own ink it fell between the lines of its row, and the record opened mid-row, two
    records lost. The ref mechanisms (`sequence_refs`, the ref slots) read a ref against the line OCR set it on: a
    piece that is a ref alone stays there."""
    s = ocr.OcrSettings()
    page = [_line(("Staff", 40, 80), top=100.0 + 15 * k, bottom=110.0 + 15 * k) for k in range(10)]
    page_ink = [["Staff", 40, 100.2 + 15 * k, 80, 107.5 + 15 * k] for k in range(10)]
    words = _line(("13", 46, 56), ("PARTIALLY", 275, 327), top=50.0, bottom=60.0)
    ocr.own_baselines(words + [w for ln in page for w in ln],
                      [["13", 46, 55.0, 56, 62.5], ["PARTIALLY", 275, 50.2, 327, 57.5]] + page_ink, 10.0, s)
    assert not any(w.get("written") for w in words)
    words = _line(("Head", 46, 70), ("PARTIALLY", 275, 327), top=50.0, bottom=60.0)  # a word of letters moves
    ocr.own_baselines(words + [w for ln in page for w in ln],
                      [["Head", 46, 55.0, 70, 62.5], ["PARTIALLY", 275, 50.2, 327, 57.5]] + page_ink, 10.0, s)
    assert words[0].get("written") and not words[1].get("written")
