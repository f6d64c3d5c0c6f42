"""Seeded generator of action-plan layouts, each with exact expected records, for the layout benchmark.

    python corpus/generate.py --n 200 --seed 4242 --out benchmarks/out/   # N random plans
    python corpus/generate.py --sample                                  # rewrite corpus/generated/

In: a seed. Each plan i of seed S draws one value of every layout dimension in `DIMENSIONS` (template
family, orientation, font, size, column widths and order, header wording, rules, shading, one table row
per recommendation or per action with merged cells, section rows, refs, decision wording and case,
bullets, owners and how they are joined, where owners and dates sit beside their paragraph, date forms,
length, page furniture, words broken by a narrow column, paragraph and line spacing in the table's cells, how
the cells align their text, a header of one row or two, one table or a table per section)
from `random.Random(f"{S}:{i}")`, then writes content from `textgen`'s phrase banks.
Out, per plan `gen-S-iii`: the PDF (python-docx, then LibreOffice, as `build.py` renders its cases),
`gen-S-iii.expected.json` in the gold format (from the generator's own records through
`build.expected`, due dates by `build.due_date`; never from the extractor) and `gen-S-iii.drawn.json`
(the values drawn, and what the render measured: pages, rows broken across pages, wrapped entries,
broken words).

Placement is the generator's promise, kept by measuring: owner and date cells (and the response cell)
are padded with blank lines so every entry's first line sits where it was drawn relative to its
paragraph: level with its first line, one or two lines lower (and still above the next paragraph), or
stacked at the top of the cell in order. Where the table's paragraphs have space after them (Word's Normal
style), a blank paragraph moves a line and that space, so an entry can only land on a lattice of places: it is
padded as a typist would, with the fewest blank paragraphs that put it at its place or below it (at most a
quarter line above). The cover page and the summary table keep their own spacing. The PDF is measured with
pdfplumber (line counts of every paragraph and entry; where an entry starts, counted in lines from the nearest
response line on the same page), re-padded and rendered again until every entry is where it was drawn.
A layout whose render cannot be measured is drawn again with other content (same drawn values); one that
still fails is not written (its drawn values say why). Where a row with space after its paragraphs breaks
across a page, each cell breaks at a line of its own (it fills the page's foot to its own paragraph), so the
columns no longer keep step on the next page: a column's entries there all sit off by one amount, measured
from its first entry on that page; the rest are checked against that amount and against the typist's rules
(each entry at most a blank paragraph below its place, each paragraph below the entries above it) and,
where they fail, padded again from the measured break with the response cell kept as it is.

Seeds used while developing (the acceptance run must use a seed not listed here):
1, 2, 3, 5, 7 (the committed sample's candidates), 11, 1001 (first benchmark run), 2024, 2025, 3131, 6061, 7070,
9191, 4321, 8080, 8181, 8282, 8383, 8484, 8585, 8686, 8787, 8888, 8989, 9090, 9292, 9393, 9494, 9595, 9696, 9797, 9898,
4646, 1357 (later runs), 3141 (stop 18: a check that found gen-3141-000), 101, 202, 303 (drawn only, to look for
crashes), 1111 (stop 20: paragraph spacing, first by hand, then as the `spacing` dimension), 1212, 1313 and 1414
(stop 22: the `cell_align` dimension's first draws).
Acceptance runs (each used once, then listed here): 8675, 4711, 5309, 8128, 2718, 6174 (its lost plans then
studied), 7373, 5821 (its worst plan then studied), 6464 (its lost record then studied), 7919 (its lost plan then
studied), 5150 (stop 14's closing run, its lost record then studied), 6543 (stop 15's closing run, its worst plans
then studied), 5757 (stop 16, mid-stop: every record metric met; its two worst alignments then studied), 3838
(stop 16, mid-stop: its one record-level miss then studied), 2626 (stop 16's closing run, its two worst plans then
studied), 7531 (stop 17: every metric met), 8642 (stop 17, a second check: every metric met), 6283 (stop 19:
every record metric met; its one worst alignment then studied), 4177 (stop 19: every metric met), 9431
(stop 19: alignment under its line at bullets=none; its two worst-read plans then studied), 5903 (stop 19's
closing run: alignment under its line, every plan short of it of the two known classes), 7603 (stop 19, a
second closing run: alignment under its line at placement=stacked), 2468 (stop 20: the spacing dimension's
first acceptance run, under its lines at spacing=word; its worst plan then studied), 3579 (stop 20's closing
run: two plans described, not fixed), 4812 (stop 21: the first run with page breaks in spaced rows measured;
alignment under its line at spacing=word; its ten worst plans then studied), 6917 (stop 21's closing run: every
record metric met; its worst plan then checked), 5461 (stop 22: the cell_align dimension's first acceptance run,
under its lines at cell_align=middle; its worst plans then studied), 3797 (stop 22's closing run), 6161 (stop 22,
a last check after the closing run: its worst plan then studied; stop 23: its first 40 plans, scanned, the
development set of the OCR mechanisms), 2741 (stop 23: the first acceptance run of scanned plans, 40 plans;
its worse plans then studied), 4093 (stop 23's closing run of scanned plans, 40 plans; two of its six worse
plans then looked at, not fixed; stop 24: scored again, two plans it made worse then mended), 3343 (stop 24:
the held-out run of scanned plans, 40 plans; its worse plans then looked at, not fixed; stop 25: the piece of a
word its worst plan misread mended, the draw not scored again), 5279 (stop 25: the held-out run of scanned plans
for run-together lines, 40 plans; its one worse plan then studied and mended), 6733 (stop 25's closing run of
scanned plans, 40 plans; its worst plan then looked at, not fixed; stop 27: the development set of the scanned
mechanisms), 7717 (stop 26: a fresh draw of text layers; its
seven worse plans studied and mended), 8311 (stop 26: the second draw; its two lost plans and worse plans studied
and mended), 9241 (stop 26's closing run of text layers; stop 27: its two worst plans studied and mended). Stop 26
also scored 2626, 3797, 4812, 5461 and 6917 again (rendered anew by the generator of the day) and studied their
worst plans. 5113, 6271 and 3067 (stop 27: fresh draws of text layers; their worse plans studied and mended),
8923 (stop 27's closing run of text layers; stop 28: its worst plan studied and mended), 4157 (stop 27's closing
run of scanned plans, 40 plans; its one lost plan then studied and mended; stop 28: a development set of the
scanned mechanisms with 6733). 2843 and 6151 (stop 28: fresh draws of text layers; their worse plans studied and
mended), 1597 (stop 28: a held-out run of text layers, scored once with each code, then studied), 3709 (stop 28:
the held-out run of scanned plans, 40 plans; only the two plans a change made worse looked at), 9479 (stop 28's
closing run of text layers; not studied; stop 29: its worse plans studied and mended). 7263 (stop 29: a fresh draw
of text layers; its worse plans studied and mended), 3851 (stop 29's held-out run of text layers, scored with the
stop's start and end code; stop 30: its short plans studied), 5527 (stop 29's held-out run of scanned plans, 40
plans, scored with the stop's start and end code; then its four worst plans studied), 6029 (stop 29's last held-out
run of scanned plans, 20 plans; stop 30: studied), 4409 (stop 30's held-out run of text layers, scored with the
stop's start and end code; stop 31: its short plans studied), 8117 (stop 30's held-out run of scanned plans, 40
plans, scored with the stop's start and end code; then its worst plans studied; stop 31: studied), 5190 (stop 31's
held-out run of scanned plans, 40 drawn, 36 verified, scored with the stop's start code and after each merge; two
plans a change made worse looked at, the rest not studied; then studied, and at stop 32 a development set of the
scanned mechanisms), 7741 (stop 32's held-out run of scanned plans, 40 drawn, 38 verified, scored with the stop's
start and end code), 6389 (stop 32's held-out run of text layers, 200 drawn, 196 verified, scored with the stop's
start and end code; stop 33: its plans edited into the layouts the five new dimensions draw, before they existed,
and studied), 3851 and 4409 (stop 33: likewise edited, and studied), 7263 and 9479 (stop 33: likewise edited, held
out: scored with the stop's start and end code only), 2917 (stop 33's held-out run of text layers, the first with
head_rows, section_place, action_numbers, tables and banding: 120 drawn, 114 verified, scored with the stop's start
and end code).
"""

from __future__ import annotations

import argparse
import calendar
import concurrent.futures
import datetime as dt
import functools
import json
import math
import random
import re
import shutil
import statistics
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

HERE = Path(__file__).resolve().parent
if str(HERE) not in sys.path:
    sys.path.insert(0, str(HERE))

import build  # noqa: E402
import textgen  # noqa: E402
from build import WD_TABLE_ALIGNMENT, OxmlElement, Pt, qn  # noqa: E402
from docx.enum.table import WD_ALIGN_VERTICAL  # noqa: E402
from docx.enum.text import WD_ALIGN_PARAGRAPH  # noqa: E402
from docx.table import _Cell  # noqa: E402
from docx.text.paragraph import Paragraph  # noqa: E402

SAMPLE_DIR = HERE / "generated"
SAMPLE_SEED = 7               # the committed sample is a greedy cover over this seed's draws
SAMPLE_POOL = 300             # ... among its first SAMPLE_POOL plans
SAMPLE_SKIP = (31, 32)        # ... but these, whose renders could not be verified (32: a loose plan a line off;
                              # 31: eight columns on a portrait page, its recommendation column too narrow to measure)
MAX_ROUNDS = 5                # renders of one plan, padded again from each measurement
ATTEMPTS = 3                  # contents tried for one drawn layout before it is reported unverifiable
CELL_MARGIN_CM = 0.19         # LibreOffice's left/right cell margin for Word tables
COLS = ("owner", "date")

# ---------------------------------------------------------------------------------------------
# The dimensions and the values each can take (drawn uniformly and independently, then reconciled
# with the family where a family fixes a value: see `reconcile`).

DIMENSIONS: dict[str, list[str]] = {
    "family": ["V1", "V2", "V3", "V3-C", "YOI", "V4", "thematic", "V6", "V8", "V9"],
    "orientation": ["landscape", "portrait"],
    "font": ["Liberation Sans", "Liberation Serif", "Carlito", "Caladea", "DejaVu Sans"],
    "size": ["8", "9", "10", "11", "12"],
    "widths": ["balanced", "narrow-owner", "narrow-date", "wide-response", "narrow-ref"],
    "column_order": ["owner-date", "date-owner"],
    "decision_place": ["column", "in-response"],
    "header_words": ["family", "synonyms", "unlisted"],
    "header_numbered": ["yes", "no"],
    "header_repeat": ["every-page", "first-page"],
    "rules": ["full", "horizontal", "none"],
    "shading": ["none", "header", "header-and-sections"],
    "rows": ["per-recommendation", "per-action"],
    "sections": ["none", "listed", "unlisted"],
    "refs": ["1", "1.12", "5.01", "S31", "R4", "Recommendation 4", "Priority concern 2", "none"],
    "decision_words": ["agreed", "partially-agreed", "accepted", "accepted-rejected"],
    "decision_case": ["as-written", "upper", "lower"],
    "bullets": ["word", "word-symbol", "dot", "dash", "number", "letter", "roman-paren", "none"],  # build.bullet_text's
    "owner_kind": ["known", "unknown", "named", "provider", "mixed"],
    "owners_per_entry": ["1", "1-2", "1-3"],
    "owner_join": ["slash", "comma", "and", "ampersand", "semicolon", "stacked"],
    "placement": ["level", "low1", "low2", "stacked", "shared", "blank"],
    "entry_gap": ["0", "1"],
    "date_form": ["month", "mon-yy", "dmy", "long", "ordinal", "quarter", "end-quarter", "fy", "season",
                  "range", "within", "note", "end-of", "status", "tbc"],
    "length": ["short", "long"],
    "furniture": ["footer", "running-header", "banner", "none"],
    # A column too narrow for its longest words, so the render breaks words inside the cell (the expected
    # text has them whole); drawn last, so the draws above stay as they were before it existed.
    "word_breaks": ["none", "owner", "rec"],
    # Paragraph spacing in the plan table's cells: none, 6 pt after each paragraph, Word's Normal style (8 pt
    # after, lines at 1.08) or lines at 1.15; drawn after word_breaks for the same reason.
    "spacing": ["none", "after-6", "word", "loose"],
    # How the table's cells align their text: all at the left; the header and the narrow columns (ref, decision,
    # owner, date) centred; the recommendation and response justified; ref and decision cells centred
    # top to bottom in their row. Drawn after spacing for the same reason.
    "cell_align": ["left", "centre", "justify", "middle"],
    # The header: one row of labels; two rows, a label over a group of columns (HMPPS's response, owner and date,
    # or the inspectorate's ref, recommendation and decision) and the other labels merged down both; or one row
    # under a title row spanning the table. The header's every row repeats where the header does. Drawn after
    # cell_align for the same reason.
    "head_rows": ["one", "grouped", "title"],
    # Where a plan has sections: rows across the table, or a column of its own at the table's left holding the
    # section's name beside each recommendation. Drawn after head_rows for the same reason.
    "section_place": ["rows", "column"],
    # Plans laid out one row per action: the actions numbered ('1.1', '1.2', ...) in a column of their own before
    # the response. Drawn after section_place for the same reason.
    "action_numbers": ["none", "column"],
    # One table, section rows inside it; or a table per section, the section's name a bold paragraph before it
    # and the header row again at its top. Drawn after action_numbers for the same reason.
    "tables": ["one", "per-section"],
    # Every other recommendation's rows shaded, as a Word table style bands them (each cell filled, so each band's
    # edges are lines to a table finder). Drawn after tables for the same reason.
    "banding": ["none", "rows"],
}
# Dimensions not drawn uniformly: most plans wrap at spaces and are typed without paragraph spacing.
WEIGHTS = {"word_breaks": [6, 1, 1], "spacing": [3, 1, 1, 1], "cell_align": [3, 1, 1, 1], "head_rows": [4, 1, 1],
           "section_place": [4, 1], "action_numbers": [3, 1], "tables": [4, 1],
           "banding": [4, 1]}
# Space after each paragraph (pt) and line spacing (a multiple of single) of each spacing value.
SPACING = {"none": (0, 1.0), "after-6": (6, 1.0), "word": (8, 1.08), "loose": (0, 1.15)}
# Single line pitch of each font as a multiple of its size (as LibreOffice sets it): the first estimate of the
# pitch that turns space after into a fraction of a line; the render's own pitch replaces it.
LINE_HEIGHT = {"Liberation Sans": 1.15, "Liberation Serif": 1.15, "Carlito": 1.22, "Caladea": 1.15,
               "DejaVu Sans": 1.165}
TYPED_ABOVE = 0.25            # how far above its target (in lines) a typist lets an entry's first line sit

JOINERS = {"slash": "/", "comma": ", ", "and": " and ", "ampersand": " & ", "semicolon": "; ", "stacked": "\n"}

# Header wording per column role: the family's own (build.header_labels), common synonyms, and wording
# no extraction code lists.
SYNONYMS = {
    "ref": ["Ref", "No.", "Rec No", "Ref No.", "Number"],
    "rec": ["Recommendation", "Recommendations", "HMIP Recommendation", "Inspection recommendation"],
    "decision": ["Agreed/ Not Agreed", "Decision", "Accepted/ Rejected", "Agreed/ Partly Agreed/ Not Agreed"],
    "resp": ["Response", "Action", "Actions", "Response Action Taken/Planned", "Action planned"],
    "owner": ["Owner", "Responsible Owner", "Lead", "Responsible"],
    "date": ["Target Date", "Date", "Deadline", "Target"],
}
UNLISTED = {
    "ref": ["Para", "Item", "ID", "Reference"],
    "rec": ["Area for improvement", "What the inspectors found", "Finding", "Issue raised"],
    "decision": ["Outcome", "Our position", "Accept?", "Status"],
    "resp": ["Proposed action", "What we will do", "Steps to be taken", "Planned response"],
    "owner": ["Action owner", "Accountable lead", "Who", "Led by"],
    "date": ["Due by", "By when", "Completion date", "Timescale"],
}
# A grouped header's label over HMPPS's columns (response, owner, date) or the inspectorate's (ref,
# recommendation, decision); a title row's words.
GROUP_LABELS = {"resp": ["HMPPS response", "Response", "Action plan", "Actions to be taken", "Our response"],
                "rec": ["HMIP recommendation", "Inspection report", "What the inspectors said", "Recommendation"]}
ACTION_NUMBER_LABELS = ["Action no.", "Action number", "Action ref", "No."]
BAND_FILLS = ["DEEAF6", "F2F2F2", "E2EFD9", "FBE4D5"]     # light blue, grey, green, orange
AREA_LABELS = ["Area", "Section", "Theme", "Healthy prison area", "Inspection area"]
TITLE_ROWS = ["HMIP recommendations and HMPPS response", "Action plan", "Response to the inspection report",
              "Recommendations and actions"]
IN_RESPONSE_HEAD = ["Decision and response", "Agreed/ Not Agreed and action planned", "Response (decision and actions)",
                    "Our response"]

SECTIONS_LISTED = ["Safety", "Respect", "Purposeful activity", "Rehabilitation and release planning", "Care",
                   "Resettlement"]
SECTION_TOPICS = ["Early days in custody", "Living conditions", "Equality and diversity", "Faith and religion",
                  "Health and social care", "Time out of cell", "Education, skills and work", "Family ties",
                  "Staff-prisoner relationships", "Segregation", "Reception and first night", "Detainee welfare",
                  "Preparation for release", "Safeguarding", "Violence reduction", "Self-harm prevention",
                  "Use of force", "Keyworking", "Substance misuse", "Complaints and redress", "Public protection",
                  "Interventions", "Offender management", "Leadership and culture", "Visits", "Catering",
                  "Library and gym", "Foreign nationals", "Veterans", "Older prisoners", "Neurodiversity",
                  "Accommodation on release", "Employment on release", "Canteen and property"]

KNOWN = ["Governor", "Deputy Governor", "Head of Safety", "Head of Residence", "Head of Security", "Equalities Lead",
         "Head of Reducing Reoffending", "Head of Healthcare", "Head of Operations", "Prison Group Director",
         "Head of Offender Management Delivery", "Regional Probation Director", "Chief Probation Officer",
         "Youth Custody Service", "Home Office"]
UNKNOWN = ["Neurodiversity Support Manager", "Violence Reduction Coordinator", "Head of Decency",
           "Family Engagement Worker", "Catering Manager", "Library Manager", "Gym Senior Officer",
           "Residential Custodial Manager", "Chaplaincy Team Leader", "Foreign National Coordinator",
           "Operational Support Lead", "Reception Supervisor", "Data Analyst", "Business Hub Manager",
           "Keyworker Coordinator", "Veterans Support Officer", "Orderly Scheme Manager", "Canteen Supervisor"]
FIRST = ["Jo", "Sam", "Priya", "Chris", "Aisha", "Tom", "Marek", "Grace", "Imran", "Beth", "Kwame", "Rhian"]
LAST = ["Smith", "Patel", "Khan", "Doyle", "Evans", "Okafor", "Nowak", "Hughes", "Begum", "Clarke", "Mensah"]
POSTS = ["Head of Safety", "Deputy Governor", "Equalities Lead", "Head of Residence", "Head of Security",
         "Custodial Manager", "Safer Custody Manager"]
PROVIDERS = ["Practice Plus Group", "Novus", "Milton Keynes College", "Amey", "GEO Group", "Serco", "Forward Trust",
             "Change Grow Live", "Nacro", "Catch22", "Gov Facility Services"]
PROVIDER_POSTS = ["Head of Healthcare", "Education Manager", "FM Manager", "Substance Misuse Lead",
                  "Resettlement Manager", "Head of Learning and Skills", "Contract Manager"]

PLACES = ["Ashdown", "Blackwater", "Cresswell", "Dunmore", "Elmstead", "Fernhill", "Galloway Park", "Harrowgate",
          "Ivybridge", "Juniper Hill", "Kingsmoor", "Lowfield", "Marchwood", "Northgate", "Oxley", "Pellbrook",
          "Queensbury", "Redbank", "Saltmarsh", "Thistlewood", "Underhill", "Valebrook", "Westcombe", "Yarrow"]

DECISIONS = {   # printed, normalised, weight
    "agreed": [("Agreed", "agreed", 70), ("Partly Agreed", "partly_agreed", 18), ("Not Agreed", "not_agreed", 12)],
    "partially-agreed": [("Agreed", "agreed", 70), ("Partially agreed", "partly_agreed", 18),
                         ("Not agreed", "not_agreed", 12)],
    "accepted": [("Accepted", "accepted", 70), ("Partially Accepted", "partly_accepted", 18),
                 ("Not Accepted", "not_accepted", 12)],
    "accepted-rejected": [("Accepted", "accepted", 85), ("Rejected", "rejected", 15)],
}
SUMMARY_KIND = {"agreed": "agreed", "partially-agreed": "agreed", "accepted": "accepted3",
                "accepted-rejected": "accepted"}
BANNER = ("Actions against target dates are likely to be delayed due to COVID-19 and the restricted regimes in "
          "place; progress will be reviewed as restrictions are eased.")


def draw(seed: int, index: int) -> dict[str, str]:
    """The dimension values of plan `index` of `seed` (the same on every machine and run)."""
    rng = random.Random(f"{seed}:{index}")
    return reconcile({d: rng.choices(vs, WEIGHTS[d])[0] if d in WEIGHTS else rng.choice(vs)
                      for d, vs in DIMENSIONS.items()})


def reconcile(d: dict[str, str]) -> dict[str, str]:
    """Values a family fixes: an urgent notification has no decision and prints 'Concern N' at the head of
    its concern cell; a Covid plan carries its banner; one row per action leaves nothing to stack."""
    d = dict(d)
    if d["family"] == "V6":
        d["decision_place"] = "none"
        d["decision_words"] = "none"
        d["decision_case"] = "none"
        d["refs"] = "Concern 1"
    if d["family"] == "V3-C":
        d["furniture"] = "banner"
    if d["rows"] == "per-action" and d["placement"] == "stacked":
        d["placement"] = "level"
    if d.get("section_place") == "column" and (d["sections"] == "none" or d.get("tables") == "per-section"):
        d["section_place"] = "rows"     # no sections to show, or each is a table's heading
    if d.get("action_numbers") == "column" and d["rows"] != "per-action":
        d["action_numbers"] = "none"    # numbers beside the paragraphs of one cell: not drawn
    if d["placement"] == "stacked" and d["owner_join"] == "stacked":
        d["entry_gap"] = "1"        # one owner a line and entries a line each, unseparated: nobody could read it
    return d


def rec_bullet_style(d: dict[str, str]) -> str:
    """Bullets inside the recommendation's own text: the drawn glyph, or a plain bullet where the drawn style
    numbers its items (the inspectorate's sub-points are bulleted; numbers belong to the response)."""
    style = d["bullets"]
    return style if style in ("word", "word-symbol", "dot", "dash") else "dot"


# ---------------------------------------------------------------------------------------------
# Text measurement (an estimate of line counts, so the first render is usually right)

FONT_FILES = {"Liberation Sans": "LiberationSans-{}", "Liberation Serif": "LiberationSerif-{}",
              "Carlito": "Carlito-{}", "Caladea": "Caladea-{}", "DejaVu Sans": "DejaVuSans{}"}


@functools.cache
def _font(name: str, bold: bool = False):
    from PIL import ImageFont
    stem = FONT_FILES[name].format(("-Bold" if bold else "") if name == "DejaVu Sans" else
                                   ("Bold" if bold else "Regular"))
    for root in ("/usr/share/fonts", "/usr/local/share/fonts"):
        for p in Path(root).rglob(stem + ".ttf"):
            # basic layout (no kerning): the same advances whatever shaping library Pillow was built with
            return ImageFont.truetype(str(p), 1000, layout_engine=ImageFont.Layout.BASIC)
    raise SystemExit(f"Error: font {stem!r} is not installed (fonts-liberation2, fonts-crosextra-carlito, "
                     f"fonts-crosextra-caladea, fonts-dejavu-core)")


def text_width(text: str, font: str, size: float, bold: bool = False) -> float:
    """Width in points of `text` set in `font` (bold or not) at `size` pt."""
    return _font(font, bold).getlength(text) * size / 1000


def lines_needed(text: str, width_pt: float, font: str, size: float, first_pt: float | None = None,
                 bold: bool = False) -> int:
    """Lines a paragraph takes wrapped in a box `width_pt` wide (`first_pt` for its first line, when a
    hanging indent makes that wider): greedy, breaking at spaces and after '/' and '-' as LibreOffice does.
    An estimate: the render is measured afterwards."""
    if not text.strip():
        return 1
    pieces = []                                       # (text, space before it)
    for word in text.split():
        parts = re.findall(r"[^/\-]*[/\-]|[^/\-]+", word)
        pieces += [(part, k == 0) for k, part in enumerate(parts)]
    n, cur, box = 1, "", first_pt if first_pt is not None else width_pt
    for part, spaced in pieces:
        t = (f"{cur} {part}" if spaced else cur + part) if cur else part
        if cur and text_width(t, font, size, bold) > box:
            n, cur, box = n + 1, part, width_pt
        else:
            cur = t
    return n


# ---------------------------------------------------------------------------------------------
# Content: recommendations in the case format of build.py, with entries placed as drawn

ORDINAL = {1: "st", 21: "st", 31: "st", 22: "nd", 23: "rd"}


def _month_shift(d: dt.date, k: int) -> tuple[int, int]:
    y, m = divmod(d.month - 1 + k, 12)
    return d.year + y, m + 1


def date_text(rng: random.Random, form: str, sub: dt.date) -> str:
    """A target date printed in `form`, some months after the submission date."""
    y, m = _month_shift(sub, rng.randint(2, 14))
    name, last = calendar.month_name[m], calendar.monthrange(y, m)[1]
    fy = y if m >= 4 else y - 1
    q = (m - 4) % 12 // 3 + 1
    if form in ("month", "mon-yy", "dmy", "long", "ordinal", "quarter", "end-quarter", "end-of", "note"):
        return {
            "month": f"{name} {y}",
            "mon-yy": f"{calendar.month_abbr[m]}-{y % 100:02d}",
            "dmy": f"{last:02d}/{m:02d}/{y}",
            "long": f"{last} {name} {y}",
            "ordinal": f"{last}{ORDINAL.get(last, 'th')} {name} {y}",
            "quarter": f"Q{q} {fy}/{(fy + 1) % 100:02d}",
            "end-quarter": f"End of Q{q} {fy}/{(fy + 1) % 100:02d}",
            "end-of": f"end of {name}",
            "note": f"{name} {y} ({rng.choice(['review of processes', 'subject to funding', 'pilot'])})",
        }[form]
    if form == "fy":
        return rng.choice([f"{fy}/{(fy + 1) % 100:02d}", f"End of {fy}/{(fy + 1) % 100:02d}"])
    if form == "season":
        season = rng.choice(["Spring", "Summer", "Autumn", "Winter"])
        return f"{season} {y}"
    if form == "range":
        y2, m2 = _month_shift(dt.date(y, m, 1), rng.randint(1, 4))
        if y2 == y:
            dash = rng.choice(["-", "\u2013", "to"])
            return f"{calendar.month_name[m]} {dash} {calendar.month_name[m2]} {y2}"
        return f"{calendar.month_name[m]} {y} - {calendar.month_name[m2]} {y2}"
    if form == "within":
        return rng.choice([f"Within {rng.choice([3, 6, 12])} months", f"within {rng.choice([6, 8])} weeks",
                           "Within three months"])
    if form == "status":
        return rng.choice(["Ongoing", "Complete", "Completed and ongoing", "Immediate", "Monthly", "Quarterly"])
    if form == "tbc":
        return rng.choice(["TBC", "To be confirmed"])
    raise ValueError(form)


def owner_pool(rng: random.Random, kind: str, family: str) -> list[str]:
    """Atomic owners of one kind (each printed as one owner)."""
    if kind == "mixed":
        return [o for k in ("known", "unknown", "named", "provider") for o in owner_pool(rng, k, family)]
    if kind == "known":
        pool = KNOWN[:10] + {"V4": ["Regional Probation Director", "Chief Probation Officer"],
                             "YOI": ["Youth Custody Service"], "V9": ["Home Office"]}.get(family, [])
        return pool
    if kind == "unknown":
        return list(UNKNOWN)
    if kind == "named":
        out = []
        for post in POSTS:
            name = f"{rng.choice(FIRST)} {rng.choice(LAST)}"
            out.append(rng.choice([f"{name}, {post}", f"{post} ({name})", f"{name} \u2013 {post}"]))
        return out
    return [f"{post} ({rng.choice(PROVIDERS)})" for post in PROVIDER_POSTS]


def _fits_join(owner: str, join: str) -> bool:
    """An owner that contains the joiner would make the printed entry ambiguous to a reader too; so would a
    'Name, Post' before 'and' ('Jo Okafor, Head of Residence and Catering Manager': one person's two posts?)."""
    token = {"comma": ",", "and": " and ", "ampersand": "&", "semicolon": ";", "slash": "/"}.get(join)
    if join in ("and", "ampersand") and "," in owner:
        return False
    return token is None or token not in owner


def make_case(seed: int, index: int, d: dict[str, str], attempt: int = 0) -> dict:
    """The case (build.py's format plus a `plan` key of layout choices) for plan `index` of `seed`; a later
    `attempt` draws other content for the same layout (when a render could not be verified)."""
    rng = random.Random(f"{seed}:{index}:content" + (f":{attempt}" if attempt else ""))
    fam = d["family"]
    year = {"V1": 2015, "V8": 2023}.get(fam, rng.randint(2018, 2022))
    sub = dt.date(year, rng.randint(1, 12), rng.randint(1, 28))
    place = rng.choice(PLACES)
    est = {"YOI": f"HMYOI {place}", "V9": f"{place} IRC"}.get(fam, f"HMP {place}")
    n_recs = rng.randint(3, 5) if d["length"] == "short" else rng.randint(8, 12)
    dec = DECISIONS.get(d["decision_words"])
    if d["sections"] == "none":
        sections = [None]
    elif d["sections"] == "listed":
        sections = rng.sample(SECTIONS_LISTED, rng.randint(2, 4))
    else:
        topics = rng.sample(SECTION_TOPICS, 4)
        sections = [t if rng.random() < 0.6 else f"{t} and {rng.choice(SECTION_TOPICS).lower()}" for t in topics]
        sections = sections[:rng.randint(2, 4)]
    style = d["bullets"]
    kmax = {"1": 1, "1-2": 2, "1-3": 3}[d["owners_per_entry"]]
    pool = [o for o in owner_pool(rng, d["owner_kind"], fam) if _fits_join(o, d["owner_join"])]
    themes = list(textgen.THEMES)
    recs = []
    per_section = max(1, -(-n_recs // len(sections)))
    blanks = 0
    made: set[str] = set()
    for i in range(n_recs):
        section = sections[min(i // per_section, len(sections) - 1)]
        theme = themes[(i * 7 + index) % len(themes)]
        heads, lines, _ = textgen.THEMES[theme]
        head = rng.choice(heads).format(group=rng.choice(textgen.GROUPS)) + "."
        for _ in range(50):                         # a plan makes each recommendation once
            if head not in made:
                break
            head = rng.choice(heads).format(group=rng.choice(textgen.GROUPS)) + "."
        made.add(head)
        bullets = []
        if rng.random() < 0.25:
            head = head[:-1] + ". Leaders should:"
            bullets = rng.sample(["review the data each month", "consult prisoners on the findings",
                                  "publish the results on each wing", "act promptly on any disparity found"], 2)
        ref = {"1": str(i + 1), "1.12": f"{(sections.index(section) + 1)}.{i + 1}", "5.01": f"5.{i + 1:02d}",
               "S31": f"S{30 + i}", "R4": f"R{i + 1}", "Recommendation 4": f"Recommendation {i + 1}",
               "Priority concern 2": f"{'Priority' if i < 2 else 'Key'} concern {i + 1}",
               "Concern 1": f"Concern {i + 1}", "none": ""}[d["refs"]]
        if dec:
            printed, norm = rng.choices([(x[0], x[1]) for x in dec], [x[2] for x in dec])[0]
            printed = {"upper": printed.upper(), "lower": printed.lower()}.get(d["decision_case"], printed)
        else:
            printed, norm = None, None
        uniq = textgen.Distinct(rng, {"establishment": est, "long": d["length"] == "long"}, theme, sub)
        texts = list(lines)
        rng.shuffle(texts)
        extra = list(textgen.GENERIC)
        rng.shuffle(extra)
        texts += extra
        blank_rec = d["placement"] == "blank" and (rng.random() < 0.4 or (i == n_recs - 1 and not blanks))
        blanks += blank_rec

        def entry(text: str, blank_rec: bool = blank_rec) -> dict:
            if blank_rec:
                return {"text": text, "owner": None, "owners": [], "target_date": None}
            k = rng.randint(1, kmax)
            owners = rng.sample(pool, min(k, len(pool)))
            return {"text": text, "owner": JOINERS[d["owner_join"]].join(owners), "owners": owners,
                    "target_date": date_text(rng, d["date_form"], sub)}

        groups = []
        if norm in ("not_agreed", "not_accepted", "rejected"):
            refusal = rng.choice(textgen.REFUSALS)
            if d["decision_words"].startswith("accepted"):    # the refusal says it in the plan's own words
                refusal = refusal.replace("not agreed", "not accepted").replace("Not agreed", "Not accepted")
            groups.append({"lead": refusal, "owner": None, "owners": [],
                           "target_date": None, "actions": []})
        else:
            n_groups = 1 if d["length"] == "short" or rng.random() < 0.6 else 2
            for _ in range(n_groups):
                lead = uniq.lead() if rng.random() < 0.7 or style == "none" else None
                k = rng.randint(1, 3) if d["length"] == "short" else rng.randint(2, 5)
                acts = [entry(uniq.action(texts)) for _ in range(k)]
                if d["placement"] == "shared":             # the owner and date printed beside the first only
                    for a in acts[1:]:
                        a.update(owner=None, owners=[], target_date=None)
                elif d["placement"] not in ("stacked", "blank"):
                    for a in acts[1:]:                     # now and then a bullet has nothing beside it
                        if rng.random() < 0.12:
                            a.update(owner=None, owners=[], target_date=None)
                grp = {"lead": lead, "owner": None, "owners": [], "target_date": None, "actions": acts}
                if lead and d["placement"] not in ("stacked", "shared") and rng.random() < 0.25:
                    e = entry(lead)                       # the lead carries the group's entry
                    acts[0].update(owner=None, owners=[], target_date=None)
                    grp.update(owner=e["owner"], owners=e["owners"], target_date=e["target_date"])
                groups.append(grp)
        rec = {"ref": ref, "text": [head, bullets], "decision": norm, "decision_text": printed, "groups": groups}
        if section:
            rec["section"] = section
        recs.append(rec)

    cover, em, meta = family_cover(fam, est, sub, rng)
    render = {"family": {"YOI": "V3"}.get(fam, fam), "decisions": SUMMARY_KIND.get(d["decision_words"], "agreed"),
              "orientation": d["orientation"], "font": d["font"], "size": int(d["size"]),
              "colons": rng.random() < 0.7, "page_numbers": rng.choice(["of", "plain"]),
              "top_margin_cm": 2.8 if d["furniture"] == "banner" else 2.2, "margins_cm": 1.6,
              "bottom_margin_cm": 2.0, "definitions": fam not in ("V6",)}
    if d["furniture"] == "banner":
        render["banner"] = BANNER
    name = f"gen-{seed}-{index:03d}"
    case = {"id": name, "layout_id": f"generated-{fam.lower()}", "render": render, "cover": cover,
            "meta": meta, "expected_metadata": em, "recommendations": recs}
    case["plan"] = layout(case, d, rng)
    return case


def family_cover(fam: str, est: str, sub: dt.date, rng: random.Random) -> tuple[dict, dict, dict]:
    """The cover fields build.cover prints for a family, and the metadata a reader takes from them."""
    insp_start = sub - dt.timedelta(days=rng.randint(120, 200))
    insp = f"{insp_start.day}-{insp_start.day + 9} {calendar.month_name[insp_start.month]} {insp_start.year}" \
        if insp_start.day <= 19 else f"{insp_start.day} {calendar.month_name[insp_start.month]} {insp_start.year}"
    pub = sub - dt.timedelta(days=rng.randint(20, 60))
    subs, pubs = f"{sub.day} {calendar.month_name[sub.month]} {sub.year}", \
        f"{pub.day} {calendar.month_name[pub.month]} {pub.year}"
    kind = {"V4": "probation", "thematic": "thematic", "V6": "urgent_notification",
            "V9": "immigration_removal_centre"}.get(fam, "establishment")
    em = {"title": f"Action Plan: {est}", "establishment": est, "kind": kind, "family": fam,
          "submitted": sub.isoformat(), "report_published": pub.isoformat(), "inspection_dates": insp}
    meta = {"action_plan": est, "action_plan_submitted": subs, "response_to": insp, "report_published": pubs}
    if fam == "V1":
        cover = {"establishment": est, "inspection": insp, "published": pubs, "submitted": subs,
                 "position": f"{calendar.month_name[sub.month]} {sub.year}", "status": "Initial response"}
        em["title"] = "ACTION PLAN: HMCIP REPORT"
    elif fam == "V6":
        cover = {"establishment": est, "submitted": subs, "date_line": subs,
                 "table_title": "Initial Response Action Plan",
                 "letter": ["Dear Chief Inspector,", f"URGENT NOTIFICATION: {est.upper()}",
                            f"Thank you for your letter invoking the Urgent Notification protocol for {est}. I attach "
                            "the initial response action plan setting out the immediate steps HMPPS is taking.",
                            "Secretary of State for Justice"]}
        em.update(title=f"Urgent Notification: {est}", report_published=None, inspection_dates=None)
    elif fam in ("V4", "thematic"):
        title = rng.choice(["A thematic inspection of race equality in probation services",
                            "A thematic review of the experiences of older prisoners",
                            "A thematic review of outcomes for young adults in custody"])
        label = "A Response to the HMI Probation Inspection" if fam == "V4" else "A Response to"
        cover = {"submitted": subs, "response_label": label, "inspection": title, "published": pubs,
                 "table_title": "ACTION PLAN"}
        em.update(title=title, establishment=None, inspection_dates=None)
        meta = {"action_plan_submitted": subs, "response_to": title, "report_published": pubs, "title": title}
    else:
        cover = {"action_plan_line": est, "submitted": subs, "inspection": insp, "published": pubs,
                 "table_title": f"ACTION PLAN: {est}"}
    return cover, em, meta


# ---------------------------------------------------------------------------------------------
# Layout: columns, widths and header labels

def layout(case: dict, d: dict[str, str], rng: random.Random) -> dict:
    """Column roles in order, their widths (cm) and header labels, from the drawn values."""
    fam = d["family"]
    if fam == "V6":
        roles = ["rec", "resp", "owner", "date"]
    else:
        roles = (["ref"] if d["refs"] != "none" else []) + ["rec"]      # no refs printed: no ref column
        roles += (["decision"] if d["decision_place"] == "column" else []) + ["resp"]
        roles += ["owner", "date"]
    if d["column_order"] == "date-owner":
        i, j = roles.index("owner"), roles.index("date")
        roles[i], roles[j] = roles[j], roles[i]
    # labels: the family's own wording, common synonyms, or wording no code lists
    fam_labels = build.header_labels({"render": {**case["render"], "family": {"YOI": "V3"}.get(fam, fam),
                                                 "numbered_header": False}})
    canon = ["rec", "resp", "owner", "date"] if fam == "V6" else ["ref", "rec", "decision", "resp", "owner", "date"]
    own = dict(zip(canon, fam_labels))
    if fam == "V1":
        own = {k: v.split(". ", 1)[1] for k, v in own.items()}
    labels = {}
    for r in roles:
        if d["header_words"] == "family":
            labels[r] = own[r]
        elif d["header_words"] == "synonyms":
            labels[r] = rng.choice(SYNONYMS[r])
        else:
            labels[r] = rng.choice(UNLISTED[r] + SYNONYMS[r][:1]) if r in ("ref", "rec") else rng.choice(UNLISTED[r])
    if d["decision_place"] == "in-response":
        labels["resp"] = rng.choice(IN_RESPONSE_HEAD)
    heads = [labels[r] for r in roles]
    if d["header_numbered"] == "yes":
        heads = [f"{i}. {h}" for i, h in enumerate(heads, 1)]
    # widths: shares of the usable width, jittered, then widened where a word would not fit
    page_w = 29.7 if d["orientation"] == "landscape" else 21.0
    usable = page_w - 2 * case["render"]["margins_cm"]
    share = {"ref": 6, "rec": 24, "decision": 10, "resp": 34, "owner": 15, "date": 11}
    if fam == "V6":
        share["rec"] = 28
    if d["widths"] == "narrow-owner":
        share["owner"] = 9
    elif d["widths"] == "narrow-date":
        share["date"] = 7
    elif d["widths"] == "wide-response":
        share.update(resp=46, rec=18)
    elif d["widths"] == "narrow-ref":
        share["ref"] = 4
    raw = {r: share[r] * rng.uniform(0.85, 1.15) for r in roles}
    tot = sum(raw.values())
    widths = {r: usable * raw[r] / tot for r in roles}
    need = min_widths(case, d, roles, heads)
    if d["word_breaks"] != "none":                 # a little too narrow for the column's longest words
        r = d["word_breaks"]
        widths[r] = need[r] = 2 * CELL_MARGIN_CM + (need[r] - 2 * CELL_MARGIN_CM) * rng.uniform(0.7, 0.85)
    for r in roles:
        if widths[r] < need[r]:
            give = need[r] - widths[r]
            widths[r] = need[r]
            for donor in ("resp", "rec"):           # the wide columns pay for it
                take = min(give, widths[donor] - need[donor])
                widths[donor] -= take
                give -= take
    if d.get("action_numbers") == "column":
        roles, heads = extra_column(case, d, roles, heads, widths, need, "actno", roles.index("resp"),
                                    random.Random(f"{case['id']}:actno").choice(ACTION_NUMBER_LABELS), ["9.99"])
    if d.get("section_place") == "column":
        names = {rec["section"] for rec in case["recommendations"] if rec.get("section")}
        roles, heads = extra_column(case, d, roles, heads, widths, need, "area", 0,
                                    random.Random(f"{case['id']}:area").choice(AREA_LABELS), sorted(names))
    return {"roles": roles, "labels": heads, "widths_cm": [round(widths[r], 2) for r in roles],
            **head_rows(case["id"], roles, d)}


def extra_column(case: dict, d: dict[str, str], roles: list[str], heads: list[str], widths: dict[str, float],
                 need: dict[str, float], role: str, at: int, label: str,
                 texts: list[str]) -> tuple[list[str], list[str]]:
    """A column no other dimension draws (`section_place`, `action_numbers`), inserted at `at` with its label
    (drawn by the caller from a Random of its own, as `head_rows`), wide enough for the longest word of `texts`;
    the roomier of the response and recommendation columns pays for it first, each keeping a centimetre over its
    longest word. Updates `widths`."""
    font, size = d["font"], int(d["size"])
    widest = max([text_width(w, font, size) for n in texts for w in n.split()]
                 + [text_width(w, font, size, bold=True) for w in label.split()] + [10])
    widths[role] = give = max((widest + 3) / 72 * 2.54 + 2 * CELL_MARGIN_CM, 1.5)
    for donor in sorted(("resp", "rec"), key=lambda r: need[r] - widths[r]):    # the roomier first
        take = max(0.0, min(give, widths[donor] - need[donor] - 1.0))
        widths[donor] -= take
        give -= take
    if d["header_numbered"] == "yes":
        plain = [h.split(". ", 1)[1] for h in heads]
        plain.insert(at, label)
        heads = [f"{i}. {h}" for i, h in enumerate(plain, 1)]
    else:
        heads = [*heads[:at], label, *heads[at:]]
    return [*roles[:at], role, *roles[at:]], heads


def head_rows(name: str, roles: list[str], d: dict[str, str]) -> dict:
    """The header's row above the labels (`head_rows`): a group label and the roles it spans, or a title. Drawn
    from a Random of its own, so every other draw of the plan stays as it was before the dimension existed."""
    rng = random.Random(f"{name}:head")
    if d.get("head_rows") == "grouped":
        side = "resp" if "decision" not in roles or rng.random() < 0.6 else "rec"
        span = ["resp", "owner", "date"] if side == "resp" else [r for r in ("ref", "rec", "decision") if r in roles]
        return {"group": {"label": rng.choice(GROUP_LABELS[side]), "roles": span}}
    if d.get("head_rows") == "title":
        return {"title": rng.choice(TITLE_ROWS)}
    return {}

def min_widths(case: dict, d: dict[str, str], roles: list[str], heads: list[str]) -> dict[str, float]:
    """Narrowest width (cm) of each column that keeps its longest word, header words (bold) included, whole."""
    font, size = d["font"], int(d["size"])
    words: dict[str, list[str]] = {r: [] for r in roles}
    indent = {r: 0.0 for r in roles}
    for rec in case["recommendations"]:
        head, bullets = rec["text"]
        words["rec"] += (head + " " + " ".join(bullets) + " " + (rec["ref"] if "ref" not in roles else "")).split()
        if "ref" in roles:
            words["ref"] += rec["ref"].split()
        if "decision" in roles and rec["decision_text"]:
            words["decision"] += rec["decision_text"].split()
        for g in rec["groups"]:
            for item in [g, *g["actions"]]:
                words["resp"] += (item.get("lead") or item.get("text") or "").split()
                if item.get("owner"):
                    words["owner"] += item["owner"].split()
                if item.get("target_date"):
                    words["date"] += item["target_date"].split()
        if "resp" in roles and rec["decision_text"] and d["decision_place"] == "in-response":
            words["resp"] += rec["decision_text"].split()
    indent["resp"] = indent["rec"] = 0.55
    out = {}
    for r, h in zip(roles, heads):
        bold = [text_width(w, font, size, bold=True) for w in h.split()]      # header words are bold
        widest = max([text_width(w, font, size) for w in words[r]] + bold + [10])
        out[r] = (widest + 3) / 72 * 2.54 + 2 * CELL_MARGIN_CM + indent[r]
    return out


# ---------------------------------------------------------------------------------------------
# The table model: table rows of paragraphs, owner/date entries tied to paragraphs, placement padding

@dataclass
class GPara:
    text: str                     # as printed (typed bullet prefix included)
    kind: str                     # lead | typed | bullet | blank | decision
    est: int = 1                  # estimated lines


@dataclass
class GEntry:
    lines: list[str]              # paragraphs printed in the cell (stacked owners: one per owner)
    para: int                     # index of its paragraph in the row
    est: int = 1


@dataclass
class GRow:
    rec: int                      # index of the recommendation
    first: bool                   # first table row of its recommendation
    paras: list[GPara]
    entries: dict[str, list[GEntry]]
    placement: str                # level | low1 | low2 | stacked
    gap: int                      # blank paragraphs between consecutive entries of a cell
    space: float = 0.0            # space after each paragraph, in lines
    resp_pad: dict[int, int] = field(default_factory=dict)     # blank paragraphs before a response paragraph
    pads: dict[str, list[int]] = field(default_factory=dict)   # ... before each entry
    targets: dict[str, list[float]] = field(default_factory=dict)   # row position of each entry's first line
    para_pos: list[float] = field(default_factory=list)             # ... of each response paragraph's
    # where a spaced row breaks across pages each cell breaks at a line of its own, so a column's entries on a
    # later page sit off by as much as the break moved them against the response cell: measured, per entry
    shift: dict[str, dict[int, float]] = field(default_factory=dict)
    counts: dict[str, list[int]] = field(default_factory=dict)


def build_rows(case: dict, d: dict[str, str]) -> list[GRow]:
    """Table rows of a plan: one per recommendation, or one per lead/action under merged cells."""
    plan = case["plan"]
    widths = dict(zip(plan["roles"], plan["widths_cm"]))
    font, size = d["font"], int(d["size"])
    style = d["bullets"]
    placement = {"shared": "level", "blank": "level"}.get(d["placement"], d["placement"])
    gap = int(d["entry_gap"])
    space_pt, spread = SPACING[d.get("spacing", "none")]
    space = space_pt / (size * LINE_HEIGHT[font] * spread)

    def inner(role: str, indent: float = 0.0) -> float:
        return (widths[role] - 2 * CELL_MARGIN_CM - indent) / 2.54 * 72

    def entry_lines(role: str, text: str) -> tuple[list[str], int]:
        parts = text.split("\n")
        return parts, sum(lines_needed(p, inner(role), font, size) for p in parts)

    rows: list[GRow] = []
    for ri, rec in enumerate(case["recommendations"]):
        items: list[tuple[dict, str, str, int]] = []      # (item, printed, kind, group)
        for gi, g in enumerate(rec["groups"]):
            if g.get("lead"):
                items.append((g, g["lead"], "lead", gi))
            for k, a in enumerate(g["actions"]):
                printed, kind = build.bullet_text(style, a["text"], k)
                items.append((a, printed, kind, gi))
        chunks = [items] if d["rows"] == "per-recommendation" else [[it] for it in items]
        for ci, chunk in enumerate(chunks):
            paras: list[GPara] = []
            entries: dict[str, list[GEntry]] = {"owner": [], "date": []}
            if ci == 0 and d["decision_place"] == "in-response" and rec["decision_text"]:
                paras.append(GPara(rec["decision_text"], "decision",
                                   lines_needed(rec["decision_text"], inner("resp"), font, size, bold=True)))
                paras.append(GPara("", "blank"))
            prev_group = None
            for item, printed, kind, gi in chunk:
                if prev_group is not None and gi != prev_group:
                    paras.append(GPara("", "blank"))
                prev_group = gi
                if kind == "bullet":            # a Word list: every line starts after the label's indent
                    est = lines_needed(printed, inner("resp", 0.5), font, size)
                elif kind == "typed":             # a typed bullet hangs: its first line starts at the margin
                    est = lines_needed(printed, inner("resp", 0.45), font, size, first_pt=inner("resp"))
                else:
                    est = lines_needed(printed, inner("resp"), font, size)
                paras.append(GPara(printed, kind, est))
                if item.get("owner"):
                    parts, n = entry_lines("owner", item["owner"])
                    entries["owner"].append(GEntry(parts, len(paras) - 1, n))
                if item.get("target_date"):
                    parts, n = entry_lines("date", item["target_date"])
                    entries["date"].append(GEntry(parts, len(paras) - 1, n))
            rows.append(GRow(ri, ci == 0, paras, entries, placement, gap, space))
    for row in rows:
        plan_row(row)
    return rows


def presses(at: float, target: float, step: float) -> int:
    """Blank paragraphs (each `step` lines high) a typist adds to move a line from row position `at` to the
    target or below it (TYPED_ABOVE above it is close enough): the fewest that do."""
    return max(0, math.ceil((target - TYPED_ABOVE - at) / step - 1e-9))


def plan_row(row: GRow, keep_response: bool = False) -> None:
    """Blank paragraphs before paragraphs and entries so each entry starts where it was drawn, in row
    positions: lines from the top of the row, a paragraph's space after counted as `row.space` lines (so a
    blank paragraph is 1 + space high and an entry can only land on a lattice of positions: the fewest blank
    paragraphs that put it at or just above its target). Uses measured line counts when known, and an entry
    is seen where a measured page break moved it (`row.shift`); with `keep_response`, the response cell's
    blank paragraphs stay as they are (only entries move: moving the response would move the break again)."""
    n = row.counts.get("resp") or [p.est for p in row.paras]
    m = {c: row.counts.get(c) or [e.est for e in row.entries[c]] for c in COLS}
    s = row.space
    step = 1 + s                                   # one blank paragraph

    def height(c: str, j: int) -> float:          # entry j of column c, a paragraph per printed part
        return m[c][j] + len(row.entries[c][j].lines) * s

    kept = row.resp_pad if keep_response else None
    row.resp_pad, row.pads, row.targets = {}, {c: [] for c in COLS}, {c: [] for c in COLS}
    row.para_pos = []
    line = 0.0
    for i in range(len(row.paras)):                # (where response paragraphs are when stacked)
        row.para_pos.append(line)
        line += n[i] + s
    if row.placement == "stacked":                # in order from the top of the cell, whatever the paragraphs do
        for c in COLS:
            at = 0.0
            for j in range(len(row.entries[c])):
                pad = row.gap if j else 0
                at += pad * step
                row.pads[c].append(pad)
                row.targets[c].append(at + row.shift.get(c, {}).get(j, 0.0))
                at += height(c, j)
        return
    off = {"level": 0, "low1": 1, "low2": 2}[row.placement]
    cur, nxt = dict.fromkeys(COLS, 0.0), dict.fromkeys(COLS, 0)
    line, last_target = 0.0, -math.inf
    row.para_pos = []
    for i, p in enumerate(row.paras):
        need = line
        if p.kind not in ("blank", "decision"):      # a paragraph starts below the entries of those above it
            need = max(need, last_target + 1)
        for c in COLS:
            es = row.entries[c]
            if nxt[c] < len(es) and es[nxt[c]].para == i:
                first = cur[c] + row.shift.get(c, {}).get(nxt[c], 0.0) + (row.gap * step if nxt[c] else 0)
                need = max(need, first - off)
        k = presses(line, need, step) if kept is None else kept.get(i, 0)
        if k:
            row.resp_pad[i] = k
            line += k * step
        row.para_pos.append(line)
        for c in COLS:
            es = row.entries[c]
            if nxt[c] < len(es) and es[nxt[c]].para == i:
                sh = row.shift.get(c, {}).get(nxt[c], 0.0)      # seen where it is, past a page break
                pad = max(row.gap if nxt[c] else 0, presses(cur[c] + sh, line + off, step))
                cur[c] += pad * step
                t = cur[c] + sh
                row.pads[c].append(pad)
                row.targets[c].append(t)
                cur[c] += height(c, nxt[c])
                nxt[c] += 1
                last_target = max(last_target, t)
        line += n[i] + s


# ---------------------------------------------------------------------------------------------
# docx

def borders(table, rules: str) -> None:
    """Full grid, horizontal rules only, or none."""
    if rules == "full":
        table.style = "Table Grid"
        return
    if rules == "none":
        build.no_borders(table)
        return
    b = OxmlElement("w:tblBorders")
    for side in ("top", "left", "bottom", "right", "insideH", "insideV"):
        e = OxmlElement(f"w:{side}")
        if side in ("top", "bottom", "insideH"):
            e.set(qn("w:val"), "single")
            e.set(qn("w:sz"), "4")
            e.set(qn("w:color"), "000000")
        else:
            e.set(qn("w:val"), "nil")
        b.append(e)
    table._tbl.tblPr.append(b)


def render(case: dict, d: dict[str, str], rows: list[GRow], out: Path) -> None:
    plan, r = case["plan"], case["render"]
    doc, num_ids = build.new_document(case)
    sec = doc.sections[0]
    if d["furniture"] == "running-header" and r["family"] != "V1":
        run = sec.header.paragraphs[0].add_run(f"{case['expected_metadata']['establishment'] or 'HMPPS'} "
                                               f"action plan \u2013 OFFICIAL")
        run.bold = True
    if d["furniture"] == "none":
        for ft in (sec.footer, sec.first_page_footer):
            for p in list(ft.paragraphs)[1:]:
                p._p.getparent().remove(p._p)
            for child in list(ft.paragraphs[0]._p):
                if child.tag != qn("w:pPr"):
                    ft.paragraphs[0]._p.remove(child)
    roles, widths = plan["roles"], plan["widths_cm"]
    col = {role: i for i, role in enumerate(roles)}
    tables = [new_table(doc, plan, d)]
    t = tables[0]
    band = random.Random(f"{case['id']}:band").choice(BAND_FILLS)
    style = d["bullets"]
    recs = case["recommendations"]
    section = None
    by_rec: dict[int, list] = {}
    for row in rows:
        rec = recs[row.rec]
        if (row.first and rec.get("section") and rec["section"] != section
                and d.get("section_place") != "column"):
            section = rec["section"]
            if d.get("tables") == "per-section":     # the section's name before a table of its own
                if len(t.rows) > header_count(plan):
                    t = new_table(doc, plan, d, after=t)
                    tables.append(t)
                heading = doc.add_paragraph()
                heading.add_run(section).bold = True
                t._tbl.addprevious(heading._p)
            else:
                sr = t.add_row()
                merged = sr.cells[0].merge(sr.cells[-1])
                if d["shading"] == "header-and-sections":
                    build.shade(merged, "F2F2F2")
                build.para(merged, section, bold=True, first=True)
        tr = t.add_row()
        cells = tr.cells
        for cell, wd in zip(cells, widths):
            build.set_cell_width(cell, wd)
        by_rec.setdefault(row.rec, []).append(cells)
        if d.get("banding") == "rows" and row.rec % 2:
            for cell in cells:
                build.shade(cell, band)
        if "actno" in col:
            build.para(cells[col["actno"]], f"{row.rec + 1}.{len(by_rec[row.rec])}", first=True)
        # response
        rc = cells[col["resp"]]
        first = True
        for i, p in enumerate(row.paras):
            for _ in range(row.resp_pad.get(i, 0)):
                build.para(rc, "", first=first)
                first = False
            q = build.para(rc, p.text if p.kind != "blank" else "", first=first, bold=p.kind == "decision")
            first = False
            if p.kind in ("bullet", "typed"):
                build.style_bullet(q, p.kind, style, num_ids)
        for c in COLS:
            cell = cells[col[c]]
            first = True
            for e, pad in zip(row.entries[c], row.pads[c]):
                for _ in range(pad):
                    build.para(cell, "", first=first)
                    first = False
                for part in e.lines:
                    build.para(cell, part, first=first)
                    first = False
    # the recommendation's own cells, merged down the rows of its actions when there are several
    for ri, cell_rows in by_rec.items():
        rec = recs[ri]
        merged = {}
        for role in ("area", "ref", "rec", "decision"):
            if role in col:
                top = cell_rows[0][col[role]]
                merged[role] = top.merge(cell_rows[-1][col[role]]) if len(cell_rows) > 1 else top
        if "area" in merged:
            build.para(merged["area"], rec.get("section") or "", first=True)
        if "ref" in merged:
            build.para(merged["ref"], rec["ref"], first=True)
            rc, first = merged["rec"], True
        elif rec["ref"]:                        # V6: the reference heads the concern cell
            rc = merged["rec"]
            build.para(rc, rec["ref"], bold=True, first=True)
            first = False
        else:                                   # no reference printed at all
            rc, first = merged["rec"], True
        head, bullets = rec["text"]
        build.para(rc, head, first=first)
        if bullets:
            build.para(rc, "")
        for i, b in enumerate(bullets):
            printed, kind = build.bullet_text(rec_bullet_style(d), b, i)
            build.style_bullet(build.para(rc, printed), kind, rec_bullet_style(d), num_ids)
        if "decision" in merged:
            build.para(merged["decision"], rec["decision_text"] or "", first=True)
    space_pt, spread = SPACING[d.get("spacing", "none")]
    for t in tables:
        if (space_pt, spread) != SPACING["none"]:    # every paragraph of the plan table's cells, blank ones too
            for p in t._tbl.iter(qn("w:p")):
                pf = Paragraph(p, t._parent).paragraph_format
                pf.space_after, pf.line_spacing = Pt(space_pt), spread
        align_cells(t, roles, d.get("cell_align", "left"), header_count(plan))
    if d["family"] != "V6":
        build.summary_table(doc, case)
    doc.save(out)


def header_count(plan: dict) -> int:
    """Rows the plan table's header takes (`head_rows`)."""
    return 2 if "group" in plan or "title" in plan else 1


def new_table(doc, plan: dict, d: dict[str, str], after=None):
    """A plan table with its header rows, at the document's end or straight `after` another table (a table per
    section: the summary table and the rest follow the last)."""
    roles, widths = plan["roles"], plan["widths_cm"]
    t = doc.add_table(rows=0, cols=len(roles))
    if after is not None:
        after._tbl.addnext(t._tbl)
    borders(t, d["rules"])
    t.alignment = WD_TABLE_ALIGNMENT.LEFT
    t.autofit = False
    build.set_grid(t, widths)
    heads = [t.add_row() for _ in range(header_count(plan))]
    for hr in heads:
        if d["header_repeat"] == "every-page":
            build.repeat_header(hr)
        for cell, wd in zip(hr.cells, widths):
            build.set_cell_width(cell, wd)
            if d["shading"] != "none":
                build.shade(cell, "D9D9D9")
    labels = dict(zip(roles, plan["labels"]))
    if "title" in plan:
        build.para(heads[0].cells[0].merge(heads[0].cells[-1]), plan["title"], bold=True, first=True)
    group = plan.get("group", {}).get("roles", [])
    for k, role in enumerate(roles):
        cell = heads[-1].cells[k]
        if "group" in plan and role not in group:   # a label of its own, merged down both rows
            cell = heads[0].cells[k].merge(cell)
        build.para(cell, labels[role], bold=True, first=True)
    if group:
        first, last = roles.index(group[0]), roles.index(group[-1])
        merged = heads[0].cells[first].merge(heads[0].cells[last])
        build.para(merged, plan["group"]["label"], bold=True, first=True, align=WD_ALIGN_PARAGRAPH.CENTER)
    return t


ALIGNED = {"centre": ({"ref", "decision", "owner", "date"}, WD_ALIGN_PARAGRAPH.CENTER),
           "justify": ({"rec", "resp"}, WD_ALIGN_PARAGRAPH.JUSTIFY)}


def align_cells(t, roles: list[str], how: str, head: int = 1) -> None:
    """Align the plan table's cells as drawn (`cell_align`); section rows (one cell across the table) keep the
    left. Centring also centres the header's labels (its first `head` rows)."""
    if how == "left":
        return
    for ri, tr in enumerate(t._tbl.tr_lst):
        tcs = tr.tc_lst
        if len(tcs) != len(roles):
            continue
        for role, tc in zip(roles, tcs):
            if how == "middle":
                if role in ("ref", "decision") and ri >= head:
                    _Cell(tc, t).vertical_alignment = WD_ALIGN_VERTICAL.CENTER
                continue
            wanted, alignment = ALIGNED[how]
            if role in wanted or (how == "centre" and ri < head):
                for p in tc.iter(qn("w:p")):
                    Paragraph(p, t._parent).alignment = alignment


# ---------------------------------------------------------------------------------------------
# Measuring the render

@dataclass
class Placement:
    """Where one owner/date entry was drawn and where the render put it (for the ground-truth tests)."""
    ref: str
    column: str                   # owner | date
    text: str                     # its first printed line
    placement: str                # level | low1 | low2 | stacked
    order: int                    # its place among the column's entries in the row
    line: float                   # row position (lines from the row's top) it starts at, measured
    target: float                 # row position it was drawn at
    page: int
    top: float
    para_page: int | None         # its paragraph's first line
    para_top: float | None
    row_page: int                 # the row's first measured response line, and its row position
    row_top: float
    row_line: float


def measure(pdf: Path | list, case: dict, d: dict[str, str], rows: list[GRow]) -> tuple[list[str], dict]:
    """Line counts of every paragraph and entry (stored on the rows) and the placement problems found (empty:
    every entry is where it was drawn); also what the render shows (pages, rows broken across pages).
    `pdf`: the PDF's path or its build.page_words."""
    pdf = build.page_words(pdf) if isinstance(pdf, Path | str) else pdf
    plan = case["plan"]
    per, _ = plan_columns(pdf, case, d)
    cols = {role: build.Column(per[i]) for i, role in enumerate(plan["roles"]) if role in ("rec", "resp", *COLS)}
    # a decision printed (in bold) at the top of the response cell is found among the bold words too
    per_bold, _ = plan_columns(pdf, case, d, bold_too=True)
    resp_bold = build.Column(per_bold[plan["roles"].index("resp")])
    recs = case["recommendations"]
    problems: list[str] = []
    placements: list[Placement] = []
    pitches: list[float] = []
    found: list[tuple[GRow, dict, dict]] = []
    broken_rows = 0
    for row in rows:
        rec = recs[row.rec]
        ref = rec["ref"]
        if row.first:
            head, bullets = rec["text"]
            for t in [head, *(build.bullet_text(rec_bullet_style(d), b, i)[0] for i, b in enumerate(bullets))]:
                if cols["rec"].find(t) is None:
                    raise build.Mismatch(f"{ref}: recommendation text not found: {t[:60]!r}")
        spans, decision_lines = {}, {}
        for i, p in enumerate(row.paras):
            if p.kind == "decision":
                span = resp_bold.find(p.text)
                if span is None:
                    raise build.Mismatch(f"{ref}: decision not found at the top of the response: {p.text!r}")
                decision_lines[i] = span[1] - span[0] + 1
                continue
            if p.kind == "blank":
                continue
            span = cols["resp"].find(p.text)
            if span is None:
                raise build.Mismatch(f"{ref}: response paragraph not found: {p.text[:60]!r}")
            spans[i] = span
            ls = cols["resp"].lines[span[0]:span[1] + 1]
            pitches += [b.top - a.top for a, b in zip(ls, ls[1:]) if a.page == b.page]
        row.counts["resp"] = [spans[i][1] - spans[i][0] + 1 if i in spans else decision_lines.get(i, p.est)
                              for i, p in enumerate(row.paras)]
        espans = {}
        for c in COLS:
            espans[c] = []
            for e in row.entries[c]:
                first = last = None
                for part in e.lines:
                    span = cols[c].find(part)
                    if span is None:
                        raise build.Mismatch(f"{ref}: {c} entry not found: {part!r}")
                    first = span[0] if first is None else first
                    last = span[1]
                espans[c].append((first, last))
            row.counts[c] = [b - a + 1 for a, b in espans[c]]
        pages = {cols["resp"].lines[k].page for a, b in spans.values() for k in range(a, b + 1)}
        broken_rows += len(pages) > 1
        found.append((row, spans, espans))
    space_pt, spread = SPACING[d.get("spacing", "none")]
    pitch = statistics.median(pitches) if pitches else int(d["size"]) * LINE_HEIGHT[d["font"]] * spread
    for row, spans, espans in found:
        ref = recs[row.rec]["ref"]
        old = {c: list(row.pads[c]) for c in COLS}, dict(row.resp_pad)
        row.space = space_pt / pitch                # the render's space after, in its own lines
        plan_row(row, keep_response=any(row.shift.values()))      # with the measured counts (and breaks)
        if ({c: row.pads[c] for c in COLS}, row.resp_pad) != old:
            problems.append(f"{ref}: line counts differ from the estimate; padded again")
            continue
        # where each measured response line sits: (row position, line)
        grid = [(row.para_pos[i] + k - a, cols["resp"].lines[k]) for i, (a, b) in sorted(spans.items())
                for k in range(a, b + 1)]
        at = {}                                     # each entry's measured row position against that grid
        for c in COLS:
            for j, (a, _b) in enumerate(espans[c]):
                el = cols[c].lines[a]
                same = [(k, ln) for k, ln in grid if ln.page == el.page]
                if not same:
                    raise build.Mismatch(f"{ref}: {c} entry {j} on page {el.page} has no response line of its "
                                         f"row on that page to be measured against")
                k, ln = min(same, key=lambda x: abs(x[1].top - el.top))
                at[c, j] = k + (el.top - ln.top) / pitch, el
        # past a page break inside a spaced row each cell breaks at a line of its own (the cells keep no common
        # grid), so a column's entries on a later page move alike: as much as its first one there moved
        shift = break_shift(row, {k: (pos, el.page) for k, (pos, el) in at.items()},
                            min(ln.page for _k, ln in grid)) if row.space else {c: {} for c in COLS}
        targets = {c: [t - row.shift.get(c, {}).get(j, 0.0) + shift[c].get(j, 0.0) for j, t in enumerate(ts)]
                   for c, ts in row.targets.items()}
        bad = [f"{ref}: {c} {row.entries[c][j].lines[0]!r} starts at row position {pos:.2f}, drawn at "
               f"{targets[c][j]:.2f}" for (c, j), (pos, _el) in at.items() if abs(pos - targets[c][j]) > 0.3]
        if row.space:                               # (single-spaced rows keep one grid: checked as before)
            bad += misplaced(row, {k: pos for k, (pos, _el) in at.items()}, ref)
        if bad and row.space:       # placed from a break that moved: the entries placed again from this one
            row.shift = shift
            plan_row(row, keep_response=True)       # (moving the response would move the break again)
            if ({c: row.pads[c] for c in COLS}, row.resp_pad) != old:
                problems.append(f"{ref}: a page break moved entries; padded again")
                continue
        problems += bad
        row.shift, row.targets = shift, targets
        for c in COLS:
            for j in range(len(espans[c])):
                (pos, el), target = at[c, j], targets[c][j]
                e = row.entries[c][j]
                pl = cols["resp"].lines[spans[e.para][0]] if e.para in spans else None
                placements.append(Placement(ref, c, e.lines[0], row.placement, j, round(pos, 2), round(target, 2),
                                            el.page, el.top, pl.page if pl else None, pl.top if pl else None,
                                            grid[0][1].page, grid[0][1].top,
                                            round(grid[0][0], 2)))
    npages = len(pdf)
    wrapped = {c: sum(n > len(e.lines) for row in rows for e, n in zip(row.entries[c], row.counts[c]))
               for c in COLS}
    entries = {c: sum(len(row.entries[c]) for row in rows) for c in COLS}
    return problems, {"pages": npages, "rows_broken_across_pages": broken_rows,
                      "owners_wrapped": wrapped["owner"], "dates_wrapped": wrapped["date"],
                      "owner_entries": entries["owner"], "date_entries": entries["date"], "pitch": pitch,
                      "placements": placements}


def break_shift(row: GRow, at: dict[tuple[str, int], tuple[float, int]],
                first_page: int) -> dict[str, dict[int, float]]:
    """How far a page break inside the row moved each entry of a column on a later page than the row's first
    (`first_page`): the amount its column's first entry on that page sits off its unshifted target, given the
    entries' measured row positions and pages `at` (the cells of a spaced row break each at a line of its own)."""
    shift: dict[str, dict[int, float]] = {c: {} for c in COLS}
    for (c, j), (_pos, page) in at.items():
        if page != first_page:
            j0 = min(i for (c2, i), (_p, pg) in at.items() if c2 == c and pg == page)
            shift[c][j] = at[c, j0][0] - (row.targets[c][j0] - row.shift.get(c, {}).get(j0, 0.0))
    return shift


def misplaced(row: GRow, pos: dict[tuple[str, int], float], ref: str) -> list[str]:
    """Where the entries at row positions `pos` (measured against the response cell) break the typist's rules:
    each entry at or just above its target and less than a blank paragraph below it, each paragraph starting
    below the entries of those above it. (Stacked entries follow each other whatever the paragraphs do.)"""
    if row.placement == "stacked":
        return []
    off, step, out = {"level": 0, "low1": 1, "low2": 2}[row.placement], 1 + row.space, []
    for (c, j), at in pos.items():
        e = row.entries[c][j]
        lo = row.para_pos[e.para] + off - TYPED_ABOVE
        if not lo - 0.1 <= at < lo + step + 0.1:
            out.append(f"{ref}: {c} {e.lines[0]!r} at row position {at:.2f}, not just below {lo:.2f}")
        for i in range(e.para + 1, len(row.paras)):
            if row.paras[i].kind not in ("blank", "decision") and at > row.para_pos[i] - 1 + TYPED_ABOVE + 0.1:
                out.append(f"{ref}: {c} {e.lines[0]!r} at row position {at:.2f}, not above paragraph {i}")
                break
    return out


def header_words(plan: dict, d: dict[str, str]) -> set[str]:
    """The header row's words that mark the table's first page (a column drawn to break words may break its
    header's too, so its words are left out)."""
    return {build.squash(w) for role, lab in zip(plan["roles"], plan["labels"]) if role != d["word_breaks"]
            for w in lab.split()} - {""}


def plan_columns(pdf, case: dict, d: dict[str, str], bold_too: bool = False):
    """(each column's lines as build.column_lines reads them, the column edges in points) of a rendered plan."""
    plan, r = case["plan"], case["render"]
    edges = [r["margins_cm"] / 2.54 * 72]
    for w in plan["widths_cm"]:
        edges.append(edges[-1] + w / 2.54 * 72)
    per = build.column_lines(pdf, edges, r["top_margin_cm"] / 2.54 * 72, r["bottom_margin_cm"] / 2.54 * 72,
                             header_words(plan, d), bold_too=bold_too)
    return per, edges


def broken_words(pdf: Path | list, case: dict, d: dict[str, str]) -> list[str]:
    """Words split inside a cell (build.broken_in over this plan's columns and words); `pdf` as for measure."""
    plan = case["plan"]
    per, _ = plan_columns(pdf, case, d, bold_too=True)
    texts = build._strings(case["recommendations"]) + plan["labels"]
    vocab = {t for s in texts for t in s.split()}
    return build.broken_in({role: per[i] for i, role in enumerate(plan["roles"])}, vocab)


# ---------------------------------------------------------------------------------------------
# Driver

@dataclass
class Plan:
    name: str
    seed: int
    index: int
    drawn: dict[str, str]
    case: dict
    rows: list[GRow]
    expected: dict
    attempt: int = 0
    problems: list[str] = field(default_factory=lambda: ["not rendered"])
    measured: dict = field(default_factory=dict)
    error: str | None = None
    rounds: int = 0


def make_plan(seed: int, index: int, attempt: int = 0) -> Plan:
    d = draw(seed, index)
    case = make_case(seed, index, d, attempt)
    build.check_case(case)
    exp = build.expected(case)
    return Plan(case["id"], seed, index, d, case, build_rows(case, d), exp, attempt)


def _convert_parallel(docxs: list[Path], outdir: Path, workers: int) -> None:
    """One LibreOffice process per worker, each converting its share of the files in one run, each with a
    profile of its own inside `outdir` (a temporary folder: no other soffice is disturbed, nothing is left)."""
    chunks = [docxs[k::workers] for k in range(workers) if docxs[k::workers]]

    def run(k: int) -> None:
        build.convert(chunks[k], outdir, profile=outdir / f"lo-profile-{k}", timeout=1800)
    with concurrent.futures.ThreadPoolExecutor(len(chunks)) as ex:
        list(ex.map(run, range(len(chunks))))


def _measure_one(args):
    pdf, case, d, rows = args
    try:
        words = build.page_words(pdf)                # read once, measured twice
        probs, measured = measure(words, case, d, rows)
        if not probs:
            measured["broken_words"] = broken_words(words, case, d)
        return probs, measured, rows, None
    except build.Mismatch as e:
        return [], {}, rows, str(e)


def render_plans(plans: list[Plan], out: Path, workers: int = 2, log=None) -> list[Plan]:
    """Render, measure, re-pad and render again until every plan's entries sit where drawn (at most
    MAX_ROUNDS renders); a plan whose render cannot be verified is drawn again with other content for the
    same layout (up to ATTEMPTS times). Writes each verified plan's PDF, expected records and drawn values
    into `out`, and the drawn values with the reason for a plan that could not be verified."""
    out.mkdir(parents=True, exist_ok=True)
    log = log or (lambda s: print(s, file=sys.stderr))
    plans = list(plans)
    with tempfile.TemporaryDirectory(prefix="actionplans-generate-") as tmp:
        tmpd = Path(tmp)
        rnd = 0
        while True:
            for k, p in enumerate(plans):            # not verifiable: the same layout with other content
                if p.error and p.attempt + 1 < ATTEMPTS:
                    plans[k] = make_plan(p.seed, p.index, p.attempt + 1)
            todo = [p for p in plans if p.problems and not p.error]
            if not todo:
                break
            rnd += 1
            t0 = time.perf_counter()
            docxs = []
            for p in todo:
                dx = tmpd / f"{p.name}.docx"
                render(p.case, p.drawn, p.rows, dx)
                docxs.append(dx)
            _convert_parallel(docxs, tmpd, workers)
            t1 = time.perf_counter()
            jobs = [(tmpd / f"{p.name}.pdf", p.case, p.drawn, p.rows) for p in todo]
            with concurrent.futures.ProcessPoolExecutor(workers) as ex:
                results = list(ex.map(_measure_one, jobs))
            for p, (probs, measured, rows, err) in zip(todo, results):
                p.rows, p.problems, p.measured, p.error = rows, probs, measured, err
                p.rounds += 1
                if not probs and not err and measured.get("broken_words") and p.drawn["word_breaks"] == "none":
                    p.error = "words broken inside a cell: " + "; ".join(measured["broken_words"][:3])
                if probs and p.rounds >= MAX_ROUNDS:
                    p.error = "placement not verified: " + "; ".join(probs[:3])
                if not p.problems and not p.error and not build.same_render(tmpd / f"{p.name}.pdf",
                                                                            out / f"{p.name}.pdf"):
                    shutil.copy(tmpd / f"{p.name}.pdf", out / f"{p.name}.pdf")   # (same words: keep git quiet)
            left = sum(1 for p in todo if p.problems and not p.error)
            retry = sum(1 for p in todo if p.error)
            log(f"round {rnd}: {len(todo)} rendered in {t1 - t0:.0f} s, measured in "
                f"{time.perf_counter() - t1:.0f} s; {left} to pad again, {retry} not verifiable")
    for p in plans:
        write_plan(p, out)
    return plans


def write_plan(p: Plan, out: Path) -> None:
    """`<name>.expected.json` and `<name>.drawn.json` (always; with the reason when the plan failed)."""
    drawn = {"id": p.name, "seed": p.seed, "index": p.index, "attempt": p.attempt, "drawn": p.drawn,
             "layout": {k: p.case["plan"][k] for k in ("roles", "labels", "widths_cm")},
             "measured": {**{k: v for k, v in p.measured.items()
                             if k in ("pages", "rows_broken_across_pages", "owners_wrapped", "dates_wrapped",
                                      "owner_entries", "date_entries")},
                          "words_broken": len(p.measured.get("broken_words", []))},
             "verified": p.error is None}
    if p.error:
        drawn["error"] = p.error
    (out / f"{p.name}.drawn.json").write_text(json.dumps(drawn, indent=1, ensure_ascii=False) + "\n",
                                              encoding="utf-8")
    if p.error is None:
        (out / f"{p.name}.expected.json").write_text(json.dumps(p.expected, indent=1, ensure_ascii=False) + "\n",
                                                     encoding="utf-8")


def generate(seed: int, indices: list[int], out: Path, workers: int = 2, log=None) -> list[Plan]:
    """Plans `indices` of `seed`, rendered into `out`."""
    return render_plans([make_plan(seed, i) for i in indices], out, workers, log)


def cover_sample(seed: int = SAMPLE_SEED, pool: int = SAMPLE_POOL, skip: tuple[int, ...] = SAMPLE_SKIP) -> list[int]:
    """Plans of `seed` that between them show every value of every dimension (greedy set cover), leaving out
    `skip` (plans that could not be verified: `--sample` says which)."""
    want = {(k, v) for k, vs in DIMENSIONS.items() for v in vs}
    draws = {i: {(k, v) for k, v in draw(seed, i).items()} for i in range(pool) if i not in skip}
    chosen: list[int] = []
    while want:
        best = max(draws, key=lambda i: (len(draws[i] & want), -i))
        if not draws[best] & want:
            raise SystemExit(f"Error: {sorted(want)} never drawn in {pool} plans of seed {seed}")
        chosen.append(best)
        want -= draws.pop(best)
    return sorted(chosen)


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--n", type=int, default=20, help="number of plans")
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--out", type=Path, default=Path("benchmarks/out/generated"))
    ap.add_argument("--workers", type=int, default=2)
    ap.add_argument("--sample", action="store_true", help=f"rewrite the committed sample in {SAMPLE_DIR}")
    a = ap.parse_args(argv)
    t0 = time.perf_counter()
    if a.sample:
        idx = cover_sample()
        keep = {f"gen-{SAMPLE_SEED}-{i:03d}" for i in idx}
        for f in SAMPLE_DIR.glob("gen-*"):
            if f.name.split(".")[0] not in keep:
                f.unlink()
        plans = generate(SAMPLE_SEED, idx, SAMPLE_DIR, a.workers)
    else:
        plans = generate(a.seed, list(range(a.n)), a.out, a.workers)
    bad = [p for p in plans if p.error]
    for p in bad:
        print(f"  {p.name}: {p.error}", file=sys.stderr)
    print(f"{len(plans) - len(bad)} of {len(plans)} plans written in {time.perf_counter() - t0:.0f} s "
          f"(seed {SAMPLE_SEED if a.sample else a.seed})", file=sys.stderr)


if __name__ == "__main__":
    main()
