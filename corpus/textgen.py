"""Deterministic bulk text for synthetic action plans: recommendations, responses, owners and dates.

    python corpus/textgen.py          # rewrite the generated case files (same bytes every run)

In: a seed and a profile (establishment, sections, reference style, decision words, owner pool, bullet
style, submission date). Out: recommendations in the case-file format that `build.py` renders, each
with its response groups, atomic owners and target dates. The phrase banks are in the voice of
HMPPS plans and lean on the race-equality areas (use of force, adjudications, incentives,
discrimination complaints, access to activities, categorisation) so theme tagging has work to do.
"""

from __future__ import annotations

import calendar
import datetime as dt
import difflib
import json
import random
from pathlib import Path

HERE = Path(__file__).resolve().parent

THEMES = {
    "use of force": (
        ["Leaders should make sure that force is used only as a last resort and that all incidents are "
         "reviewed, including {group} prisoners' experience of it",
         "The use of force against {group} prisoners should be monitored, and any disproportionality "
         "investigated and addressed"],
        ["Use of force incidents will be analysed each month by ethnicity, age, religion and location, and the "
         "findings will be discussed at the Use of Force Committee.",
         "All planned removals will be video recorded and a sample of spontaneous incidents reviewed against "
         "body-worn camera footage by a manager not involved in the incident.",
         "Where disproportionality is found, a local investigation will be commissioned and the outcome shared "
         "with the Diversity and Inclusion Action Team and prisoner representatives.",
         "Staff involved in three or more incidents in a quarter will have a supervision session with their "
         "line manager focusing on de-escalation and the use of communication skills."],
        ["Head of Safety", "Head of Security", "Deputy Governor", "Equalities Lead"],
    ),
    "adjudications": (
        ["The governor should ensure that adjudications are fair, that charges are proportionate and that "
         "outcomes for {group} prisoners are monitored",
         "Leaders should investigate the high number of adjudications brought against {group} prisoners"],
        ["Adjudication outcomes will be broken down by protected characteristic in the monthly safety data pack "
         "and examined at the Safety Intervention Meeting.",
         "A quality assurance check of 10% of adjudication records will be completed each month by the Head of "
         "Safety, with findings fed back to adjudicating governors.",
         "Refresher training on the Prison Discipline Procedures will be delivered to all adjudicating governors.",
         "The number of charges referred to the Independent Adjudicator will be reviewed to ensure referrals are "
         "appropriate."],
        ["Head of Safety", "Deputy Governor", "Head of Security"],
    ),
    "incentives": (
        ["The incentives scheme should motivate prisoners to behave well, and its use should be monitored "
         "to make sure that {group} prisoners are not disadvantaged",
         "Prisoners on the basic level of the incentives scheme should have clear targets and a plan to progress"],
        ["The local Incentives Policy Framework will be reviewed and relaunched following consultation with "
         "the prisoner council.",
         "Incentive level reviews will be audited monthly to ensure decisions are evidenced, timely and "
         "communicated to the prisoner in writing.",
         "Incentives data will be monitored by ethnicity, religion and disability at each Diversity and "
         "Inclusion Action Team meeting.",
         "Every prisoner placed on basic will have a progression plan agreed with their key worker within "
         "seven days."],
        ["Head of Residence", "Head of Safety", "Equalities Lead"],
    ),
    "discrimination complaints": (
        ["Discrimination incident report forms (DIRFs) should be investigated promptly and thoroughly, and "
         "quality assured independently",
         "Prisoners should have confidence in the complaints process, including for complaints about "
         "discrimination"],
        ["All DIRFs will be logged on receipt and responded to within the published timescale.",
         "An external partner organisation will quality assure a sample of DIRF responses each quarter and "
         "report its findings to the Governor.",
         "DIRF forms and boxes will be available on every wing and in all activity areas, with forms in "
         "the most commonly spoken languages.",
         "Themes from complaints and DIRFs will be shared at the prisoner equality forum and the minutes "
         "published on the wings."],
        ["Equalities Lead", "Governor", "Deputy Governor"],
    ),
    "access to activities": (
        ["Leaders should make sure that allocation to education, skills and work is fair and that {group} "
         "prisoners have equitable access to the best paid jobs",
         "Prisoners should have enough purposeful activity, and the allocation of places should be monitored"],
        ["The activities allocation policy will be reviewed to make sure it is transparent and applied "
         "consistently.",
         "Allocation and waiting list data will be monitored monthly by protected characteristic.",
         "Any group found to be under-represented in the best paid work will be the subject of a targeted "
         "action plan agreed by the Senior Leadership Team.",
         "Induction will include information on all available activities and how places are allocated."],
        ["Head of Education, Skills and Work", "Head of Reducing Reoffending", "Equalities Lead"],
    ),
    "categorisation": (
        ["Categorisation reviews should be completed on time, and decisions should be monitored to make sure "
         "that {group} prisoners are not disadvantaged",
         "Prisoners should be able to progress to open conditions when they meet the criteria"],
        ["A tracker will be maintained so that every categorisation review is completed by its due date.",
         "Categorisation decisions will be analysed by ethnicity each quarter and any disparity examined at "
         "the Reducing Reoffending Meeting.",
         "Prisoners will receive written reasons for categorisation decisions and information on how to "
         "appeal.",
         "Offender management staff will receive refresher training on the categorisation policy framework."],
        ["Head of Offender Management Delivery", "Head of Reducing Reoffending"],
    ),
    "self-harm": (
        ["Prisoners at risk of self-harm should be supported through good quality case management",
         "Leaders should understand the causes of the high level of self-harm and take action to reduce it"],
        ["The Safer Custody team will quality assure a sample of ACCT documents each week and give feedback "
         "to case managers.",
         "A self-harm reduction strategy will be published, informed by analysis of incidents and by "
         "consultation with prisoners.",
         "Multidisciplinary case reviews will be held for all prisoners with complex needs.",
         "Listeners and Samaritans will be promoted through induction and on all residential units."],
        ["Head of Safer Custody", "Head of Healthcare (Practice Plus Group)", "Head of Safety"],
    ),
    "living conditions": (
        ["All prisoners should live in clean, decent conditions, with access to showers and telephones every day",
         "Cells designed for one prisoner should not hold two"],
        ["A residential decency checklist will be completed weekly by wing managers and reviewed by the Head of "
         "Residence.",
         "Outstanding repairs to showers and in-cell telephones will be prioritised with the facilities "
         "management provider.",
         "A refurbishment plan for the older residential units has been submitted to the Prison Group Director.",
         "Prisoner representatives will take part in monthly decency walkarounds."],
        ["Head of Residence", "FM provider", "Governor"],
    ),
    "release planning": (
        ["Prisoners should be released to sustainable accommodation and their resettlement needs addressed well "
         "before release",
         "Public protection arrangements should be robust and reviewed before release"],
        ["Resettlement needs will be assessed within 12 weeks of release and referrals made to the relevant "
         "pathway providers.",
         "The interdepartmental risk management meeting will review all high-risk prisoners six months before "
         "release.",
         "Links with local authority housing teams will be strengthened through a monthly accommodation "
         "surgery.",
         "Data on accommodation on release will be monitored by protected characteristic."],
        ["Head of Offender Management Delivery", "Head of Reducing Reoffending", "Regional Probation Director"],
    ),
    "healthcare": (
        ["Prisoners should have timely access to health services, including mental health care",
         "Transfers to secure hospital under the Mental Health Act should take place within the national "
         "guideline"],
        ["Waiting times for primary care and mental health services will be reviewed at the monthly local "
         "delivery board.",
         "The healthcare provider will publish clinic timetables on each wing.",
         "NHS England commissioners will escalate delayed transfers through the regional escalation process.",
         "A health needs assessment will be completed and used to inform the service specification."],
        ["Head of Healthcare (Practice Plus Group)", "NHS England", "Deputy Governor"],
    ),
}

GROUPS = ["black and minority ethnic", "Gypsy, Roma and Traveller", "Muslim", "young adult", "black",
          "foreign national"]

NATIONAL = ["Prison Group Director", "Executive Director", "Chief Operating Officer Prisons",
            "Deputy Director, Security, Order and Counter Terrorism"]

YOUTH_OWNERS = {"Governor": "Governor", "Head of Residence": "Head of Residence and Care",
                "Head of Reducing Reoffending": "Head of Resettlement",
                "Regional Probation Director": "Youth Custody Service"}


def owner_join(rng: random.Random, owners: list[str]) -> str:
    """Print 1-4 atomic owners as one entry the way plans do: '/', ', ' or ' and '."""
    if len(owners) == 1:
        return owners[0]
    commas = any("," in o for o in owners)
    ands = any(" and " in o for o in owners)
    seps = ["/", " / "]
    if not commas:
        seps.append(", ")
    if not ands:
        seps.append(" and ")
    sep = rng.choice(seps)
    return sep.join(owners)


def date_text(rng: random.Random, submitted: dt.date, forms: list[str]) -> str:
    form = rng.choice(forms)
    months_ahead = rng.randint(1, 12)
    y, m = divmod(submitted.month - 1 + months_ahead, 12)
    y += submitted.year
    m += 1
    last = calendar.monthrange(y, m)[1]
    name = calendar.month_name[m]
    fy = y if m >= 4 else y - 1
    q = (m - 4) % 12 // 3 + 1
    ordinal = {1: "st", 2: "nd", 3: "rd", 21: "st", 22: "nd", 23: "rd", 31: "st"}.get(last, "th")
    return {
        "month": f"{name} {y}",
        "mon-yy": f"{calendar.month_abbr[m]}-{y % 100:02d}",
        "dmy": f"{last:02d}/{m:02d}/{y}",
        "long": f"{last} {name} {y}",
        "ordinal": f"{last}{ordinal} {name} {y}",
        "quarter": f"Q{q} {fy}/{(fy + 1) % 100:02d}",
        "end-quarter": f"End of Q{q} {fy}/{(fy + 1) % 100:02d}",
        "end-of": f"end of {name}",
        "note": f"{name} {y} (review of processes)",
        "ongoing": "Ongoing", "complete": "Complete", "completed-ongoing": "Completed and ongoing",
        "immediate": "Immediate", "monthly": "Monthly", "quarterly": "Quarterly",
    }[form]


def make_recs(seed: int, n: int, profile: dict) -> list[dict]:
    """n recommendations for a profile; the same seed and profile give the same records."""
    rng = random.Random(seed)
    submitted = dt.date.fromisoformat(profile["submitted"])
    sections = profile.get("sections") or [None]
    themes = profile.get("themes") or list(THEMES)
    decisions = profile["decisions"]          # [(printed, normalised, weight)]
    forms = profile["date_forms"]
    recs = []
    per_section = max(1, n // len(sections))
    for i in range(n):
        section = sections[min(i // per_section, len(sections) - 1)]
        theme = themes[(i * 7 + seed) % len(themes)]
        heads, lines, owners = THEMES[theme]
        group = rng.choice(GROUPS)
        head = rng.choice(heads).format(group=group) + "."
        para_ref = f"{rng.randint(1, 5)}.{rng.randint(1, 60)}"
        ref = {"int": str(i + 1), "dotted": f"{sections.index(section) + 1}.{i + 1}",
               "S": f"S{30 + i}", "v1": f"5.{i + 1:02d}"}[profile.get("refs", "int")]
        bullets = []
        if rng.random() < profile.get("rec_bullets", 0.25):
            head = head[:-1] + ". Leaders should:"
            bullets = rng.sample(["review the data each month", "consult prisoners on the findings",
                                  "publish the results on each wing", "act promptly on any disparity found"], 2)
        if profile.get("cross_ref", True):
            tag = f" ({ref if ref.startswith('S') else para_ref})"
            if bullets:
                bullets[-1] += "." + tag
            else:
                head += tag
        printed, dec = rng.choices([(d[0], d[1]) for d in decisions], [d[2] for d in decisions])[0]
        pool = [YOUTH_OWNERS.get(o, o) for o in owners] if profile.get("youth") else list(owners)
        pool += profile.get("extra_owners", ["Governor", "Deputy Governor"])
        pool = list(dict.fromkeys(pool))
        groups = []
        if dec in ("not_agreed", "rejected", "not_accepted"):
            groups.append({"lead": f"{rng.choice(profile.get('refusals', REFUSALS))}", "owner": None, "owners": [],
                           "target_date": "N/A" if rng.random() < 0.7 else None, "actions": []})
        else:
            size = profile.get("size", (2, 4))
            n_groups = rng.randint(1, max(1, size[1] - 2))
            texts = list(lines)
            rng.shuffle(texts)
            extra = list(GENERIC)
            rng.shuffle(extra)
            texts += extra
            uniq = Distinct(rng, profile, theme, submitted) if profile.get("unique") else None
            for g in range(n_groups):
                if uniq:
                    lead = uniq.lead()
                else:
                    lead = rng.choice(LEADS).format(est=profile["establishment"], theme=theme)
                k = rng.randint(size[0], size[1])
                acts = []
                for j in range(k):
                    if uniq:
                        t = uniq.action(texts)
                    else:
                        t = texts.pop(0) if texts else rng.choice(lines)
                        if profile.get("long") and rng.random() < 0.5:
                            t += " " + rng.choice(ELABORATIONS)
                    acts.append(entry(rng, t, pool, submitted, forms, j, profile))
                if rng.random() < 0.4:
                    lead_entry = entry(rng, lead, pool, submitted, forms, 0, profile)
                    acts[0]["owner"] = acts[0]["target_date"] = None
                    acts[0]["owners"] = []
                    groups.append({"lead": lead, "owner": lead_entry["owner"], "owners": lead_entry["owners"],
                                   "target_date": lead_entry["target_date"], "actions": acts})
                else:
                    groups.append({"lead": lead if g or rng.random() < 0.8 else None, "owner": None, "owners": [],
                                   "target_date": None, "actions": acts})
        rec = {"ref": ref, "text": [head, bullets], "decision": dec, "decision_text": printed, "groups": groups}
        if section:
            rec["section"] = section
        recs.append(rec)
    return recs


def entry(rng, text, pool, submitted, forms, j, profile) -> dict:
    """One action; most carry an owner and date, later bullets of a group sometimes share the first's."""
    if j and rng.random() < profile.get("shared", 0.3):
        return {"text": text, "owner": None, "owners": [], "target_date": None}
    k = rng.choices([1, 2, 3, 4], [60, 25, 10, 5])[0]
    owners = rng.sample(pool, min(k, len(pool)))
    if rng.random() < 0.15:
        owners.append(rng.choice(NATIONAL))
    return {"text": text, "owner": owner_join(rng, owners), "owners": owners,
            "target_date": date_text(rng, submitted, forms)}


def similar(a: str, b: str) -> float:
    """Text similarity as the scorer measures it (case and spacing ignored, no junk heuristic)."""
    a, b = " ".join(a.casefold().split()), " ".join(b.casefold().split())
    return difflib.SequenceMatcher(None, a, b, autojunk=False).ratio()


class Distinct:
    """Leads and actions for one recommendation, each clearly different from the others already in it.

    The theme's lines and the generic ones are used first; after that each action comes from a template
    bag (no template twice until all are used) filled with specific details (unit names, numbers, dates,
    meetings) drawn from the seeded generator. A candidate closer than MAX_SIM to a text already in the
    recommendation is redrawn, so a reader, and the scorer, can tell every action apart.
    """

    MAX_SIM = 0.75

    def __init__(self, rng: random.Random, profile: dict, theme: str, submitted: dt.date):
        self.rng, self.profile, self.theme, self.submitted = rng, profile, theme, submitted
        self.seen: list[str] = []
        self.leads = list(LEADS) + list(LEADS_DETAILED)
        rng.shuffle(self.leads)
        self.elabs = list(ELABORATIONS)
        rng.shuffle(self.elabs)
        self.bag: list[str] = []

    def ok(self, t: str) -> bool:
        return all(similar(t, s) < self.MAX_SIM for s in self.seen)

    def keep(self, t: str) -> str:
        self.seen.append(t)
        return t

    def fill(self, template: str) -> str:
        rng = self.rng
        units = rng.sample(UNITS, 2)
        months = rng.randint(1, 9)
        y, m = divmod(self.submitted.month - 1 + months, 12)
        when = dt.date(self.submitted.year + y, m + 1, 1)
        when = f"{calendar.monthrange(when.year, when.month)[1]} {calendar.month_name[when.month]} {when.year}"
        t = template.format(
            est=self.profile["establishment"], theme=self.theme, unit=units[0], unit2=units[1],
            n=rng.choice([6, 8, 10, 12, 15, 20, 25, 30, 40, 50]), k=rng.choice([2, 3, 4, 5, 7, 10, 14]),
            pct=rng.choice([5, 10, 15, 20]), period=rng.choice(["week", "fortnight", "month", "quarter"]),
            meeting=rng.choice(MEETINGS), role=rng.choice(ROLES), date=when,
            month=calendar.month_name[rng.randint(1, 12)])
        return t[0].upper() + t[1:]

    def lead(self) -> str:
        while self.leads:
            t = self.fill(self.leads.pop())
            if self.ok(t):
                return self.keep(t)
        for _ in range(100):
            t = self.fill(self.rng.choice(LEADS_DETAILED))
            if self.ok(t):
                return self.keep(t)
        raise ValueError("no distinct lead left")

    def action(self, texts: list[str]) -> str:
        while texts:
            t = texts.pop(0)
            if self.profile.get("long") and self.rng.random() < 0.5 and self.elabs:
                t += " " + self.elabs.pop()
            if self.ok(t):
                return self.keep(t)
        for _ in range(200):
            if not self.bag:
                self.bag = list(TEMPLATES)
                self.rng.shuffle(self.bag)
            t = self.fill(self.bag.pop())
            if self.ok(t):
                return self.keep(t)
        raise ValueError("no distinct action left")


UNITS = ["A wing", "B wing", "C wing", "D wing", "E wing", "F wing", "Ash unit", "Beech unit", "Cedar unit",
         "Elm unit", "Hawthorn unit", "Juniper unit", "Rowan unit", "Willow unit", "the care and separation unit",
         "the first night centre", "the induction unit", "Houseblock 1", "Houseblock 2", "Houseblock 3",
         "the healthcare inpatient unit", "the resettlement unit"]

MEETINGS = ["Safety Intervention Meeting", "Diversity and Inclusion Action Team meeting", "Senior Leadership Team "
            "meeting", "Reducing Reoffending Meeting", "Use of Force Committee", "Quality Improvement Group",
            "Residential Governance Board", "Local Delivery Board"]

ROLES = ["the Deputy Governor", "the Head of Safety", "the Head of Residence", "the Equalities Lead",
         "a custodial manager", "the Head of Security", "the Head of Reducing Reoffending", "the Governor",
         "the Performance Hub manager", "the Head of Operations"]

TEMPLATES = [
    "A dip sample of {n} {theme} records from {unit} will be checked against the policy framework by {role}, and "
    "the findings presented to the {meeting}.",
    "By {date}, all staff on {unit} and {unit2} will have been briefed on the revised {theme} arrangements, with "
    "attendance recorded on the training log.",
    "{role} will meet prisoner representatives from {unit} every {period} to hear their experience of {theme}; "
    "minutes will be displayed within {k} working days.",
    "{theme} data for {unit} will be compared with the establishment average each {period}, and any gap of more "
    "than {pct}% will be investigated by {role}.",
    "A named {theme} champion will be appointed on {unit}, with {k} hours of protected time each {period} to "
    "support staff and prisoners.",
    "The {meeting} will take a progress report on this recommendation at its {month} meeting and agree any "
    "further steps needed.",
    "{n} officers from {unit} will complete the national e-learning module on {theme} before {date}.",
    "An evaluation of the changes on {unit} will be completed by {date}, and the lessons applied to {unit2}.",
    "Performance against this action will be added to the weekly data pack for {unit}, with {role} responsible "
    "for exception reporting.",
    "Peer workers on {unit} will be trained to explain the {theme} process to new arrivals within {k} days of "
    "their arrival.",
    "A survey of {n} prisoners on {unit} will be carried out in {month} to measure whether perceptions of "
    "{theme} have improved since the inspection.",
    "Local operating procedures for {theme} will be rewritten by {role} and published on the intranet by {date}.",
    "Custodial managers covering {unit} will complete {k} spot checks each {period} and record the outcome on "
    "the assurance tracker.",
    "Any case on {unit} that falls outside the expected timescale will be escalated to {role} within {k} working "
    "days.",
    "Findings from {unit} will be benchmarked against two comparator prisons in the group, and the results "
    "reported to the {meeting} in {month}.",
    "Information leaflets on {theme}, in the {k} most common languages, will be placed in every cell on {unit} "
    "by {date}.",
    "A joint review with the Independent Monitoring Board of {n} cases from {unit} will be completed by {date}.",
    "{role} will write to every prisoner on {unit} explaining the changes to {theme} and how to raise a concern.",
]

LEADS_DETAILED = [
    "Following the review of {theme} completed in {month}, {est} will:",
    "Building on the work already started on {unit}, the following actions will be taken:",
    "The {meeting} has agreed the following plan, which {role} will lead:",
    "To provide assurance to the Governor on {theme}, the following checks will be made:",
    "Actions to be completed by {date}:",
    "In addition, {role} will oversee the following:",
]

GENERIC = [
    "A local action plan will be developed and its progress monitored through the Senior Leadership Team "
    "meeting.",
    "Staff will be briefed on the changes through the daily briefing, wing meetings and the staff newsletter.",
    "Prisoners will be consulted through the prisoner council and the equality forums, and the outcome fed "
    "back on each wing.",
    "The data will be reviewed monthly at the Diversity and Inclusion Action Team meeting.",
    "Progress will be reviewed by the Prison Group Director at the quarterly performance meeting.",
    "A notice to prisoners will be published explaining the changes and how to raise concerns.",
]

LEADS = ["{est} will:",
         "To make sure that practice on {theme} is fair and transparent, {est} will:",
         "To address this recommendation, the following actions will be taken:",
         "The establishment agrees with this recommendation and will:",
         "In response, the Senior Leadership Team has agreed that:",
         "Progress will be monitored through the monthly performance meeting, and:"]

ELABORATIONS = [
    "Progress will be reported to the Senior Leadership Team each month, and exceptions escalated to the "
    "Governor so that remedial action can be agreed without delay.",
    "The findings will be shared with prisoner representatives at the next consultation forum, and their "
    "views will inform any changes to local practice and the equality action plan.",
    "This will be supported by a communication plan so that staff and prisoners understand what is changing, "
    "why, and how the impact of the change will be measured over the coming year.",
    "Assurance will be provided through the Prison Group Director's quarterly performance review, where "
    "the data will be compared with that of similar establishments in the group.",
]

REFUSALS = [
    "This recommendation is not agreed. The regime is set within the national framework and the resources "
    "available; the establishment will continue to maximise time out of cell within that framework.",
    "Not agreed. The current arrangements meet the requirements of the relevant policy framework, and a "
    "change would not be affordable within the establishment's budget.",
]


# ---------------------------------------------------------------------------------------------
# The generated cases

ADULT = ["Safety", "Respect", "Purposeful activity", "Rehabilitation and release planning"]
AGREED = [("Agreed", "agreed", 70), ("Partly Agreed", "partly_agreed", 15), ("Not Agreed", "not_agreed", 8)]


def long_case() -> dict:
    profile = {"establishment": "HMP Wyvern Fields", "submitted": "2022-03-25", "sections": ADULT, "refs": "dotted",
               "decisions": AGREED + [("AGREED", "agreed", 10), ("Partly agreed", "partly_agreed", 5)],
               "date_forms": ["month", "dmy", "long", "quarter", "end-quarter", "ongoing", "mon-yy",
                              "completed-ongoing", "note", "end-of", "monthly"],
               "size": (3, 6), "long": True, "shared": 0.2, "rec_bullets": 0.3, "unique": True}
    recs = make_recs(2022, 34, profile)
    return {
        "id": "v3-hmpps-2022-hmp-wyvern-fields-long", "layout_id": "v3-six-column-ruled",
        "render": {"family": "V3", "decisions": "agreed", "orientation": "landscape", "font": "Liberation Serif",
                   "size": 12, "widths_cm": [1.5, 5.4, 2.4, 9.2, 5.0, 2.9], "colons": True, "borders": True,
                   "bullet": "dot", "response_bullet": "dot", "numbered_header": True, "group_gap": 1,
                   "page_numbers": "of", "header_fill": "D9D9D9"},
        "cover": {"action_plan_line": "HMP Wyvern Fields", "submitted": "25 March 2022",
                  "inspection": "4-15 October 2021", "published": "1 February 2022",
                  "table_title": "ACTION PLAN: HMP Wyvern Fields"},
        "meta": {"action_plan": "HMP Wyvern Fields", "action_plan_submitted": "25 March 2022",
                 "response_to": "4-15 October 2021", "report_published": "1 February 2022"},
        "expected_metadata": {"title": "Action Plan: HMP Wyvern Fields", "establishment": "HMP Wyvern Fields",
                              "kind": "establishment", "family": "V3", "submitted": "2022-03-25",
                              "report_published": "2022-02-01", "inspection_dates": "4-15 October 2021"},
        "recommendations": recs,
    }


GENERATED = {"v3-hmpps-2022-hmp-wyvern-fields-long": long_case}


def main() -> None:
    for name, make in GENERATED.items():
        case = make()
        (HERE / "cases" / f"{name}.json").write_text(json.dumps(case, indent=1, ensure_ascii=False) + "\n",
                                                     encoding="utf-8")


if __name__ == "__main__":
    main()
