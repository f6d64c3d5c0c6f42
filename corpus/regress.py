"""Regression plans for the four failure classes of issue 10, written by hand, and the broken-row plan of the
degradation test.

    python corpus/regress.py [names...]      # all of them by default

Each plan here is a sample made for this project (invented prisons, posts and people), written fresh for one
failure class and named for what it exercises:

- `regress-concerns-one-row-per-action`: a post-2022 concerns plan with one table row per action, the ref,
  concern and decision cells merged down the rows of their actions, every ref (`Priority concern 1`,
  `Key concern 3`) broken over two lines by a narrow column and one of them broken over a page break.
- `regress-owners-stacked-unlisted-posts`: owners typed one per line in a narrow column with no separator
  and no blank line (a contractor's acronym, a local post, a national post), posts no gazetteer lists, and
  two posts that each contain "and" joined by " and ".
- `regress-unruled-unlisted-sections`: no ruling lines at all, section rows whose names no code lists,
  decisions worded unusually, words broken mid-word by a column narrower than the word, and a post wrapped
  over a page break.
- `regress-entries-off-level`: owners and dates typed one or two lines below their paragraph, and in other
  rows stacked at the top of the cell in order.

The broken-row plan (`tests/data/degrade/regress-broken-row.pdf`) has one recommendation whose text cell is
empty and one target date no parser reads; it has no expected file (it is read by tests/test_degrade.py).

Rendering reuses `generate.py`'s table model (one row per recommendation or per action with merged cells,
rules, per-row placement of entries, measured and padded again until every owner and date sits where it
was typed) and `build.expected` for the expected records, which come from the records written below,
never from the extractor. Where a plan needs a row to break over a page at a given line (a ref, a wrapped
post), blank lines are added at the foot of the row before it, the PDF measured, and the count adjusted
until the render shows the break.
"""

from __future__ import annotations

import copy
import json
import shutil
import sys
import tempfile
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

HERE = Path(__file__).resolve().parent
if str(HERE) not in sys.path:
    sys.path.insert(0, str(HERE))

import build  # noqa: E402
import generate  # noqa: E402

ROOT = HERE.parent
PENDING = HERE / "regress-pending"          # plans extraction does not yet meet the thresholds on
DEGRADE = ROOT / "tests" / "data" / "degrade"
MAX_RENDERS = 12
# Plans extraction does not yet read to the thresholds: written to PENDING (which `evaluate corpus/` does not
# read) until it does; then drop the name here and move the two files up into corpus/.
PENDING_NAMES = {"regress-owners-stacked-unlisted-posts"}


# ---------------------------------------------------------------------------------------------
# Records as a person reads them (the case format of build.py)

def A(text: str, owners: list[str] | None = None, date: str | None = None, join: str = "\n") -> dict:
    """An action: its text, its owners (printed joined by `join`; one per line by default) and date."""
    owners = owners or []
    return {"text": text, "owner": join.join(owners) if owners else None, "owners": owners, "target_date": date}


def G(lead: str | None, owners: list[str] | None = None, date: str | None = None, actions=(),
      join: str = "\n") -> dict:
    g = A(lead or "", owners, date, join)
    return {"lead": lead, "owner": g["owner"], "owners": g["owners"], "target_date": date, "actions": list(actions)}


DEC = {"Agreed": "agreed", "Partly Agreed": "partly_agreed", "Not Agreed": "not_agreed", "Not agreed": "not_agreed",
       # unusual wording, read as a person reads it: agreed to a part only; agreed, with the commitment whole
       "Agreed in part": "partly_agreed", "Agreed in principle": "agreed"}


def R(ref: str, head: str, dec: str | None, groups: list[dict], section: str | None = None,
      bullets: list[str] | None = None) -> dict:
    r = {"ref": ref, "text": [head, bullets or []], "decision": DEC[dec] if dec else None, "decision_text": dec,
         "groups": groups}
    if section:
        r["section"] = section
    return r


def cover(est: str, submitted: str, inspection: str, published: str, iso: tuple[str, str], family: str) -> dict:
    """The cover fields, what a reader takes from them, and the expected metadata."""
    return {
        "cover": {"action_plan_line": est, "submitted": submitted, "inspection": inspection, "published": published,
                  "table_title": f"ACTION PLAN: {est}"},
        "meta": {"action_plan": est, "action_plan_submitted": submitted, "response_to": inspection,
                 "report_published": published},
        "expected_metadata": {"title": f"Action Plan: {est}", "establishment": est, "kind": "establishment",
                              "family": family, "submitted": iso[0], "report_published": iso[1],
                              "inspection_dates": inspection}}


def render_spec(family: str, orientation: str, font: str, size: int, colons: bool = True) -> dict:
    return {"family": family, "decisions": "agreed", "orientation": orientation, "font": font, "size": size,
            "colons": colons, "page_numbers": "of", "top_margin_cm": 2.2, "margins_cm": 1.6, "bottom_margin_cm": 2.0,
            "definitions": True}


def drawn(**kw: str) -> dict[str, str]:
    """The generator's layout values this plan uses (generate.render and measure read them)."""
    d = {"family": "V3", "font": "Liberation Sans", "size": "10", "bullets": "word", "rows": "per-recommendation",
         "decision_place": "column", "placement": "level", "entry_gap": "1", "furniture": "footer", "rules": "full",
         "header_repeat": "every-page", "shading": "header", "word_breaks": "none"}
    d.update(kw)
    return d


V3_HEADS = ["Rec No", "Recommendation", "Agreed/ Partly Agreed/ Not Agreed", "Response Action Taken/Planned",
            "Responsible Owner", "Target Date"]
ROLES = ["ref", "rec", "decision", "resp", "owner", "date"]


# ---------------------------------------------------------------------------------------------
# 1. A concerns plan with one table row per action

def concerns_plan() -> dict:
    recs = [
        R("Priority concern 1", "Too many prisoners were locked in their cells for more than 22 hours a day, and "
          "leaders had no credible plan to increase the time prisoners spent unlocked.", "Agreed", [
            G("A revised core day will be introduced on every residential unit.", ["Head of Residence"], "April 2024", [
                A("Publish a core day that gives every prisoner at least two hours unlocked each weekday.",
                  ["Head of Residence"], "30 April 2024"),
                A("Measure the time unlocked on each wing every week and report it to the senior leadership team.",
                  ["Performance Hub Manager"], "Weekly"),
                A("Recruit twelve additional prison officers to staff an extended evening regime.",
                  ["Deputy Governor"], "30 June 2024")])]),
        R("Priority concern 2", "Black and mixed heritage prisoners were more likely than white prisoners to be placed "
          "on the basic level of the incentives scheme, and leaders had not explored why.", "Agreed", [
            G(None, actions=[
                A("Analyse incentives decisions by ethnicity every month at the equality action team meeting.",
                  ["Equalities Lead"], "Monthly"),
                A("Hold focus groups with black and mixed heritage prisoners about their experience of the "
                  "incentives scheme.", ["Equalities Lead"], "May 2024"),
                A("Require a second manager to review every move to basic before it takes effect.",
                  ["Head of Safety"], "31/03/2024")])]),
        R("Key concern 3", "Reception was cramped and dirty, and new arrivals waited too long in the holding rooms.",
          "Partly Agreed", [
            G("Refurbishing reception depends on central capital funding, which has not been allocated; in the "
              "meantime the following will be done.", actions=[
                A("Deep clean the reception holding rooms and repair the fixed seating.", ["FM Manager"],
                  "31/03/2024"),
                A("Set a maximum wait of two hours in the holding rooms and record every breach.",
                  ["Reception Custodial Manager"], "April 2024")])]),
        R("Key concern 4", "Prisoners could not rely on their property arriving with them after a transfer.",
          "Agreed", [
            G(None, actions=[
                A("Introduce a property log that follows each prisoner's sealed bags between establishments.",
                  ["Head of Operations"], "Q1 2024/25"),
                A("Resolve every outstanding property complaint older than three months.",
                  ["Business Hub Manager"], "End of Q1 2024/25")])]),
        R("Key concern 5", "Health care staff did not see new arrivals for a secondary health screening within seven "
          "days of their arrival.", "Agreed", [
            G(None, actions=[
                A("Book a secondary screening appointment in reception so that every new arrival is seen within "
                  "seven days.", ["Head of Healthcare"], "June 2024"),
                A("Audit the timeliness of secondary screening every quarter.", ["Health Partnership Board"],
                  "Quarterly")])]),
        R("Key concern 6", "Too few prisoners were released to settled accommodation.", "Not Agreed", [
            G("The prison does not commission housing on release; the Probation Service and local authorities do. "
              "The prison will continue to refer every prisoner at least twelve weeks before release.")]),
        R("Key concern 7", "Segregation was used often, and some prisoners stayed there for many weeks without a plan "
          "for their return to a residential unit.", "Agreed", [
            G(None, actions=[
                A("Review every stay in segregation longer than fourteen days at the weekly segregation review "
                  "board.", ["Head of Safety"], "Weekly"),
                A("Write a reintegration plan for each segregated prisoner within 72 hours of arrival.",
                  ["Segregation Unit Manager"], "31 May 2024"),
                A("Commission an external review of the use of segregation.", ["Prison Group Director"],
                  "September 2024")])]),
    ]
    est = "HMP Ravensgate"
    case = {"id": "regress-concerns-one-row-per-action", "layout_id": "regress-v8-one-row-per-action",
            "render": render_spec("V8", "landscape", "Liberation Sans", 10),
            **cover(est, "14 February 2024", "11-21 September 2023", "5 December 2023",
                    ("2024-02-14", "2023-12-05"), "V8"),
            "recommendations": recs}
    case["plan"] = {"roles": ROLES, "labels": ["Concern", "Priority and key concerns",
                                               "Agreed/ Partly Agreed/ Not Agreed", "Response Action Taken/Planned",
                                               "Responsible Owner", "Target Date"],
                    "widths_cm": [2.0, 6.2, 2.6, 9.4, 3.6, 2.7]}
    return case


# ---------------------------------------------------------------------------------------------
# 2. Owners stacked one per line in a narrow column, posts no gazetteer lists

def owners_plan() -> dict:
    AND = " and "
    recs = [
        R("1", "Leaders should make sure that cells, showers and communal areas are kept clean and in good repair, "
          "and that repairs are completed promptly. (2.14)", "Agreed", [
            G(None, actions=[
                A("Complete a condition survey of every cell and shower on the older wings.",
                  ["GFSL", "Wing Improvement Lead", "Director of Estates"], "May 2021"),
                A("Agree a repair schedule with the facilities provider and track it at the monthly contract meeting.",
                  ["GFSL", "Head of Estate Services"], "June 2021"),
                A("Replace the shower units on two wings.", ["Deputy Director Prison Estate Transformation"],
                  "March 2022")])]),
        R("2", "Prisoners should have access to education, training or work that meets their needs, and activity "
          "places should be fully used. (3.8)", "Agreed", [
            G("A new allocation process will be introduced.", ["Head of Learning and Skills", "Head of Education and "
              "Employment"], "July 2021", join=AND, actions=[
                A("Match each prisoner to an activity within ten days of arrival using their initial assessment.",
                  ["Regime Recovery Manager"], "August 2021"),
                A("Report attendance and unused places to the senior leadership team each month.",
                  ["Regime Recovery Manager", "Head of Learning and Skills"], "Monthly")])]),
        R("3", "Leaders should investigate why prisoners from minority ethnic backgrounds report poorer treatment by "
          "staff, and act on what they find. (2.31)", "Agreed", [
            G(None, actions=[
                A("Survey prisoners about their treatment by staff, with results analysed by ethnicity.",
                  ["Safety and Equality Lead", "Residence and Regime Manager"], "September 2021", join=AND),
                A("Hold a listening forum on each wing every quarter and publish the actions agreed.",
                  ["Safety and Equality Lead"], "Quarterly"),
                A("Review the findings with the prison group's equality adviser.",
                  ["Safety and Equality Lead", "Prison Group Equality Adviser"], "December 2021")])]),
        R("4", "The canteen and catalogue ordering systems should be reliable, and prisoners should receive "
          "their orders in full. (2.40)", "Partly Agreed", [
            G("The canteen contract is let nationally; the prison will do the following.", actions=[
                A("Log every incomplete canteen order and send the log to the provider each week.",
                  ["DHL", "Canteen Contract Manager", "Deputy Director Custody"], "Weekly"),
                A("Reimburse prisoners for missing items within seven days.",
                  ["Canteen Contract Manager"], "Immediate")])]),
        R("5", "Families should be able to book visits easily, and visits should start on time. (4.12)", "Agreed", [
            G(None, actions=[
                A("Open a second booking line and extend its hours to weekday evenings.",
                  ["Family Services Coordinator", "Visits Custodial Manager"], "June 2021"),
                A("Record the start time of every visits session and review delays at the security meeting.",
                  ["Visits Custodial Manager"], "Monthly"),
                A("Introduce video calls for families who live far away.",
                  ["PACT", "Family Services Coordinator", "Director of Family Services"], "October 2021")])]),
    ]
    est = "HMP Stanbridge Moor"
    case = {"id": "regress-owners-stacked-unlisted-posts", "layout_id": "regress-v3-stacked-owners",
            "render": render_spec("V3", "landscape", "Liberation Serif", 10),
            **cover(est, "9 April 2021", "2-12 November 2020", "2 February 2021", ("2021-04-09", "2021-02-02"), "V3"),
            "recommendations": recs}
    case["plan"] = {"roles": ROLES, "labels": V3_HEADS, "widths_cm": [1.3, 6.4, 2.6, 10.8, 2.8, 2.6]}
    return case


# ---------------------------------------------------------------------------------------------
# 3. No ruling lines, unlisted section rows, unusual decisions, broken words, a post over a page break

def unruled_plan() -> dict:
    s1, s2, s3 = "Arrival and first days", "Life on the wings", "Getting ready to leave"
    recs = [
        R("R1", "New arrivals should be interviewed in private and given the information they need in a language they "
          "understand.", "Agreed", [
            G(None, actions=[
                A("Use the interview room off reception for every first night interview.", ["Head of Residence"],
                  "March 2021"),
                A("Provide first night leaflets in the ten languages most spoken at Wellow Down.",
                  ["Equalities Lead"], "April 2021")])], section=s1),
        R("R2", "Leaders should find out why prisoners from a Gypsy, Roma or Traveller background are "
          "disproportionately placed on the basic regime, and act on the findings.", "Agreed in part", [
            G("The analysis is agreed; a dedicated worker cannot be funded this year.", actions=[
                A("Analyse incentives reviews by ethnicity each quarter at the equality meeting.",
                  ["Equalities Lead"], "Quarterly"),
                A("Consult prisoners from a Gypsy, Roma or Traveller background about their experience.",
                  ["Equalities Lead"], "June 2021")])], section=s1),
        R("R3", "Every prisoner should be unlocked for at least two hours a day, including at weekends.",
          "Agreed in principle", [
            G("Weekend staffing will be reviewed before the regime is extended.", actions=[
                A("Model weekend staffing for a two hour unlock on every wing.", ["Deputy Governor"], "May 2021"),
                A("Introduce the weekend regime once the staffing model is approved.", ["Head of Offender Management"],
                  "September 2021")])], section=s2),
        R("R4", "Cells designed for one person should not hold two.", "Not agreed", [
            G("The prison's certified normal accommodation is set nationally and current population pressures mean "
              "that shared cells will remain.")], section=s2),
        R("R5", "Prisoners should have prompt access to a GP and to a dentist.", "Agreed", [
            G(None, actions=[
                A("Add two GP sessions a week and monitor waiting times monthly.", ["Head of Healthcare"],
                  "July 2021"),
                A("Commission an extra dental session each week.", ["Head of Healthcare"], "August 2021")])],
          section=s2),
        R("R6", "Prisoners should be able to buy fresh fruit and vegetables from the canteen at reasonable prices.",
          "Agreed", [
            G(None, actions=[
                A("Add fresh fruit to the canteen list after consulting the prisoner council.", ["Head of Residence"],
                  "June 2021"),
                A("Compare canteen prices with local shops twice a year and publish the comparison on each wing.",
                  ["Business Hub Manager"], "October 2021")])], section=s2),
        R("R7", "Staff should challenge prisoners who use discriminatory language, and every incident should be "
          "recorded and investigated.", "Agreed", [
            G("All staff will complete the refreshed equality training.", ["Equalities Lead"], "August 2021", [
                A("Record every incident of discriminatory language on a discrimination incident report form.",
                  ["Head of Safety"], "Immediate"),
                A("Analyse the forms each quarter by protected characteristic and report to the equality meeting.",
                  ["Equalities Lead"], "Quarterly")])], section=s2),
        R("R8", "Prisoners should have an address to go to on the day of their release.", "Agreed", [
            G(None, actions=[
                A("Refer every prisoner to the local authority housing team twelve weeks before release.",
                  ["Accommodation Lead"], "April 2021"),
                A("Track the accommodation outcome of every release and report it to the reducing reoffending "
                  "meeting.", ["Accommodation Lead"], "Monthly"),
                A("Agree a protocol with the two nearest councils for prisoners released on a Friday.",
                  ["Head of Offender Management"], "October 2021")])], section=s3),
        R("R9", "Prisoners should be able to open a bank account and obtain identification before release.",
          "Agreed", [
            G(None, actions=[
                A("Run a monthly banking and identification clinic with the resettlement provider.",
                  ["Head of Offender Management"], "June 2021"),
                A("Record the identification held by each prisoner at the twelve week review.",
                  ["Accommodation Lead"], "July 2021")])], section=s3),
        R("R10", "Prisoners serving long sentences should have a sentence plan that is reviewed every year.",
          "Agreed", [
            G(None, actions=[
                A("Allocate a prison offender manager to every prisoner with more than four years to serve.",
                  ["Head of Offender Management"], "December 2021"),
                A("Review each sentence plan on the anniversary of sentence.", ["Senior Probation Officer"],
                  "Annually")])], section=s3),
    ]
    est = "HMP Wellow Down"
    case = {"id": "regress-unruled-unlisted-sections", "layout_id": "regress-v3-unruled-sections",
            "render": render_spec("V3", "portrait", "Liberation Sans", 9),
            **cover(est, "26 February 2021", "5-15 October 2020", "19 January 2021", ("2021-02-26", "2021-01-19"),
                    "V3"),
            "recommendations": recs}
    # The owner column is narrower than its longest words ("Accommodation", "Management"), so LibreOffice
    # breaks them where the column ends, with no hyphen.
    case["plan"] = {"roles": ROLES, "labels": [*V3_HEADS[:4], "Owner", "Target Date"],
                    "widths_cm": [1.1, 3.1, 1.9, 7.5, 2.0, 2.2]}
    return case


# ---------------------------------------------------------------------------------------------
# 4. Owners and dates off the level of their paragraph

def off_level_plan() -> dict:
    recs = [
        R("1.1", "Leaders should make sure that staff use body-worn video cameras during every planned use of force.",
          "Agreed", [
            G(None, actions=[
                A("Issue a notice to staff that cameras must be switched on before every planned intervention.",
                  ["Head of Security"], "January 2022"),
                A("Check the footage of every planned use of force at the weekly use of force meeting.",
                  ["Use of Force Coordinator"], "Weekly"),
                A("Include camera use in the annual refresher training for all officers.", ["Training Manager"],
                  "March 2022")])]),
        R("1.2", "Self-harm reviews should be held on time and involve the prisoner and the staff who know them best.",
          "Agreed", [
            G("The safer custody team will audit case reviews.", ["Safer Custody Manager"], "February 2022", [
                A("Audit ten open ACCT documents a month for the timeliness of reviews.", ["Safer Custody Manager"],
                  "Monthly"),
                A("Invite the prisoner's key worker to every case review.", ["Head of Residence"], "Immediate")])]),
        R("2.1", "Prisoners should be able to make complaints confidentially and receive a reply within the "
          "published timescales.", "Agreed", [
            G(None, actions=[
                A("Fit locked complaint boxes on every landing.", ["Business Hub Manager"], "December 2021"),
                A("Report replies that are late to the senior leadership team every month.", ["Deputy Governor"],
                  "Monthly"),
                A("Review a sample of replies for quality each quarter.", ["Governor"], "Quarterly")])]),
        R("2.2", "Leaders should make sure that prisoners with disabilities have a personal evacuation plan.",
          "Agreed", [
            G(None, actions=[
                A("Identify every prisoner with a disability at reception and on the wings.", ["Equalities Lead"],
                  "November 2021"),
                A("Write a personal emergency evacuation plan for each of them and share it with night staff.",
                  ["Head of Residence"], "January 2022")])]),
        R("3.1", "Leaders should increase the number of full-time activity places so that every prisoner can be "
          "allocated to one.", "Partly Agreed", [
            G("Workshop space limits the number of places; the following will be done.", actions=[
                A("Convert the former laundry into a second industries workshop.", ["Head of Industries"],
                  "June 2022"),
                A("Offer part-time places to everyone on the waiting list meanwhile.", ["Head of Learning and Skills"],
                  "January 2022")])]),
        R("3.2", "The library should be open in the evenings and at weekends.", "Agreed", [
            G(None, actions=[
                A("Agree evening opening with the library service.", ["Library Manager"], "February 2022"),
                A("Open the library on Saturday mornings.", ["Library Manager"], "April 2022"),
                A("Publish the library timetable on every wing.", ["Head of Residence"], "April 2022")])]),
    ]
    est = "HMP Fenwick Grange"
    case = {"id": "regress-entries-off-level", "layout_id": "regress-v3-entries-off-level",
            "render": render_spec("V3", "landscape", "Liberation Serif", 11),
            **cover(est, "15 October 2021", "21 June-1 July 2021", "7 September 2021", ("2021-10-15", "2021-09-07"),
                    "V3"),
            "recommendations": recs}
    case["plan"] = {"roles": ROLES, "labels": V3_HEADS, "widths_cm": [1.4, 6.0, 2.7, 10.0, 3.8, 2.6]}
    return case


# ---------------------------------------------------------------------------------------------
# The broken-row plan of tests/test_degrade.py

def broken_row_plan() -> dict:
    recs = [
        R("1", "Leaders should make sure that every prisoner has a keyworker session each week.", "Agreed", [
            G(None, actions=[
                A("Publish a keyworker rota for every wing.", ["Head of Residence"], "March 2022"),
                A("Report completed sessions to the senior leadership team.", ["Deputy Governor"], "Monthly")])]),
        # The recommendation text cell is empty: the row is kept with a warning, the others still load.
        R("2", "", "Agreed", [
            G(None, actions=[
                A("Replace the broken kettles and toasters on the wing servery.", ["Head of Residence"],
                  "April 2022"),
                A("Check the servery equipment at each weekly wing inspection.", ["Residential Custodial Manager"],
                  "Weekly")])]),
        R("3", "The gym should be open to prisoners on every wing at least twice a week.", "Partly Agreed", [
            G("Staffing allows three wings at present.", actions=[
                A("Recruit two physical education instructors.", ["Head of Learning and Skills"],
                  "when funding allows"),
                A("Open evening gym sessions for the remaining wings.", ["PE Manager"], "September 2022")])]),
        R("4", "Prisoners should receive their property within two weeks of arrival.", "Agreed", [
            G(None, actions=[
                A("Track property transfers in reception daily.", ["Reception Supervisor"], "February 2022")])]),
    ]
    est = "HMP Oldcastle Reach"
    case = {"id": "regress-broken-row", "layout_id": "regress-v3-broken-row",
            "render": render_spec("V3", "landscape", "Liberation Sans", 10),
            **cover(est, "4 January 2022", "6-16 September 2021", "23 November 2021", ("2022-01-04", "2021-11-23"),
                    "V3"),
            "recommendations": recs, "due_dates": {"when funding allows": None}}
    case["plan"] = {"roles": ROLES, "labels": V3_HEADS, "widths_cm": [1.4, 6.3, 2.7, 9.8, 3.6, 2.7]}
    return case


# ---------------------------------------------------------------------------------------------
# Page-break targets: where a row must break over a page, checked on the render

@dataclass
class Target:
    """A break a render must show: `check(columns, pitch)` returns None when it does, else the ref of the
    recommendation whose row should move and how many lines lower it should start."""
    what: str
    check: Callable[[dict[str, list[build.Line]], float], tuple[str, int] | None]


def _page_last(lines_by_col: dict[str, list[build.Line]]) -> dict[int, float]:
    """Top of the lowest table line on each page."""
    out: dict[int, float] = {}
    for lines in lines_by_col.values():
        for ln in lines:
            out[ln.page] = max(out.get(ln.page, 0.0), ln.top)
    return out


def ref_over_page(refs: list[str]) -> Callable:
    """One of `refs` (each printed over two lines) has its first line on one page and its second on the next."""
    def check(cols: dict[str, list[build.Line]], pitch: float) -> tuple[str, int] | None:
        lines, last = cols["ref"], _page_last(cols)
        best = None
        for ref in refs:
            head = ref.split()[0]
            for a, b in zip(lines, lines[1:]):
                if a.text == head and b.text == " ".join(ref.split()[1:]):
                    if b.page == a.page + 1:
                        return None
                    if a.page + 1 in last:              # the table goes on: pushing it down will break it
                        need = round((last[a.page] - a.top) / pitch)
                        if best is None or need < best[1]:
                            best = (ref, need)
        if best is None:
            raise SystemExit(f"Error: none of {refs} printed over two lines where it could meet a page break")
        return best
    return check


def entry_over_page(case: dict, min_lines: int = 3) -> Callable:
    """An owner entry printed over `min_lines` or more lines starts on one page and ends on the next."""
    def check(cols: dict[str, list[build.Line]], pitch: float) -> tuple[str, int] | None:
        col = build.Column(cols["owner"])
        last = _page_last(cols)
        best = None
        for rec in case["recommendations"]:
            for g in rec["groups"]:
                for item in [g, *g["actions"]]:
                    if not item.get("owner"):
                        continue
                    span = col.find(item["owner"])
                    if span is None:
                        raise SystemExit(f"Error: owner {item['owner']!r} not found in the render")
                    a, b = col.lines[span[0]], col.lines[span[1]]
                    if span[1] - span[0] + 1 < min_lines:
                        continue
                    if b.page == a.page + 1:
                        return None
                    if a.page + 1 in last:              # two lines on this page, the rest on the next
                        need = round((last[a.page] - a.top) / pitch) - 1
                        if need >= 0 and (best is None or need < best[1]):
                            best = (rec["ref"], need)
        if best is None:
            raise SystemExit(f"Error: no owner of {min_lines} lines or more can be brought to a page break")
        return best
    return check


# ---------------------------------------------------------------------------------------------
# The driver

@dataclass
class Spec:
    case: dict
    d: dict[str, str]
    out: Path
    placement: dict[str, str] = field(default_factory=dict)     # ref -> level | low1 | low2 | stacked
    gap: dict[str, int] = field(default_factory=dict)           # ref -> blank lines between its entries
    target: Target | None = None
    broken_words: bool = False      # words broken inside a cell are intended (and must be seen)
    expected: bool = True


def specs() -> dict[str, Spec]:
    c1, c2, c3, c4, c5 = concerns_plan(), owners_plan(), unruled_plan(), off_level_plan(), broken_row_plan()
    out = [
        Spec(c1, drawn(family="V8", rows="per-action", bullets="word"), HERE,
             target=Target("a ref broken over a page break",
                           ref_over_page([r["ref"] for r in c1["recommendations"][1:]]))),
        Spec(c2, drawn(font="Liberation Serif", entry_gap="0", bullets="dot"), HERE),
        Spec(c3, drawn(size="9", rules="none", shading="none", entry_gap="0", bullets="dash"), HERE,
             target=Target("a post wrapped over a page break", entry_over_page(c3)), broken_words=True),
        Spec(c4, drawn(font="Liberation Serif", size="11", bullets="word", entry_gap="0"), HERE,
             placement={"1.1": "low1", "1.2": "stacked", "2.1": "low2", "2.2": "level", "3.1": "low1",
                        "3.2": "stacked"},
             gap={"1.2": 1, "3.2": 0}),
        Spec(c5, drawn(), DEGRADE, expected=False),
    ]
    return {s.case["id"]: s for s in out}


def make_rows(spec: Spec) -> list[generate.GRow]:
    rows = generate.build_rows(spec.case, spec.d)
    recs = spec.case["recommendations"]
    for row in rows:
        ref = recs[row.rec]["ref"]
        row.placement = spec.placement.get(ref, row.placement)
        row.gap = spec.gap.get(ref, row.gap)
        generate.plan_row(row)
    return rows


def add_spacer(rows: list[generate.GRow], recs: list[dict], ref: str, n: int) -> None:
    """`n` more blank lines at the foot of the row before the recommendation `ref` (fewer when n < 0)."""
    k = next(i for i, r in enumerate(recs) if r["ref"] == ref)
    row = [r for r in rows if r.rec == k - 1][-1]
    if n > 0:
        row.paras.extend(generate.GPara("", "blank") for _ in range(n))
    for _ in range(-n):
        if row.paras and row.paras[-1].kind == "blank" and len(row.paras) > 1:
            row.paras.pop()


def measure(spec: Spec, pdf: Path, rows: list[generate.GRow]) -> tuple[list[str], dict, list]:
    """generate.measure, told to skip the text of a recommendation whose text cell is empty on purpose."""
    recs = spec.case["recommendations"]
    skipped = [r for r in rows if r.first and not recs[r.rec]["text"][0]]
    for r in skipped:
        r.first = False
    try:
        words = build.page_words(pdf)
        probs, measured = generate.measure(words, spec.case, spec.d, rows)
    finally:
        for r in skipped:
            r.first = True
    return probs, measured, words


def column_lines(spec: Spec, words: list, bold_too: bool = False) -> dict[str, list[build.Line]]:
    """The body lines (not bold unless `bold_too`: no header row, no section row) of each column of the plan,
    over all pages."""
    plan, r = spec.case["plan"], spec.case["render"]
    left = r["margins_cm"] / 2.54 * 72
    edges = [left]
    for w in plan["widths_cm"]:
        edges.append(edges[-1] + w / 2.54 * 72)
    head = {build.squash(w) for lab in plan["labels"] for w in lab.split()} - {""}
    per = build.column_lines(words, edges, r["top_margin_cm"] / 2.54 * 72, r["bottom_margin_cm"] / 2.54 * 72, head,
                             bold_too)
    return {role: per[i] for i, role in enumerate(plan["roles"])}


def broken_words(spec: Spec, words: list) -> list[str]:
    """Words split inside a cell (build.broken_in over this plan's columns and the words it prints)."""
    texts = build._strings(spec.case["recommendations"]) + spec.case["plan"]["labels"]
    return build.broken_in(column_lines(spec, words, bold_too=True), {t for s in texts for t in s.split()})


def destination(spec: Spec) -> Path:
    """The folder a plan's PDF (and expected file) is written to."""
    return PENDING if spec.case["id"] in PENDING_NAMES and spec.out == HERE else spec.out


def run(spec: Spec, tmpd: Path, out: Path | None = None) -> None:
    """Render, measure and adjust `spec` until verified, then write it into `out` (its destination by default)."""
    case, name = spec.case, spec.case["id"]
    build.check_case(case)
    exp = build.expected(case)
    rows = make_rows(spec)
    aimed: str | None = None                      # the recommendation the target break is aimed at
    for rnd in range(1, MAX_RENDERS + 1):
        docx = tmpd / f"{name}.docx"
        generate.render(case, spec.d, rows, docx)
        build.convert([docx], tmpd, profile=tmpd / "lo-profile")
        pdf = tmpd / f"{name}.pdf"
        probs, measured, words = measure(spec, pdf, rows)
        note = f"{len(probs)} misplaced entries"
        if not probs:
            broken = broken_words(spec, words)
            if broken and not spec.broken_words:
                raise SystemExit(f"Error: {name}: words broken inside a cell: {broken[:3]}")
            if spec.broken_words and not broken:
                raise SystemExit(f"Error: {name}: no word is broken inside a cell; narrow the column")
            move = spec.target.check(column_lines(spec, words), measured["pitch"]) if spec.target else None
            if move is None:
                print(f"round {rnd}: {name}: {measured['pages']} pages, verified"
                      + (f"; {spec.target.what}" if spec.target else "")
                      + (f"; {len(broken)} words broken inside a cell, as intended" if broken else ""), file=sys.stderr)
                dest = out or destination(spec)
                dest.mkdir(parents=True, exist_ok=True)
                if not build.same_render(pdf, dest / f"{name}.pdf"):
                    shutil.copy(pdf, dest / f"{name}.pdf")
                if spec.expected:
                    (dest / f"{name}.expected.json").write_text(
                        json.dumps(exp, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
                return
            ref, need = move
            if aimed is None:
                aimed = ref
            if ref == aimed:
                add_spacer(rows, case["recommendations"], ref, need if need else 1)
                note += f"; moving {ref} {need or 1} lines lower"
            else:                                 # the aimed row moved away: step back a line
                add_spacer(rows, case["recommendations"], aimed, -1)
                note += f"; {aimed} jumped a page, one line back"
        print(f"round {rnd}: {name}: {note}", file=sys.stderr)
    raise SystemExit(f"Error: {name}: not verified in {MAX_RENDERS} renders; nothing written")


def main(argv: list[str]) -> None:
    all_specs = specs()
    names = argv or list(all_specs)
    for n in names:
        if n not in all_specs:
            raise SystemExit(f"Error: no regression plan {n!r} (there are {', '.join(all_specs)})")
    with tempfile.TemporaryDirectory(prefix="actionplans-regress-") as tmp:
        for n in names:
            run(copy.deepcopy(all_specs[n]), Path(tmp))


if __name__ == "__main__":
    main(sys.argv[1:])
