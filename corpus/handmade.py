"""The hand-written case files: the records of every synthetic case except the long plan, which `textgen.py` writes.

    python corpus/handmade.py        # rewrites corpus/cases/<name>.json for the eleven cases below

Each case is a few hand-written recommendations (the layout quirks and awkward entries the case exists for),
often followed by filler recommendations from `textgen.make_recs` with a fixed seed, renumbered to follow
on. The output is the same bytes every run; edit this file rather than the JSON, then run `build.py`.
"""

import json
import re
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from textgen import ADULT, AGREED, make_recs  # noqa: E402


def A(text, owner=None, date=None, owners=None):
    if owner and owners is None:
        owners = [o.strip() for o in re.split(r"\s*/\s*", owner)]
    return {"text": text, "owner": owner, "owners": owners or [], "target_date": date}


def G(lead=None, owner=None, date=None, actions=(), owners=None):
    g = A(lead, owner, date, owners)
    return {"lead": lead, "owner": g["owner"], "owners": g["owners"], "target_date": date, "actions": list(actions)}


DEC = {"agreed": "agreed", "partly agreed": "partly_agreed", "not agreed": "not_agreed", "accepted": "accepted",
       "rejected": "rejected", "partially accepted": "partly_accepted", "not accepted": "not_accepted"}


def R(ref, head, bullets, dec, groups, section=None, **kw):
    d = {"ref": ref, "section": section, "text": [head, bullets], "decision": DEC[dec.lower()] if dec else None,
         "decision_text": dec, "groups": groups}
    d.update(kw)
    if not section:
        d.pop("section")
    return d


def write(case):
    (HERE / "cases" / f"{case['id']}.json").write_text(json.dumps(case, indent=1, ensure_ascii=False) + "\n",
                                                      encoding="utf-8")


def renum(recs, start, style="int", sections=None):
    for i, r in enumerate(recs):
        n = start + i
        if style == "int":
            new = str(n)
        elif style == "S":
            new = f"S{n}"
        else:
            new = style(n, r)
        old = r["ref"]
        r["ref"] = new
        h, b = r["text"]
        if b and b[-1].endswith(f"({old})"):
            b[-1] = b[-1][:-len(old) - 2] + f"({new})"
        if h.endswith(f"({old})"):
            r["text"][0] = h[:-len(old) - 2] + f"({new})"
    return recs


# ---------------- V1 NOMS 2015
recs = [
 R("5.01", "The governor should ensure that the use of force is proportionate and that all incidents are properly scrutinised, including through the review of video footage. (S53)", [], "Accepted", [
   G("A Use of Force committee chaired by the Deputy Governor now meets monthly and reviews all planned interventions and a sample of spontaneous incidents, including available CCTV and body-worn camera footage.", "Deputy Governor", "Complete"),
   G("Use of force data will be analysed by ethnicity and age and reported to the Equality Action Team each quarter.", "Head of Safer Custody/Equalities Lead", "31 March 2016"),
 ]),
 R("5.02", "Adjudications should be dealt with promptly, and the governor should ensure that the high number of charges against black and minority ethnic prisoners is investigated. (S54)", [], "Accepted", [
   G("The adjudication process has been reviewed and a tracker introduced to ensure hearings are opened within 48 hours.", "Head of Security", "December 2015"),
   G("The following actions will be taken:", None, None, [
     A("adjudication outcomes will be monitored by ethnicity and reported at the monthly Segregation Monitoring and Review Group;", "Head of Safer Custody", "January 2016"),
     A("any disproportionate outcome will be investigated by a manager independent of the adjudicating officer.", "Governor", "Ongoing")]),
 ]),
 R("5.1", "Prisoners should be able to access the incentives and earned privileges (IEP) scheme fairly, and reviews should be conducted on time. (S55)", [], "Accepted", [
   G("The IEP policy has been reissued to all staff. Residential managers will check that reviews are completed within the timescales in the local policy and will sample 20 cases each month.", "Head of Residence", "31/01/2016"),
 ]),
 R("5.11", "All prisoners should have at least 10 hours unlocked each weekday. (S56)", [], "Rejected", [
   G("The core day has been set to deliver the maximum time out of cell that can be achieved within the benchmarked staffing levels. The establishment will continue to offer association and activity sessions within the core day but cannot meet the standard proposed.", None, "N/A"),
 ]),
 R("5.12", "The governor should ensure that access to work, education and training is fair and that allocation is monitored by protected characteristic. (S57)", [], "Accepted", [
   G("The Learning and Skills Manager will:", None, None, [
     A("introduce a single allocation board for all activity places, with published criteria;", "Head of Learning and Skills", "February 2016"),
     A("monitor waiting lists and allocation by ethnicity, religion and disability each month;", "Head of Learning and Skills/Equalities Lead", "Monthly"),
     A("report the results to the Senior Management Team.", "Deputy Governor", "Quarterly")]),
 ]),
 R("5.13", "The governor should ensure that discrimination incident report forms are investigated promptly and that responses are quality assured by an external body. (S58)", [], "Accepted", [
   G("All DIRFs will be responded to within 28 days. A local community group has agreed to quality assure a sample of completed DIRFs each quarter, and the outcome will be reported to the Equality Action Team.", "Equalities Lead", "April 2016"),
 ]),
]
case = {
 "id": "v1-noms-2015-hmp-kestrel-moor", "layout_id": "v1-noms-six-column",
 "render": {"family": "V1", "decisions": "accepted", "orientation": "landscape", "font": "Arial", "size": 11,
            "widths_cm": [1.9, 5.8, 2.7, 8.9, 4.0, 2.9], "borders": True, "bullet": "dash",
            "header_fill": "BFBFBF", "page_numbers": "plain", "ref_bold": True,
            "summary_title": "SUMMARY"},
 "cover": {"establishment": "HMP Kestrel Moor", "inspection": "9-13 March 2015", "published": "28 July 2015",
           "submitted": "7 December 2015", "position": "December 2015", "status": "Initial response"},
 "meta": {"establishment": "HMP Kestrel Moor", "inspection": "9-13 March 2015", "report_published": "28 July 2015",
          "action_plan_submitted": "7 December 2015", "position_as_at": "December 2015"},
 "expected_metadata": {"title": "ACTION PLAN: HMCIP REPORT", "establishment": "HMP Kestrel Moor", "kind": "establishment",
                       "family": "V1", "submitted": "2015-12-07", "report_published": "2015-07-28",
                       "inspection_dates": "9-13 March 2015"},
 "recommendations": recs}
write(case)

# ---------------- V3 with colons, section rows, Word list bullets
recs = [
 R("S40", "Leaders should investigate why black and minority ethnic prisoners are disproportionately subject to use of force and segregation, and take action to address any unfairness found. (S40)", [], "Agreed", [
   G("The Head of Safety will complete a quarterly analysis of all use of force incidents by ethnicity, age and location, and present the findings to the Safety Intervention Meeting.", "Head of Safety", "Q2 2021/22"),
   G("Where disproportionality is identified, HMP Ashcombe will:", None, None, [
     A("review body-worn video footage of a sample of incidents involving black and minority ethnic prisoners each month, with an independent observer from the Independent Monitoring Board invited to attend;", "Head of Security/Equalities Lead", "Monthly"),
     A("introduce a scrutiny panel for segregation decisions which includes a prisoner equality representative;", "Deputy Governor", "31/03/2021"),
     A("deliver unconscious bias training to all officers involved in three or more incidents within a quarter.", "Head of Residence", "June 2021")]),
 ], section="Safety"),
 R("1.12", "The prison should ensure that all prisoners at risk of self-harm are supported through effective case management and that ACCT reviews are multidisciplinary. (1.46)", [], "PARTLY AGREED", [
   G("The establishment agrees that ACCT reviews must be multidisciplinary and has reintroduced a weekly case review chaired by the Head of Safer Custody. Attendance by mental health staff cannot always be guaranteed because of vacancies within the commissioned service; NHS England is re-tendering the contract.", "Head of Safer Custody", "Ongoing"),
   G("Actions:", None, None, [
     A("Safer custody staff will quality assure 10 ACCT documents each month and feed back to case managers.", "Head of Safer Custody", "Monthly"),
     A("Healthcare will provide a named mental health nurse for complex case reviews.", "Head of Healthcare (Practice Plus Group)", "End of Q2 2021/22")]),
 ], section="Safety"),
 R("S41", "Prisoners should be able to make complaints about discrimination with confidence, and discrimination incident report forms (DIRF) should be investigated promptly and thoroughly, with independent quality assurance. (S41)", [], "Agreed", [
   G("All DIRFs will be logged by the Equalities Lead on receipt and acknowledged within five working days.", "Equalities Lead", "Immediate"),
   G(None, None, None, [
     A("A monthly sample of investigated DIRFs will be quality assured by an external partner organisation.", "Governor", "31 March 2021"),
     A("DIRF boxes will be installed on every residential unit and in the education, workshops and healthcare departments, with forms available in the ten most common languages.", "FM provider/Equalities Lead", "Complete"),
     A("Outcomes of DIRF investigations will be shared with complainants in writing and reviewed at the Diversity and Inclusion Action Team meeting.", "Equalities Lead", "Completed and ongoing")]),
 ], section="Respect"),
 R("2.30", "The incentives scheme should be applied fairly, and the governor should monitor outcomes by protected characteristic to ensure that no group is disadvantaged. (2.31)", [
   "review the use of basic regime by ethnicity each month",
   "ensure prisoners on basic have a clear plan to progress"], "agreed", [
   G("The Incentives Policy Framework local policy has been revised and now requires:", None, None, [
     A("a monthly review of incentives levels by ethnicity, religion, age and disability at the Diversity and Inclusion Action Team;", "Head of Residence", "Jun-21"),
     A("a written progression plan for every prisoner placed on basic, reviewed by a custodial manager within seven days.", "Head of Residence/Head of Safety", "Jun-21")]),
 ], section="Respect"),
 R("3.8", "Leaders should ensure that black and minority ethnic prisoners have equitable access to the best paid work and to education, skills and work activities. (3.22)", [], "Agreed", [
   G("The allocation process for activities will be reviewed to ensure that it is fair and transparent.", "Head of Education, Skills and Work", "September 2021"),
   G("Allocation data will be analysed by protected characteristic each quarter; any disproportionality in access to the best paid jobs will be investigated and reported to the Senior Leadership Team.", "Head of Education, Skills and Work and Equalities Lead", "Quarterly", owners=["Head of Education, Skills and Work", "Equalities Lead"]),
 ], section="Purposeful activity"),
 R("3.9", "All prisoners should be unlocked for at least 10 hours a day. (3.4)", [], "Not Agreed", [
   G("The current regime is determined by the prison's staffing levels and the national regime framework. It is not possible to unlock all prisoners for 10 hours a day within the resources available. The establishment will continue to maximise time out of cell within the regime framework.", None, "N/A"),
 ], section="Purposeful activity"),
 R("4.17", "Prisoners should be categorised promptly and fairly, and leaders should check that decisions on recategorisation do not disadvantage black and minority ethnic prisoners. (4.20)", [], "Agreed", [
   G("A recategorisation tracker will be introduced, and all reviews will be completed by their due date.", "Head of Offender Management Delivery", "end of July"),
   G("Categorisation outcomes will be monitored by ethnicity and reviewed at the Reducing Reoffending Meeting.", "Head of Reducing Reoffending", "Quarterly"),
 ], section="Rehabilitation and release planning"),
]
case = {
 "id": "v3-hmpps-2021-hmp-ashcombe", "layout_id": "v3-six-column-ruled",
 "render": {"family": "V3", "decisions": "agreed", "orientation": "landscape", "font": "Arial", "size": 10,
            "widths_cm": [1.6, 5.6, 2.5, 9.6, 3.8, 2.9], "colons": True, "borders": True, "bullet": "dot",
            "response_bullet": "word", "rec_bullet": "dot", "numbered_header": True, "header_fill": "D9D9D9",
            "section_fill": "F2F2F2", "page_numbers": "of"},
 "cover": {"action_plan_line": "HMP Ashcombe", "submitted": "12 February 2021", "inspection": "7-18 September 2020",
           "published": "15 January 2021", "table_title": "ACTION PLAN: HMP Ashcombe"},
 "meta": {"action_plan": "HMP Ashcombe", "action_plan_submitted": "12 February 2021",
          "response_to": "7-18 September 2020", "report_published": "15 January 2021"},
 "expected_metadata": {"title": "Action Plan: HMP Ashcombe", "establishment": "HMP Ashcombe", "kind": "establishment",
                       "family": "V3", "submitted": "2021-02-12", "report_published": "2021-01-15",
                       "inspection_dates": "7-18 September 2020"},
 "recommendations": recs}
write(case)

# ---------------- V2 2018, labels without colons, empty inspection dates
recs = [
 R("1", "The governor should ensure that the disproportionate use of force against black and minority ethnic prisoners is investigated and that findings are acted upon.", [], "Agreed", [
   G("A review of all use of force incidents from the last six months has been commissioned and will be completed by the Head of Security.", "Head of Security", "October 2018"),
   G("Findings will be presented to the Equality Action Team and an action plan agreed.", "Governor/Equalities Lead", "November 2018"),
 ]),
 R("2", "Prisoners from minority ethnic backgrounds should have equitable access to the incentives scheme, and outcomes should be monitored.", [], "Partly Agreed", [
   G("The establishment agrees to monitor IEP outcomes by ethnicity but cannot introduce an external review panel at this time because of resource constraints.", None, None, [
     A("IEP data will be included in the monthly equality monitoring report.", "Head of Residence", "Monthly"),
     A("Residential managers will sample IEP reviews to check that decisions are evidenced.", "Head of Residence", "December 2018")]),
 ]),
]
gen = make_recs(18, 4, {"establishment": "HMP Brackenfield", "submitted": "2018-09-13", "decisions": AGREED,
    "date_forms": ["month", "long", "ongoing", "dmy", "complete"], "size": (1, 3), "cross_ref": False,
    "themes": ["discrimination complaints", "access to activities", "living conditions", "release planning"]})
recs += renum(gen, 3)
write({"id": "v2-hmpps-2018-hmp-brackenfield", "layout_id": "v2-six-column-ruled",
 "render": {"family": "V2", "decisions": "agreed", "orientation": "landscape", "font": "Liberation Sans", "size": 10,
            "widths_cm": [1.4, 6.0, 2.6, 9.2, 3.8, 3.0], "colons": False, "borders": True, "bullet": "dot-tight",
            "numbered_header": False, "page_numbers": "plain", "cover_size": 12},
 "cover": {"action_plan_line": "HMP Brackenfield", "submitted": "13 September 2018", "inspection": "",
           "published": "June 2018", "table_title": "ACTION PLAN"},
 "meta": {"action_plan": "HMP Brackenfield", "action_plan_submitted": "13 September 2018", "response_to": "",
          "report_published": "June 2018"},
 "expected_metadata": {"title": "Action Plan: HMP Brackenfield", "establishment": "HMP Brackenfield", "kind": "establishment",
                       "family": "V2", "submitted": "2018-09-13", "report_published": "2018-06", "inspection_dates": None},
 "recommendations": recs})

# ---------------- V3 without colons, S refs, dash bullets, multi-part inspection range
recs = [
 R("S40", "Leaders should understand and address the reasons why Gypsy, Roma and Traveller prisoners report poorer experiences of safety and respect. (S40)", [], "Agreed", [
   G("The Equalities Lead will hold a focus group with Gypsy, Roma and Traveller prisoners and produce a report with recommendations for the Senior Leadership Team.", "Equalities Lead", "3rd September 2019"),
   G("The following will also be put in place:", None, None, [
     A("a Traveller Liaison Officer on each residential unit;", "Head of Residence", "31/07/2019"),
     A("links with a national Gypsy, Roma and Traveller charity to support prisoners on release.", "Head of Reducing Reoffending", "Ongoing")]),
 ], section="Respect"),
 R("S41", "Adjudication charges should be proportionate, and hearings should be fair and completed promptly. (S41)", [], "partly agreed", [
   G("The establishment will quality assure adjudications monthly. The recommendation to refer all charges against black prisoners for independent review is not agreed, as the Prison Discipline Procedures already provide for referral to the Independent Adjudicator where appropriate.", "Head of Safety", "30 September 2019"),
 ], section="Safety"),
]
gen = make_recs(19, 5, {"establishment": "HMP Greyfriars", "submitted": "2019-05-30", "sections": ADULT, "decisions": AGREED,
    "refs": "S", "date_forms": ["ordinal", "dmy", "month", "long", "immediate", "ongoing"], "size": (2, 3)})
for r, sec in zip(gen, ["Safety", "Safety", "Respect", "Purposeful activity", "Rehabilitation and release planning"]):
    r["section"] = sec
allr = [recs[1]] + gen[:2] + [recs[0]] + gen[2:]
renum(allr, 42, "S")
write({"id": "v3-hmpps-2019-hmp-greyfriars-nocolons", "layout_id": "v3-six-column-ruled",
 "render": {"family": "V3", "decisions": "agreed", "orientation": "landscape", "font": "Liberation Serif", "size": 11,
            "widths_cm": [1.5, 6.2, 2.7, 8.8, 3.9, 3.2], "colons": False, "borders": True, "bullet": "dash",
            "numbered_header": True, "page_numbers": "of", "cover_size": 13},
 "cover": {"action_plan_line": "HMP Greyfriars", "submitted": "30 May 2019",
           "inspection": "17, 18 December & 7-11 January 2019", "published": "23 April 2019",
           "table_title": "ACTION PLAN: HMP Greyfriars"},
 "meta": {"action_plan": "HMP Greyfriars", "action_plan_submitted": "30 May 2019",
          "response_to": "17, 18 December & 7-11 January 2019", "report_published": "23 April 2019"},
 "expected_metadata": {"title": "Action Plan: HMP Greyfriars", "establishment": "HMP Greyfriars", "kind": "establishment",
                       "family": "V3", "submitted": "2019-05-30", "report_published": "2019-04-23",
                       "inspection_dates": "17, 18 December & 7-11 January 2019"},
 "recommendations": allr})

BANNER = ("Actions against target dates are likely to be delayed due to COVID-19 and the restricted regimes in place; "
          "progress will be reviewed as restrictions are eased.")
# ---------------- V3-C covid banner, submitted before report published
recs = [
 R("1", "Leaders should ensure that black and minority ethnic prisoners are not disadvantaged in access to release on temporary licence and to open conditions. (1.34)", [], "Agreed", [
   G("Release on temporary licence and categorisation decisions will be monitored by ethnicity each quarter at the Reducing Reoffending Meeting.", "Head of Reducing Reoffending/Head of Offender Management Delivery", "Q3 2020/21"),
   G("During the current restricted regime:", None, None, [
     A("all categorisation reviews will continue to be completed on time, using remote interviews where necessary;", "Head of Offender Management Delivery", "Ongoing"),
     A("any disparity found will be examined by the Equalities Lead and reported to the Governor.", "Equalities Lead", "End of Q3 2020/21")]),
 ]),
 R("2", "All use of force should be recorded and reviewed, and body-worn cameras should be used consistently. (1.21)", [], "AGREED", [
   G("Body-worn camera compliance will be checked daily by orderly officers and reported weekly.", "Head of Security", "Immediate"),
   G("The Use of Force Committee will review footage of all incidents involving black and minority ethnic prisoners until a quarter of data shows no disproportionality.", "Head of Safety, Deputy Governor and Equalities Lead", "December 2020", owners=["Head of Safety", "Deputy Governor", "Equalities Lead"]),
 ]),
]
gen = make_recs(20, 5, {"establishment": "HMP Fellgate", "submitted": "2020-06-15", "decisions": AGREED + [("NOT AGREED", "not_agreed", 10)],
    "date_forms": ["month", "quarter", "end-quarter", "ongoing", "immediate", "mon-yy"], "size": (2, 4)})
recs += renum(gen, 3)
write({"id": "v3c-hmpps-2020-hmp-fellgate-covid", "layout_id": "v3c-six-column-covid-banner",
 "render": {"family": "V3-C", "decisions": "agreed", "orientation": "landscape", "font": "Arial", "size": 9,
            "widths_cm": [1.3, 6.4, 2.4, 8.8, 4.6, 2.9], "colons": True, "borders": True, "bullet": "dot",
            "response_bullet": "word-symbol", "numbered_header": True, "page_numbers": "of", "banner": BANNER,
            "top_margin_cm": 2.6},
 "cover": {"action_plan_line": "HMP Fellgate", "submitted": "15 June 2020",
           "inspection": "24-25th February; 2-6th March 2020", "published": "21 July 2020",
           "table_title": "ACTION PLAN: HMP Fellgate"},
 "meta": {"action_plan": "HMP Fellgate", "action_plan_submitted": "15 June 2020",
          "response_to": "24-25th February; 2-6th March 2020", "report_published": "21 July 2020", "banner": BANNER},
 "expected_metadata": {"title": "Action Plan: HMP Fellgate", "establishment": "HMP Fellgate", "kind": "establishment",
                       "family": "V3-C", "submitted": "2020-06-15", "report_published": "2020-07-21",
                       "inspection_dates": "24-25th February; 2-6th March 2020"},
 "recommendations": recs})

# ---------------- YOI
YOI = ["Safety", "Care", "Purposeful activity", "Resettlement"]
recs = [
 R("1", "Leaders should investigate why black children are more likely to be subject to use of force and to be separated, and act on the findings. (S12)", [], "Agreed", [
   G("Larchmoor will:", None, None, [
     A("analyse all use of force and separation data by ethnicity monthly and present findings at the Safety Meeting;", "Head of Safety", "Monthly"),
     A("commission an independent review of the experiences of black children in custody, supported by the Youth Custody Service;", "Governor/Youth Custody Service", "July 2021"),
     A("introduce restorative practice training for all staff working on residential units.", "Head of Residence and Care", "September 2021")]),
 ], section="Safety"),
 R("2", "Children should be unlocked for education every weekday and have access to a full timetable. (3.12)", [], "Partly agreed", [
   G("The establishment agrees that all children should attend education every weekday. A full timetable cannot yet be offered because of teacher vacancies; the education provider is recruiting.", "Head of Education, Skills and Work", "End of Q2 2021/22"),
 ], section="Purposeful activity"),
]
gen = make_recs(21, 4, {"establishment": "HMYOI Larchmoor", "submitted": "2021-04-30", "sections": YOI, "decisions": AGREED,
    "youth": True, "extra_owners": ["Youth Custody Service", "Head of Care", "Governor"],
    "themes": ["self-harm", "incentives", "access to activities", "release planning"],
    "date_forms": ["month", "dmy", "quarter", "ongoing", "end-of", "complete"], "size": (2, 3)})
for r, sec in zip(gen, ["Safety", "Care", "Care", "Resettlement"]):
    r["section"] = sec
allr = [recs[0], gen[0], gen[1], gen[2], recs[1], gen[3]]
renum(allr, 1)
write({"id": "v3-hmpps-2021-hmyoi-larchmoor", "layout_id": "v3-six-column-ruled",
 "render": {"family": "V3", "decisions": "agreed", "orientation": "landscape", "font": "DejaVu Sans", "size": 9,
            "widths_cm": [1.3, 5.9, 2.6, 10.1, 3.8, 2.8], "colons": True, "borders": True, "bullet": "roman",
            "rec_bullet": "dot", "numbered_header": True, "page_numbers": "plain", "section_fill": "DEEAF6",
            "header_fill": "BDD7EE"},
 "cover": {"action_plan_line": "HMYOI Larchmoor", "submitted": "30 April 2021", "inspection": "11-15 January 2021",
           "published": "March 2021", "table_title": "ACTION PLAN: HMYOI Larchmoor"},
 "meta": {"action_plan": "HMYOI Larchmoor", "action_plan_submitted": "30 April 2021", "response_to": "11-15 January 2021",
          "report_published": "March 2021"},
 "expected_metadata": {"title": "Action Plan: HMYOI Larchmoor", "establishment": "HMYOI Larchmoor", "kind": "establishment",
                       "family": "V3", "submitted": "2021-04-30", "report_published": "2021-03", "inspection_dates": "11-15 January 2021"},
 "recommendations": allr})

# ---------------- V4 probation thematic
T = ("A thematic inspection of the experiences of black, Asian and minority ethnic people on probation and "
     "the quality of work to address race equality across probation services")
recs = [
 R("1", "The Chief Probation Officer should ensure that probation practitioners consider ethnicity and diversity in every assessment and sentence plan.", [], "Agreed", [
   G("HMPPS will revise the assessment and sentence planning guidance so that diversity, including ethnicity and lived experience, is explicitly considered.", "Chief Probation Officer", "Q2 2021/22"),
   G("Regional Probation Directors will:", None, None, [
     A("audit a sample of assessments in each region to test the quality of diversity analysis;", "Regional Probation Directors", "Q3 2021/22"),
     A("share findings with practitioners through regional practice forums.", "Regional Probation Directors/Heads of Public Protection", "End of Q3 2021/22")]),
 ]),
 R("2", "HMPPS should improve the quality and use of data on the ethnicity of people on probation, including in relation to breach and recall decisions.", [], "Agreed", [
   G("Ethnicity data completion rates will be reported monthly in the national performance framework.", "Deputy Director, Probation Performance", "Monthly"),
   G("Breach and recall decisions will be analysed by ethnicity annually and the findings published.", "Chief Probation Officer and Deputy Director, Probation Performance", "2021/22", owners=["Chief Probation Officer", "Deputy Director, Probation Performance"]),
 ]),
 R("3", "Regional Probation Directors should ensure that staff from minority ethnic backgrounds have access to support, supervision and progression opportunities equal to those of their white colleagues.", [
   "review promotion outcomes by ethnicity", "establish staff networks in every region"], "Partly Agreed", [
   G("This recommendation is partly agreed. HMPPS will review promotion outcomes and support staff networks; a ring-fenced progression scheme cannot be introduced because of recruitment policy constraints.", None, None, [
     A("Promotion and progression data will be reviewed by ethnicity in each region.", "Regional Probation Directors", "March 2022"),
     A("Every region will have a staff race network with a senior sponsor.", "Regional Probation Directors/Probation Equality Lead", "December 2021")]),
 ]),
 R("4", "HMPPS should commission specialist services for black, Asian and minority ethnic people on probation, including mentoring delivered by people with lived experience.", [], "Agreed", [
   G("Specialist services will be included in the Commissioned Rehabilitative Services dynamic framework, with a lot for lived-experience mentoring.", "Deputy Director, Probation Reform Programme", "June 2021"),
   G("Take-up will be monitored and reported to the Probation Board quarterly.", "Chief Probation Officer", "Quarterly"),
 ]),
 R("5", "The Chief Probation Officer should publish an annual statement on race equality in probation services.", [], "Not Agreed", [
   G("Race equality in probation will be reported within the HMPPS Annual Digest and the Offender Equalities Annual Report rather than in a separate statement.", None, "N/A"),
 ]),
]
write({"id": "v4-hmpps-2021-probation-race-equality-thematic", "layout_id": "v4-six-column-ruled",
 "render": {"family": "V4", "decisions": "agreed", "orientation": "landscape", "font": "Liberation Sans", "size": 11,
            "widths_cm": [1.4, 6.0, 2.6, 9.0, 4.2, 3.3], "colons": True, "borders": True, "bullet": "dot",
            "numbered_header": True, "page_numbers": "of", "cover_size": 14, "header_fill": "D9D9D9"},
 "cover": {"submitted": "12 March 2021", "response_label": "A Response to the HMI Probation Inspection", "inspection": T,
           "published": "February 2021", "table_title": "ACTION PLAN: Race equality in probation"},
 "meta": {"action_plan_submitted": "12 March 2021", "response_to": T, "report_published": "February 2021", "title": T},
 "expected_metadata": {"title": T, "establishment": None, "kind": "probation", "family": "V4", "submitted": "2021-03-12",
                       "report_published": "2021-02", "inspection_dates": None},
 "recommendations": recs})

# ---------------- V8 concerns
recs = [
 R("Priority concern 1", "Leaders had not done enough to understand why black and mixed heritage prisoners were over-represented in use of force incidents and on the basic level of the incentives scheme.", [], "Agreed", [
   G("Oakhurst will:", None, None, [
     A("publish a quarterly race equality data pack covering use of force, segregation, adjudications, incentives and access to activities;", "Equalities Lead/Head of Safety", "End of Q1 2023/24"),
     A("hold listening sessions with black and mixed heritage prisoners and act on what they say;", "Governor", "June 2023"),
     A("introduce scrutiny of all basic regime decisions by a manager independent of the wing.", "Head of Residence", "Immediate")]),
 ]),
 R("Priority concern 2", "Too many prisoners were locked in their cells for most of the day, with little access to education, skills and work.", [], "Partly Agreed", [
   G("The regime will be extended to offer every prisoner at least one activity session each weekday. Full-time activity places for all prisoners cannot be provided within the current staffing and workshop capacity.", "Head of Education, Skills and Work", "September 2023"),
 ]),
]
gen = make_recs(23, 4, {"establishment": "HMP Oakhurst", "submitted": "2023-03-10", "decisions": AGREED, "cross_ref": False,
    "themes": ["discrimination complaints", "categorisation", "self-harm", "living conditions"],
    "date_forms": ["month", "end-quarter", "quarter", "dmy", "ongoing", "mon-yy"], "size": (2, 3)})
recs += renum(gen, 3, lambda n, r: f"Key concern {n}")
write({"id": "v8-hmpps-2023-hmp-oakhurst-concerns", "layout_id": "v8-six-column-concerns",
 "render": {"family": "V8", "decisions": "agreed", "orientation": "landscape", "font": "Arial", "size": 10,
            "widths_cm": [2.3, 6.0, 2.4, 9.0, 3.8, 2.9], "colons": True, "borders": True, "bullet": "dot",
            "response_bullet": "word", "page_numbers": "of", "header_fill": "D9D9D9",
            "headers": ["1. Concern", "2. Priority and key concerns", "3. Agreed/ Partly Agreed/ Not Agreed",
                        "4. Response Action Taken/Planned", "5. Responsible Owner", "6. Target Date"]},
 "cover": {"action_plan_line": "HMP Oakhurst", "submitted": "10 March 2023", "inspection": "3-13 October 2022",
           "published": "10 January 2023", "table_title": "ACTION PLAN: HMP Oakhurst"},
 "meta": {"action_plan": "HMP Oakhurst", "action_plan_submitted": "10 March 2023", "response_to": "3-13 October 2022",
          "report_published": "10 January 2023"},
 "expected_metadata": {"title": "Action Plan: HMP Oakhurst", "establishment": "HMP Oakhurst", "kind": "establishment",
                       "family": "V8", "submitted": "2023-03-10", "report_published": "2023-01-10",
                       "inspection_dates": "3-13 October 2022"},
 "recommendations": recs})

# ---------------- V6 urgent notification initial response
recs = [
 R("Concern 1", "Violence against staff and prisoners was high and rising, and leaders did not have an effective strategy to reduce it.", [], None, [
   G("A violence reduction strategy will be published, with a weekly safety meeting chaired by the Governor.", "Governor", "31 August 2022"),
   G("Additional measures:", None, None, [
     A("Deploy a Prison Group Director's support team to review the safety intervention model.", "Prison Group Director", "Immediate"),
     A("Recruit and train 20 additional prison officers.", "Deputy Governor/Head of Operations", "December 2022")]),
 ]),
 R("Concern 2", "Black prisoners were far more likely than others to have force used against them, and leaders had not investigated why.", [], None, [
   G("An external review of use of force, including body-worn video footage and DIRFs, will be commissioned.", "Prison Group Director and Executive Director", "end of October", owners=["Prison Group Director", "Executive Director"]),
   G("Use of force data will be published monthly by ethnicity and scrutinised at the Use of Force Committee.", "Head of Safety", "Monthly"),
 ]),
 R("Concern 3", "Prisoners spent up to 23 hours a day locked in their cells and had very little access to purposeful activity.", [], None, [
   G("A revised regime will be introduced which gives all prisoners daily time in the open air and access to showers, telephones and domestic periods.", "Head of Residence", "30/09/2022"),
   G("Education and workshops will reopen in phases, with priority for those with no current activity.", "Head of Education, Skills and Work", "Q3 2022/23"),
 ]),
 R("Concern 4", "Living conditions on the older wings were squalid.", [], None, [
   G("A deep clean of all residential units will be completed, and broken windows, showers and cell bells repaired.", "FM provider/Head of Residence", "October 2022"),
 ]),
]
write({"id": "v6-hmpps-2022-hmp-coldharbour-urgent-notification", "layout_id": "v6-initial-response-four-column",
 "render": {"family": "V6", "decisions": None, "orientation": "landscape", "font": "Liberation Sans", "size": 11,
            "widths_cm": [7.0, 11.0, 4.4, 4.1], "borders": True, "bullet": "dot", "page_numbers": "of",
            "header_fill": "D9D9D9", "summary": False},
 "cover": {"establishment": "HMP Coldharbour", "submitted": "12 August 2022", "date_line": "12 August 2022",
           "table_title": "Initial Response Action Plan",
           "letter": ["Dear Chief Inspector,", "URGENT NOTIFICATION: HMP COLDHARBOUR",
                      "Thank you for your letter of 1 August 2022 invoking the Urgent Notification protocol for HMP Coldharbour. "
                      "I have considered the concerns you raised carefully, and I attach the initial response action plan "
                      "setting out the immediate steps HMPPS is taking. A full action plan will follow within 28 days.",
                      "Secretary of State for Justice"]},
 "meta": {"establishment": "HMP Coldharbour", "action_plan_submitted": "12 August 2022",
          "document": "Urgent Notification initial response action plan"},
 "expected_metadata": {"title": "Urgent Notification: HMP Coldharbour", "establishment": "HMP Coldharbour",
                       "kind": "urgent_notification", "family": "V6", "submitted": "2022-08-12",
                       "report_published": None, "inspection_dates": None},
 "recommendations": recs})

c = json.loads((HERE / "cases" / "v4-hmpps-2021-probation-race-equality-thematic.json").read_text(encoding="utf-8"))
c["cover"]["intro"] = ("HM Inspectorate of Probation is the independent inspector of youth offending and probation services in "
    "England and Wales. In response to the report HMPPS / MoJ are required to draft a robust and timely action plan to address "
    "the recommendations. The action plan confirms whether recommendations are agreed, partly agreed or not agreed (see "
    "categorisations below). Progress against the implementation and delivery of the action plan will be monitored and reported on.")
write(c)

# ---------------- portrait, no ruling lines
gen = make_recs(31, 6, {"establishment": "HMP Hollins Cross", "submitted": "2019-11-08", "sections": ADULT, "decisions": AGREED,
    "themes": ["incentives", "adjudications", "access to activities", "categorisation", "use of force", "healthcare"],
    "date_forms": ["month", "mon-yy", "dmy", "ongoing", "complete", "completed-ongoing", "quarterly"], "size": (2, 3),
    "refs": "dotted"})
write({"id": "v3-hmpps-2019-hmp-hollins-cross-portrait-unruled", "layout_id": "v3-six-column-unruled-portrait",
 "render": {"family": "V3", "decisions": "agreed", "orientation": "portrait", "font": "Liberation Sans", "size": 9,
            "widths_cm": [1.2, 3.9, 1.9, 5.9, 2.8, 2.1], "colons": True, "borders": False, "bullet": "dot",
            "response_bullet": "word", "numbered_header": False, "page_numbers": "plain", "margins_cm": 1.6},
 "cover": {"action_plan_line": "HMP Hollins Cross", "submitted": "8 November 2019", "inspection": "1-12 July 2019",
           "published": "24 September 2019", "table_title": "ACTION PLAN: HMP Hollins Cross"},
 "meta": {"action_plan": "HMP Hollins Cross", "action_plan_submitted": "8 November 2019", "response_to": "1-12 July 2019",
          "report_published": "24 September 2019"},
 "expected_metadata": {"title": "Action Plan: HMP Hollins Cross", "establishment": "HMP Hollins Cross", "kind": "establishment",
                       "family": "V3", "submitted": "2019-11-08", "report_published": "2019-09-24", "inspection_dates": "1-12 July 2019"},
 "recommendations": gen})

# ---------------- V9 IRC
recs = [
 R("1", "The centre manager should ensure that use of force is proportionate and that all incidents involving detained people are reviewed, including by nationality and ethnicity. (1.19)", [], "Accepted", [
   G("All use of force incidents will be reviewed at the monthly Use of Force meeting, with data broken down by nationality, ethnicity and religion.", "Centre Manager", "Monthly"),
   G("Body-worn camera footage of all planned removals will be reviewed by the Home Office Detention and Escorting Services compliance team.", "Home Office Detention and Escorting Services Compliance Team", "Ongoing"),
 ]),
 R("2", "Detained people should be able to raise complaints of discrimination in their own language and receive a timely response. (1.28)", [], "Partially Accepted", [
   G("Discrimination complaint forms will be translated into the 12 most common languages spoken at the centre. Professional telephone interpreting will be used for all complaint interviews. The Home Office does not accept that an independent adjudicator is required, as complaints can already be referred to the Prisons and Probation Ombudsman.", None, None, [
     A("Translate the forms and place them in every residential unit.", "Centre Manager/Equalities Lead", "31 October 2021"),
     A("Audit response times quarterly.", "Head of Residence", "Quarterly")]),
 ]),
 R("3", "Detained people should not be held in the care and separation unit for longer than is necessary. (1.40)", [], "Accepted", [
   G("Separation decisions will be reviewed daily by the duty manager, and any stay beyond 72 hours will require Home Office authorisation.", "Centre Manager and Home Office Delivery Manager", "Immediate", owners=["Centre Manager", "Home Office Delivery Manager"]),
 ]),
 R("4", "All detained people should have access to paid work and education. (3.7)", [], "Not Accepted", [
   G("The number of paid work roles is set within the contract, and the Home Office does not intend to increase them. Education and activities remain open to all detained people.", None, "N/A"),
 ]),
 R("5", "Healthcare staff should complete Rule 35 reports promptly, and the quality of reports should be assured. (2.22)", [], "Accepted", [
   G("A Rule 35 quality assurance process will be introduced, with a monthly audit of a sample of reports.", "Healthcare Lead (Practice Plus Group)", "Sep-21"),
   G("GPs will receive refresher training on Rule 35 reporting.", "Healthcare Lead (Practice Plus Group)/NHS England", "Q3 2021/22"),
 ]),
]
write({"id": "v9-home-office-2021-thornleigh-irc", "layout_id": "v9-six-column-irc",
 "render": {"family": "V9", "decisions": "accepted3", "orientation": "landscape", "font": "Liberation Serif", "size": 11,
            "widths_cm": [1.4, 6.2, 2.9, 8.8, 4.1, 3.1], "colons": True, "borders": True, "bullet": "dash",
            "numbered_header": True, "page_numbers": "of", "header_fill": "E7E6E6"},
 "cover": {"action_plan_line": "Thornleigh Immigration Removal Centre", "submitted": "20 August 2021",
           "inspection": "8-19 March 2021", "published": "June 2021", "table_title": "ACTION PLAN: Thornleigh IRC"},
 "meta": {"action_plan": "Thornleigh Immigration Removal Centre", "action_plan_submitted": "20 August 2021",
          "response_to": "8-19 March 2021", "report_published": "June 2021"},
 "expected_metadata": {"title": "Action Plan: Thornleigh Immigration Removal Centre", "establishment": "Thornleigh IRC",
                       "kind": "immigration_removal_centre", "family": "V9", "submitted": "2021-08-20",
                       "report_published": "2021-06", "inspection_dates": "8-19 March 2021"},
 "recommendations": recs})

# ---------------- Follow-up inspections: the same prisons inspected again, recommendations made again in other
# words (expected links in recurring.expected.tsv). Kestrel Moor: 2015 (V1, above), 2019 (V3, as HMP/YOI) and
# 2023 (V8 concerns, as HMP & YOI); Oakhurst: 2019 (V3) before its 2023 concerns plan above.
V3_RENDER = {"family": "V3", "decisions": "agreed", "orientation": "landscape", "font": "Arial", "size": 10,
             "widths_cm": [1.6, 5.6, 2.5, 9.6, 3.8, 2.9], "colons": True, "borders": True, "bullet": "dot",
             "response_bullet": "word", "numbered_header": True, "header_fill": "D9D9D9", "page_numbers": "of"}
recs = [
 R("1", "Leaders should make sure that force is used only when it is necessary and proportionate, and that every incident is scrutinised, including by reviewing body-worn camera footage.", [], "Agreed", [
   G("All use of force incidents will be reviewed within 72 hours by the duty governor, with body-worn camera footage viewed for every planned intervention.", "Head of Safety", "September 2019"),
   G("A quarterly scrutiny panel with the Independent Monitoring Board will review a sample of incidents.", "Deputy Governor", "Quarterly"),
 ]),
 R("2", "Use of force paperwork should be completed by every member of staff involved within 72 hours of the incident.", [], "Agreed", [
   G("Compliance with paperwork deadlines will be reported weekly to the Senior Leadership Team.", "Head of Security", "July 2019"),
 ]),
 R("3", "Complaints of discrimination should be investigated without delay, and the quality of the responses should be checked by someone outside the prison.", [], "Partly Agreed", [
   G("DIRF investigations will be completed within 28 days. An external scrutiny arrangement will be sought, but no partner has yet agreed to take part.", "Equalities Lead", "December 2019"),
 ]),
 R("4", "The prison should reduce the supply of illicit drugs, including through mandatory drug testing and searching.", [], "Agreed", [
   G("A drug supply reduction strategy will be published, with intelligence-led cell searches and a full random mandatory drug testing programme.", "Head of Security", "October 2019"),
 ]),
]
write({"id": "v3-hmpps-2019-hmp-yoi-kestrel-moor", "layout_id": "v3-six-column-ruled", "render": V3_RENDER,
 "cover": {"action_plan_line": "HMP/YOI Kestrel Moor", "submitted": "14 June 2019", "inspection": "4-15 February 2019",
           "published": "30 April 2019", "table_title": "ACTION PLAN: HMP/YOI Kestrel Moor"},
 "meta": {"action_plan": "HMP/YOI Kestrel Moor", "action_plan_submitted": "14 June 2019", "response_to": "4-15 February 2019",
          "report_published": "30 April 2019"},
 "expected_metadata": {"title": "Action Plan: HMP/YOI Kestrel Moor", "establishment": "HMP/YOI Kestrel Moor", "kind": "establishment",
                       "family": "V3", "submitted": "2019-06-14", "report_published": "2019-04-30",
                       "inspection_dates": "4-15 February 2019"},
 "recommendations": recs})

recs = [
 R("Priority concern 1", "Too many prisoners were locked in their cells for most of the day; every prisoner should have at least ten hours out of cell each weekday.", [], "Partly Agreed", [
   G("The regime will be extended so that every prisoner is unlocked for at least eight hours each weekday. Ten hours cannot be offered within current staffing.", "Deputy Governor", "September 2023"),
 ]),
 R("Priority concern 2", "The supply of drugs into the prison should be reduced through intelligence-led searching and a full mandatory drug testing programme.", [], "Agreed", [
   G("A new search team will target intelligence on drug supply, and mandatory drug testing will return to full levels.", "Head of Security", "June 2023"),
 ]),
 R("Key concern 3", "Prisoners waited too long for their property after transfer from other prisons.", [], "Agreed", [
   G("A property tracker will be introduced in reception.", "Head of Residence", "May 2023"),
 ]),
]
write({"id": "v8-hmpps-2023-hmp-yoi-kestrel-moor-concerns", "layout_id": "v8-six-column-concerns",
 "render": {"family": "V8", "decisions": "agreed", "orientation": "landscape", "font": "Arial", "size": 10,
            "widths_cm": [2.3, 6.0, 2.4, 9.0, 3.8, 2.9], "colons": True, "borders": True, "bullet": "dot",
            "response_bullet": "word", "page_numbers": "of", "header_fill": "D9D9D9",
            "headers": ["1. Concern", "2. Priority and key concerns", "3. Agreed/ Partly Agreed/ Not Agreed",
                        "4. Response Action Taken/Planned", "5. Responsible Owner", "6. Target Date"]},
 "cover": {"action_plan_line": "HMP & YOI Kestrel Moor", "submitted": "17 March 2023", "inspection": "5-16 September 2022",
           "published": "20 December 2022", "table_title": "ACTION PLAN: HMP & YOI Kestrel Moor"},
 "meta": {"action_plan": "HMP & YOI Kestrel Moor", "action_plan_submitted": "17 March 2023", "response_to": "5-16 September 2022",
          "report_published": "20 December 2022"},
 "expected_metadata": {"title": "Action Plan: HMP & YOI Kestrel Moor", "establishment": "HMP & YOI Kestrel Moor", "kind": "establishment",
                       "family": "V8", "submitted": "2023-03-17", "report_published": "2022-12-20",
                       "inspection_dates": "5-16 September 2022"},
 "recommendations": recs})

recs = [
 R("1", "Leaders should make sure that prisoners are not locked in their cells for most of the day and that they have access to purposeful activity, including education, skills and work.", [], "Agreed", [
   G("A revised core day will be introduced which increases time out of cell and activity places.", "Head of Education, Skills and Work", "December 2019"),
 ]),
 R("2", "The prison should explore the reasons for the over-representation of black prisoners in incidents where force was used and on the basic level of the incentives scheme, and act on its findings.", [], "Agreed", [
   G("Use of force and incentives data will be analysed by ethnicity each quarter and presented at the Equality Action Team.", "Equalities Lead", "Quarterly"),
 ]),
 R("3", "Prisoners should be able to see a GP within a week and waiting times for the dentist should be reduced.", [], "Agreed", [
   G("The healthcare provider will recruit a second GP and review dental waiting lists monthly.", "Head of Healthcare", "March 2020"),
 ]),
]
write({"id": "v3-hmpps-2019-hmp-oakhurst", "layout_id": "v3-six-column-ruled", "render": V3_RENDER,
 "cover": {"action_plan_line": "HMP Oakhurst", "submitted": "20 September 2019", "inspection": "6-17 May 2019",
           "published": "30 July 2019", "table_title": "ACTION PLAN: HMP Oakhurst"},
 "meta": {"action_plan": "HMP Oakhurst", "action_plan_submitted": "20 September 2019", "response_to": "6-17 May 2019",
          "report_published": "30 July 2019"},
 "expected_metadata": {"title": "Action Plan: HMP Oakhurst", "establishment": "HMP Oakhurst", "kind": "establishment",
                       "family": "V3", "submitted": "2019-09-20", "report_published": "2019-07-30",
                       "inspection_dates": "6-17 May 2019"},
 "recommendations": recs})
