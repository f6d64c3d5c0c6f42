"""The PDFium reader gives the records pdfplumber's own reading gives, on every corpus PDF.

extract/reader.py reads characters, lines and rectangles with PDFium and hands them to pdfplumber's table
finder and word grouping; `--reader pdfplumber` reads with pdfplumber itself. Every text field of every record
must be identical and every box within 1 pt; the page dicts too (same words, tables and rules).
"""

from __future__ import annotations

import random
from pathlib import Path

import pytest
from actionplans.extract import errors, ocr, reader
from pdfplumber.utils.text import WordExtractor

REPO = Path(__file__).resolve().parents[1]
CORPUS = sorted((REPO / "corpus").glob("*.pdf")) + sorted((REPO / "corpus" / "generated").glob("*.pdf"))
SCANNED = sorted((REPO / "corpus" / "scanned").glob("*.pdf"))


def test_differences_are_found_in_text_and_in_boxes_moved_more_than_a_point():
    rec = {"text": "Agreed", "bbox": [10.0, 20.0, 30.0, 40.0], "actions": [{"owners": ["Governor"]}]}
    assert reader.record_differences(rec, {**rec, "bbox": [10.9, 20.0, 30.0, 39.1]}) == []
    assert reader.record_differences(rec, {**rec, "bbox": [11.2, 20.0, 30.0, 40.0]}) == [
        ".bbox: [10.0, 20.0, 30.0, 40.0] != [11.2, 20.0, 30.0, 40.0]"]
    assert reader.record_differences(rec, {**rec, "actions": [{"owners": ["Governors"]}]}) == [
        ".actions[0].owners[0]: 'Governor' != 'Governors'"]


@pytest.mark.parametrize("pdf", CORPUS, ids=lambda p: p.stem)
def test_the_same_records_from_either_reader(pdf):
    got = reader.reader_outcomes(pdf)
    assert reader.record_differences(got["pdfplumber"], got["pdfium"]) == []


@pytest.mark.skipif(bool(ocr.tools_missing()), reason="OCR not installed")
@pytest.mark.parametrize("pdf", SCANNED, ids=lambda p: p.stem)
def test_the_same_records_from_either_reader_of_an_ocrd_scan(pdf):
    settings = ocr.OcrSettings(cache_dir=str(REPO / "db" / "cache"))
    got = reader.reader_outcomes(pdf, ocr_settings=settings)
    assert reader.record_differences(got["pdfplumber"], got["pdfium"]) == []


# --------------------------------------------------------------------------------------------------
# Word grouping: pdfplumber's rules, on the chars PDFium gives.

def plumber_words(chars: dict) -> list[dict]:
    ex = WordExtractor(x_tolerance=3, y_tolerance=3, keep_blank_chars=False, use_text_flow=False)
    return [{k: w[k] for k in reader.WORD_KEYS} for w, _ in ex.iter_extract_tuples(reader.char_dicts(chars))]


@pytest.mark.parametrize("pdf", CORPUS[:8], ids=lambda p: p.stem)
def test_words_are_grouped_as_pdfplumbers_word_extractor_groups_the_same_chars(pdf):
    for number in (1, 2):
        chars = reader.page_chars(pdf, number)
        assert chars["text"] and all(chars["upright"])
        assert reader.words_of(chars) == plumber_words(chars)


def test_words_are_grouped_as_pdfplumber_groups_them_on_made_up_chars():
    """Ties in x, lines whose tops chain within the tolerance, gaps exactly at it, blanks, overlaps, ligatures."""
    rng = random.Random(15)
    for _ in range(300):
        chars: dict = {k: [] for k in ("text", "x0", "x1", "top", "bottom", "upright", "size", "fontname")}
        for _ in range(rng.randint(1, 60)):
            x0 = rng.randint(0, 80) * 0.5
            top = rng.choice([10, 11.5, 13, 14.5, 16, 30, 33, 36.5, 50]) + rng.choice([0, 0, 0.25])
            chars["text"].append(rng.choice("ab cdﬁ-.\xa0"))
            chars["x0"].append(x0)
            chars["x1"].append(x0 + rng.choice([0, 0.5, 1, 2.5, 3]))
            chars["top"].append(top)
            chars["bottom"].append(top + 10)
            chars["upright"].append(True)
            chars["size"].append(10.0)
            chars["fontname"].append("F")
        assert reader.words_of(chars) == plumber_words(chars)


# --------------------------------------------------------------------------------------------------
# What the corpus does not show: a page turned a quarter, text scaled by its matrix, a standard font (its
# descent from its metrics), a kern that leaves a gap of exactly the tolerance, a line drawn in a form XObject.

def write_pdf(path: Path, content: bytes, page_extra: bytes = b"") -> Path:
    form = b"q 0.5 w 10 10 m 200 10 l S 10 40 180 1 re f Q"
    objs = [b"<< /Type /Catalog /Pages 2 0 R >>",
            b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
            b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] " + page_extra +
            b" /Resources << /Font << /F1 5 0 R /F2 6 0 R >> /XObject << /X1 7 0 R >> >> /Contents 4 0 R >>",
            b"<< /Length %d >>\nstream\n" % len(content) + content + b"\nendstream",
            b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
            b"<< /Type /Font /Subtype /Type1 /BaseFont /Times-Roman >>",
            b"<< /Type /XObject /Subtype /Form /BBox [0 0 300 100] /Length %d >>\nstream\n" % len(form) + form +
            b"\nendstream"]
    out, offsets = b"%PDF-1.4\n", []
    for i, o in enumerate(objs, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % i + o + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objs) + 1) + b"".join(b"%010d 00000 n \n" % o for o in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objs) + 1, xref)
    path.write_bytes(out)
    return path


CONTENT = (b"BT /F1 1 Tf 10 0 0 10 72 700 Tm (Hello World) Tj ET\n"
           b"BT /F1 12 Tf 72 650 Td (Plain twelve) Tj ET\n"
           b"BT /F1 10 Tf 72 600 Td 5 Ts (Risen) Tj ET\n"
           b"BT /F1 10 Tf 72 560 Td [(Wor) -300 (ds) -2000 (far)] TJ ET\n"
           b"BT /F2 11 Tf 72 150 Td (Times text) Tj ET\n"
           b"0.5 w 72 540 m 400 540 l S 72 400 200 100 re S 72 380 300 2 re f 100 300 m 150 350 l 200 300 l h S\n"
           b"72 420 m 272 420 l S 172 400 m 172 500 l S\n"
           b"q 1 0 0 1 50 -20 cm 72 200 m 300 200 l S Q\n"
           b"q 1 0 0 1 100 250 cm /X1 Do Q\n")


@pytest.mark.parametrize("extra", [b"", b"/Rotate 90", b"/Rotate 180"], ids=["upright", "rotate-90", "rotate-180"])
def test_a_handmade_page_reads_the_same_from_either_reader(tmp_path, extra):
    pdf = write_pdf(tmp_path / "page.pdf", CONTENT, extra)
    (_, [fast]), (_, [ref]) = reader.read_pages(pdf, reader="pdfium"), reader.read_pages(pdf, reader="pdfplumber")
    assert [w["text"] for w in fast["words"]] == [w["text"] for w in ref["words"]]
    # the kern of exactly 3 pt does not split a word (pdfplumber reads text turned upside down backwards)
    assert {"Words", "sdroW"} & {w["text"] for w in fast["words"]}
    for a, b in zip(fast["words"], ref["words"]):  # PDFium's widths of a standard font differ by hundredths
        assert all(abs(a[k] - b[k]) < 0.05 for k in ("x0", "x1", "top", "bottom")), (a, b)
    assert (fast["width"], fast["height"]) == (ref["width"], ref["height"])
    assert fast["rules"] == ref["rules"] and len(fast["rules"]) >= 6  # the form's rule and rectangle included
    assert len(fast["tables"]) == len(ref["tables"]) == 1
    for (box_a, rows_a), (box_b, rows_b) in zip(fast["tables"], ref["tables"]):
        assert box_a == pytest.approx(box_b, abs=0.01)
        assert [[c and pytest.approx(c, abs=0.01) for c in row] for row in rows_b] == rows_a


@pytest.mark.parametrize("name, error", [("truncated.pdf", errors.DamagedPDF),
                                         ("password-protected.pdf", errors.EncryptedPDF),
                                         ("not-a-pdf.pdf", errors.NotAPDF)])
@pytest.mark.parametrize("which", reader.READERS)
def test_either_reader_says_why_a_bad_file_cannot_be_read(name, error, which):
    with pytest.raises(error) as got:
        reader.read_pages(REPO / "tests" / "data" / "bad" / name, reader=which)
    assert got.value.path.endswith(name)


def test_a_dropped_words_characters_are_left_out_though_ocr_laid_its_line_askew():
    """gen-6733-037 scanned: a run-together line's words ('Support Officer', box 288.8-306.0) give way to the
    second look's; on that askew line PDFium's upright boxes of the turned characters stand 2.6 points above the
    box written for the word, yet they are the word's. The line below, whose characters only reach into the box
    ('promptly' under 'investigated', gen-6733-039), and the words written over it, each a line of it, stay."""
    import numpy as np
    box = [449.9, 288.81, 494.31, 306.04]
    chars = [(449.9, 286.49, 458.5, 306.33),  # the turned 'S' of the dropped word
             (458.3, 286.44, 465.5, 306.27),
             (450.2, 295.3, 458.0, 303.8),  # the second look's 'S', written over the box: one line of it
             (455.0, 298.6, 461.0, 310.4),  # a character of the line below, reaching into the box
             (500.0, 288.9, 506.0, 306.0)]  # beside it
    x0, top, x1, bottom = (np.array(c, dtype=float) for c in zip(*chars))
    assert reader.dropped([box], x0, top, x1, bottom).tolist() == [True, True, False, False, False]


def test_a_blank_goes_with_the_word_it_follows_when_words_around_it_are_dropped():
    """gen-3709-016 scanned: the layer's space after a kept word ('End', 'Jo') reaches a point into the box of the
    dropped word after it, its middle within the box's slack; left out, the kept word and the word written anew
    ('of', 'Khan') ran together ('Endof', 'JoKhan'). gen-6733-034/037 scanned: the space after a dropped word
    ('oe' read again as '2015'), kept, stood inside the wider word written anew and cut it ('201' '5').
    A blank goes with the word it follows: kept after a kept word, left out after a dropped one (the word written
    anew brings its own space)."""
    import numpy as np
    boxes = [[516.96, 239.61, 525.11, 249.33],  # the layer's 'of', read again
             [705.6, 150.37, 773.17, 165.49]]  # the layer's 'oe', read again as '2015'
    chars = [("E", 500.76, 505.9, 239.61, 249.33), ("n", 505.9, 511.0, 239.61, 249.33),
             ("d", 511.0, 515.76, 239.61, 249.33),
             (" ", 515.76, 518.10, 239.61, 249.33),  # after 'End', kept: middle 516.93, in the box's slack
             ("o", 516.96, 521.5, 239.61, 249.33), ("f", 521.5, 525.11, 239.61, 249.33),  # the layer's 'of'
             (" ", 525.11, 527.2, 239.61, 249.33),  # after the layer's 'of': goes with it
             ("o", 517.2, 521.4, 239.0, 245.7), ("f", 521.4, 524.9, 239.0, 245.7),  # 'of' written anew
             (" ", 524.9, 526.6, 239.0, 245.7),
             ("o", 705.6, 740.0, 150.37, 165.49), ("e", 740.0, 773.17, 150.37, 165.49),  # the layer's 'oe'
             (" ", 773.17, 790.06, 150.37, 165.49),  # after it, reaching past '2015': goes with it
             ("2", 763.7, 768.4, 149.1, 157.8), ("0", 768.4, 773.0, 149.1, 157.8),  # '2015' written anew
             ("1", 773.0, 777.7, 149.1, 157.8), ("5", 777.7, 782.4, 149.1, 157.8),
             (" ", 782.4, 784.0, 149.1, 157.8)]
    text, x0, x1, top, bottom = zip(*chars)
    x0, x1, top, bottom = (np.array(v, dtype=float) for v in (x0, x1, top, bottom))
    blank = np.array([t.isspace() for t in text])
    out = reader.dropped(boxes, x0, top, x1, bottom, blank)
    assert out.tolist() == [False] * 4 + [True] * 3 + [False] * 3 + [True] * 3 + [False] * 5
    keep = np.flatnonzero(~out)
    kept = reader._as_chars([text[i] for i in keep], x0[keep], x1[keep], top[keep], bottom[keep],
                            np.ones(len(keep), dtype=bool), np.full(len(keep), 10.0), ["GlyphLessFont"] * len(keep))
    assert [w["text"] for w in reader.words_of(kept)] == ["2015", "End", "of"]


def test_a_copy_of_two_readings_woven_together_gives_way_to_the_whole_reading_or_keeps_a_piece_out():
    """gen-6029-004 scanned, page 8: OCR's layer read 'Custodial' twice at one place, alone on its line and as
    'ustedia)' inside two lines it ran together; the word pdfplumber grouped there at OCR time wove the two
    ('Cuusstteoddiiaa)l'), and the second look wrote that copy one line tall over the run-together box. The run-
    together reading is dropped (two lines tall), the lone one kept: with the copy beside it the owner read
    'CCuuusssttteoodddiiiaaa)ll'. The copy goes where the lone reading reaches across the place ('Custodial');
    where the lone reading is a piece within the other (':' within 'practi'), it goes and the copy stays."""
    import numpy as np

    def line(text, x0, x1, top, bottom):
        step = (x1 - x0) / len(text)
        return [(t, x0 + i * step, x0 + (i + 1) * step, top, bottom) for i, t in enumerate(text)] + [
            (" ", x1, x1 + 2.0, top, bottom)]
    box = [585.72, 194.75, 626.11, 211.28]  # the woven word's box, dropped
    chars = (line("Custodial", 585.72, 626.11, 194.75, 203.39)  # the lone line's reading, one line tall
             + line("ustedia)", 592.2, 625.95, 195.8, 211.28))  # the run-together line's, two lines tall
    woven = "".join(t for t, *_ in sorted((c for c in chars if c[0] != " "), key=lambda c: c[1]))
    assert woven != "Custodial" and sorted(woven) == sorted("Custodialustedia)")  # letter by letter, across
    chars += line(woven, 585.84, 626.64, 194.23, 200.36)  # the second look's copy
    text, x0, x1, top, bottom = zip(*chars)
    x0, x1, top, bottom = (np.array(v, dtype=float) for v in (x0, x1, top, bottom))
    blank = np.array([t.isspace() for t in text])
    out = reader.dropped([box], x0, top, x1, bottom, blank, list(text))
    kept = "".join(t for t, o in zip(text, out) if not o and t != " ")
    assert kept == "Custodial"
    assert reader.dropped([box], x0, top, x1, bottom, blank).sum() == 9  # without the text: the copy stays

    box = [502.92, 194.75, 528.56, 211.28]
    chars = line(":", 512.0, 514.0, 194.75, 203.39) + line("practi", 502.92, 528.56, 195.8, 211.28)
    woven = "".join(t for t, *_ in sorted((c for c in chars if c[0] != " "), key=lambda c: c[1]))
    chars += line(woven, 503.04, 537.84, 199.92, 209.52)
    text, x0, x1, top, bottom = zip(*chars)
    x0, x1, top, bottom = (np.array(v, dtype=float) for v in (x0, x1, top, bottom))
    out = reader.dropped([box], x0, top, x1, bottom, np.array([t.isspace() for t in text]), list(text))
    assert "".join(t for t, o in zip(text, out) if not o and t != " ") == woven

    # gen-5527-017 scanned: 'June' (dropped) and 'june' (kept), the box cutting the kept word after 'ju'; whole,
    # it is the wider reading, and the copy 'Junjeu' goes
    box = [711.36, 476.73, 721.79, 489.33]
    chars = line("June", 711.36, 717.66, 476.73, 489.33) + line("june", 714.6, 732.07, 479.58, 488.58)
    inside = [c for c in chars if c[0] != " " and box[0] <= (c[1] + c[2]) / 2 <= box[2]]
    woven = "".join(t for t, *_ in sorted(inside, key=lambda c: c[1]))
    chars += line(woven, 711.36, 721.68, 481.08, 486.28)
    text, x0, x1, top, bottom = zip(*chars)
    x0, x1, top, bottom = (np.array(v, dtype=float) for v in (x0, x1, top, bottom))
    out = reader.dropped([box], x0, top, x1, bottom, np.array([t.isspace() for t in text]), list(text))
    assert "".join(t for t, o in zip(text, out) if not o and t != " ") == "june"
