"""Datasette's metadata for the database, written out as `db/metadata.yml`.

In: the site's words (below), the database shape (`schema`) and the pydantic field descriptions
(`actionplans.schemas.models`), so a column is described once, where its field is defined.
Out: `python -m actionplans.db.metadata` rewrites `db/metadata.yml`; `--check` exits 1 when the
committed file is stale (a test runs the same comparison).
"""

from __future__ import annotations

import sys
from pathlib import Path

import sqlite_utils
import yaml
from actionplans.schemas import models as m

from . import schema
from .schema import ACTION_JOIN, overdue, overdue_status

HERE = Path(__file__).resolve().parent
METADATA_PATH = HERE / "metadata.yml"
DATABASE = "actionplans"


def field(model, name: str) -> str:
    return model.model_fields[name].description


def _list_of(model) -> str:
    return "; ".join(f"{k}: {v.description}" for k, v in model.model_fields.items())


# Table column -> its description: a model field where the column holds one, else words of its own.
TABLE_COLUMNS: dict[str, dict[str, str]] = {
    "documents": {
        "id": field(m.Source, "sha256"),
        "path": field(m.Source, "path") + " (relative to where the database was built)",
        "url": field(m.Source, "url"), "pages": field(m.Source, "pages"),
        **{k: field(m.Metadata, k) for k in ("title", "establishment", "kind", "family", "submitted", "submitted_text",
                                            "report_published", "report_published_text", "inspection_dates")},
        "recommendations": "Number of recommendations read from the plan",
        "actions": "Number of actions read from the plan's responses",
        "quality": "Extraction quality figures as JSON (" + _list_of(m.Quality) + ")",
        "provenance": "Where the plan came from: published (as HMPPS published it), rebuilt (a faithful rebuild of "
                      "a published plan) or sample (made for this project: invented prisons and people)",
    },
    "recommendations": {
        "id": "Document id prefix and position of the recommendation in its plan",
        "document_id": "The plan the recommendation is in",
        "position": "Order of the recommendation in its plan (1-based)",
        **{k: field(m.Recommendation, k) for k in ("ref", "section", "text", "decision", "decision_text", "response",
                                                   "bbox", "themes", "groups")},
        "warnings": field(m.Recommendation, "warnings") + " (JSON list)",
        "first_page": "First page of the PDF the recommendation's row is on (1-based)",
        "pages": field(m.Recommendation, "pages") + " (JSON list)",
        "actions": "Number of actions read from the response",
    },
    "actions": {
        "id": "Recommendation id and position of the action in its response",
        "recommendation_id": "The recommendation the action answers",
        "document_id": "The plan the action is in",
        "position": "Order of the action within its response (1-based)",
        **{k: field(m.Action, k) for k in ("text", "kind", "owner_text", "form", "page", "bbox")},
        "verbs": field(m.Action, "verbs") + " (JSON list)",
        "themes": field(m.Action, "themes") + " (JSON list)",
        "groups": field(m.Action, "groups") + " (JSON list)",
        "target_text": field(m.TargetDate, "text"),
        "due": field(m.TargetDate, "due"), "precision": field(m.TargetDate, "precision"),
        "status": field(m.TargetDate, "status"),
        **{k: field(m.Audit, k) + " (1 or 0)" for k in ("has_owner", "named_post", "time_bound", "completed")},
        "warnings": field(m.Action, "warnings") + " (JSON list)",
    },
    "owners": {
        "id": "Owner's role (or name as printed) in lower case with dashes",
        "name": "Canonical role, or the owner as printed when no role is known",
        **{k: field(m.Owner, k) + " (as its first printing in alphabetical order reads)"
           for k in ("role", "level", "organisation")},
        "known": field(m.Owner, "known") + " (1 or 0, as its first printing in alphabetical order reads)",
    },
    "action_owners": {
        "action_id": "The action", "position": "Order of the owner beside the action (1-based)",
        "owner_id": "The owner", "document_id": "The plan the action is in", "text": field(m.Owner, "text"),
        **{k: field(m.Owner, k) + " (as read beside this action)" for k in ("role", "level", "organisation")},
        "known": field(m.Owner, "known") + " (1 or 0, as read beside this action)",
    },
    "document_paths": {
        "location": "A path or URL the document was read from", "document_id": "The plan found there",
        "path": field(m.Source, "path"), "url": field(m.Source, "url"),
    },
    "invalid_records": {
        "id": "Row number", "file": "The PDF the row was read from", "sha256": field(m.Source, "sha256"),
        "document_id": "The plan the row belongs to, when the rest of it loaded", "page": "Page of the row (1-based)",
        "ref": field(m.Recommendation, "ref"), "field": "The field that failed validation",
        "message": "Why it failed",
    },
    "ingest_log": {
        "id": "Row number", "at": "When the run started", "path": "Path as given", "url": field(m.Source, "url"),
        "sha256": field(m.Source, "sha256"), "size": "File size in bytes", "pages": field(m.Source, "pages"),
        "status": "What happened to the input: loaded, replaced, unchanged or failed",
        "reason": "Kind of failure, when it failed", "message": "The error as printed", "page": "Page of the error",
        "seconds": "Time taken to read the input", "document_id": "The plan it was loaded as",
    },
}
# Read through OCR (extract/ocr.py).
TABLE_COLUMNS["documents"].update({"ocr": field(m.Source, "ocr") + " (1 or 0)",
                                   "ocr_confidence": field(m.Source, "ocr_confidence")})
TABLE_COLUMNS["recommendations"].update({"ocr": field(m.Recommendation, "ocr") + " (1 or 0)",
                                         "ocr_confidence": field(m.Recommendation, "ocr_confidence")})
TABLE_COLUMNS["ingest_log"]["ocr"] = "1 when the file was read through OCR (scanned pages), 0 from its text layer"

# View columns that are not a same-named table column.
VIEW_COLUMNS: dict[str, str] = {
    "document": field(m.Metadata, "title"),
    "recommendation": field(m.Recommendation, "text"),
    "action": field(m.Action, "text"),
    "action_no": "Order of the action within its response (1-based)",
    "warning": "What is doubtful about the record, as the extractor says it",
    "owners_as_printed": field(m.Action, "owner_text"),
    "owners": "Atomic owners printed beside the action, separated by '; '",
    "owner": "Canonical role, or the owner as printed when no role is known",
    "organisations": "Every organisation named in brackets beside the owner's actions, separated by '; '",
    "pdf": field(m.Source, "path"),
    "action_id": "The action (actions.id)", "recommendation_id": "The recommendation (recommendations.id)",
    "document_id": "The plan (documents.id)", "owner_id": "The owner (owners.id)",
    "answer": "The decision grouped: agreed, partly agreed, not agreed or none printed",
    "reasons": "The response printed beside the decision, which gives HMPPS's reasons",
    "days_overdue": "Days from the due date to today",
    "lacks": "What the commitment lacks: an owner, a due date or both",
    "plans": "Number of plans the owner has actions in",
    "dated": "Actions with a due date",
    "overdue": "Open actions whose due date has passed",
    "vague": "Actions with no owner or no due date (lead-ins ending in a colon not counted)",
    "first_due": "Earliest due date among the actions", "last_due": "Latest due date among the actions",
    "agreed": "Recommendations agreed or accepted", "partly_agreed": "Recommendations partly agreed or accepted",
    "not_agreed": "Recommendations not agreed, not accepted or rejected",
    "no_decision": "Recommendations with no decision printed",
    "plan_submitted": "Date the plan was submitted: what was done after it is not published with the plan, so "
                      "an overdue action may since have been done",
}
# Where a view's column has the same name as a table column but means the view's own thing.
VIEW_OVERRIDES: dict[str, dict[str, str]] = {
    "document_decisions": {"recommendations": TABLE_COLUMNS["documents"]["recommendations"],
                           "actions": TABLE_COLUMNS["documents"]["actions"]},
    "owner_actions": {"actions": "Number of actions the owner is printed beside"},
    "overdue_actions": {"status": "overdue, or the plan's own word for the date when it printed one "
                                  "('immediate', 'recurring')",
                        "days_overdue": "Days from the due date to today. The plan's later progress is unknown: "
                                        "this is time since the promised date, not proven delay"},
}

SITE = {
    "title": "HMPPS action plans",
    "description_html": (
        "<p>Every recommendation, decision, action, owner and target date in the action plans that HM Prison and "
        "Probation Service (HMPPS) publishes in answer to reports by HM Inspectorate of Prisons and HM Inspectorate "
        "of Probation, read from the PDFs into tables. Each row links back to the page of the PDF it was read "
        "from, with the area highlighted, so it can be checked by eye.</p>"),
    "license": "Plans: Crown copyright, Open Government Licence v3.0; actionplans code: MIT",
    "license_url": "https://www.nationalarchives.gov.uk/doc/open-government-licence/version/3/",
    "source": "HMPPS action plans answering HM Inspectorate of Prisons and HM Inspectorate of Probation reports",
    "source_url": "https://www.justiceinspectorates.gov.uk/",
    "about": "actionplans (MIT licence): extraction rules and database shape are in the project's db/ folder",
}

TABLES = {
    "documents": {
        "description": "One row per action plan (PDF): what it answers, when it was submitted, how it was read.",
        "facets": ["provenance", "kind", "family", "establishment"], "sort_desc": "submitted",
        "label_column": "title",
    },
    "recommendations": {
        "description": "One row per inspection recommendation, with HMPPS's decision and full response. "
                       "The first_page link opens the PDF page with the row highlighted.",
        "facets": ["decision", "document_id", {"array": "themes"}, {"array": "groups"}],
        "sort": "id", "label_column": "ref",
    },
    "actions": {
        "description": "One row per action: each lead-in sentence or bullet of a response, with the owners and "
                       "target date printed beside it. The page link opens the PDF page with the action highlighted.",
        "facets": ["status", "kind", "precision", "document_id", {"array": "themes"}, {"array": "groups"}],
        "sort": "id",
    },
    "owners": {
        "description": "Owners printed beside actions, one row per canonical role.",
        "facets": ["level", "known"], "sort": "name", "label_column": "name",
    },
    "action_owners": {
        "description": "Which owner is printed beside which action (an action can have several).",
        "facets": ["owner_id", "document_id"],
    },
    "document_paths": {"description": "Every path or URL a plan was read from; one file under several names "
                                      "is stored once."},
    "invalid_records": {"description": "Rows that failed validation, kept for a person to read rather than dropped.",
                        "facets": ["field"]},
    "ingest_log": {"description": "What happened to each input on each run (loaded, replaced, unchanged, failed) "
                                 "and why.", "facets": ["status", "reason"], "sort_desc": "id"},
    "action_rows": {
        "description": "One row per action with its recommendation, decision, owners, due date, plan and page: "
                       "the flat table for spreadsheets (the same rows `actionplans export` writes).",
        "facets": ["decision", "establishment", "status"],
    },
    "recommendation_rows": {
        "description": "Recommendations beside the plan they are in, for searching and faceting across plans.",
        "facets": ["answer", "decision", "establishment", "kind", {"array": "themes"}, {"array": "groups"}],
    },
    "overdue_actions": {
        "description": "Actions whose target date has passed, as of today, and which the plan does not mark "
                       "completed. A plan records promises on the day it was submitted (plan_submitted); later "
                       "progress is unknown, so an action listed here may since have been done. For a fixed date "
                       "use the overdue_as_of query.",
        "facets": ["provenance", "establishment", "decision", "status"],
    },
    "contested_recommendations": {
        "description": "Recommendations HMPPS partly agreed, did not agree or rejected, with the response that "
                       "gives its reasons.",
        "facets": ["decision", "establishment"],
    },
    "owner_actions": {
        "description": "Actions per owner role across every plan: how many, in how many plans, how many dated "
                       "and how many overdue today.",
        "facets": ["level"],
    },
    "document_decisions": {
        "description": "How each plan answered: recommendations agreed, partly agreed and not agreed; actions "
                       "overdue today and actions with no owner or no date.",
        "facets": ["kind"],
    },
    "needs_review": {
        "description": "Records the extractor kept but doubts, one row per warning (empty text, a reference or "
                       "decision not recognised, an owner or date entry beside no action, a date not understood), "
                       "with the page of the PDF to check.",
        "facets": ["document"],
    },
    "vague_actions": {
        "description": "Commitments with no owner printed beside them, or no due date (lead-ins that only "
                       "introduce bullets are left out).",
        "facets": ["lacks", "establishment", "decision"],
    },
}

QUERIES = {
    "search": {
        "title": "Search plans by words",
        "description": "Recommendations, responses and actions containing all the words given (word endings "
                       "ignored: 'search' finds 'searches'). Leave the box empty to list nothing.",
        "sql": """SELECT 'recommendation' AS found_in, d.title AS document, d.establishment, r.ref, r.decision,
  snippet(recommendations_fts, -1, '[', ']', ' … ', 24) AS match, r.first_page AS page,
  r.id AS recommendation_id, NULL AS action_id, d.id AS document_id
FROM recommendations_fts JOIN recommendations r ON r.rowid = recommendations_fts.rowid
  JOIN documents d ON d.id = r.document_id
WHERE recommendations_fts MATCH fts_words(:q)
UNION ALL
SELECT 'action', d.title, d.establishment, r.ref, r.decision,
  snippet(actions_fts, -1, '[', ']', ' … ', 24), a.page, r.id, a.id, d.id
FROM actions_fts JOIN actions a ON a.rowid = actions_fts.rowid
  JOIN recommendations r ON r.id = a.recommendation_id JOIN documents d ON d.id = a.document_id
WHERE actions_fts MATCH fts_words(:q)
ORDER BY recommendation_id, action_id""",
    },
    "prison_plans": {
        "title": "A prison's plans",
        "description": "Recommendations and decisions in the plans for one prison or service: part of its name "
                       "is enough (e.g. 'Ashcombe').",
        "sql": """SELECT d.title AS document, d.establishment, d.submitted, r.ref, r.section, r.text AS recommendation,
  r.decision, r.actions, r.first_page, r.id AS recommendation_id, d.id AS document_id
FROM recommendations r JOIN documents d ON d.id = r.document_id
WHERE :prison != '' AND (d.establishment LIKE '%' || :prison || '%' OR d.title LIKE '%' || :prison || '%')
ORDER BY d.submitted DESC, d.title, r.position""",
    },
    "actions_owned_by": {
        "title": "Actions owned by a role",
        "description": "Actions owned by the role named, as a whole: 'Governor' finds the Governor's actions, "
                       "not the Deputy Governor's (for those, use 'Actions whose owner's role contains words'). "
                       "Earliest due first.",
        "sql": """SELECT o.name AS owner, o.level, d.title AS document, d.establishment, r.ref, r.decision,
  a.text AS action, a.target_text, a.due, a.status, a.page, a.id AS action_id, r.id AS recommendation_id,
  o.id AS owner_id, d.id AS document_id
FROM action_owners ao JOIN owners o ON o.id = ao.owner_id JOIN actions a ON a.id = ao.action_id
  JOIN recommendations r ON r.id = a.recommendation_id JOIN documents d ON d.id = a.document_id
WHERE trim(:role) != '' AND (lower(o.name) = lower(trim(:role)) OR lower(ao.text) = lower(trim(:role))
  OR lower(coalesce(o.role, '')) = lower(trim(:role)))
ORDER BY a.due IS NULL, a.due, d.title, a.id""",
    },
    "actions_owned_by_words": {
        "title": "Actions whose owner's role contains words",
        "description": "Actions with an owner whose role or printed name contains the words given: 'Governor' "
                       "finds the Governor and the Deputy Governor. Earliest due first.",
        "sql": """SELECT o.name AS owner, o.level, d.title AS document, d.establishment, r.ref, r.decision,
  a.text AS action, a.target_text, a.due, a.status, a.page, a.id AS action_id, r.id AS recommendation_id,
  o.id AS owner_id, d.id AS document_id
FROM action_owners ao JOIN owners o ON o.id = ao.owner_id JOIN actions a ON a.id = ao.action_id
  JOIN recommendations r ON r.id = a.recommendation_id JOIN documents d ON d.id = a.document_id
WHERE trim(:words) != '' AND (o.name LIKE '%' || trim(:words) || '%' OR ao.text LIKE '%' || trim(:words) || '%'
  OR coalesce(o.role, '') LIKE '%' || trim(:words) || '%')
ORDER BY a.due IS NULL, a.due, d.title, a.id""",
    },
    "overdue_as_of": {
        "title": "Overdue actions as of a date",
        "description": "Open actions whose target date had passed on the date given (30/06/2022 or 2022-06-30), "
                       "so a count can be repeated later with the same answer. Overdue: the target date printed in "
                       "the plan had passed and the plan does not mark the action completed. A plan records "
                       "promises on the day it was submitted (plan_submitted); later progress is unknown, so an "
                       "action listed may since have been done.",
        "sql": f"""SELECT d.title AS document, d.establishment, r.ref, r.decision, a.text AS action,
  (SELECT group_concat(ao.text, '; ') FROM action_owners ao WHERE ao.action_id = a.id) AS owners,
  a.target_text, a.due, CAST(julianday(ap_date(:as_of)) - julianday(a.due) AS INTEGER) AS days_overdue,
  {overdue_status()} AS status, d.submitted AS plan_submitted, d.provenance,
  a.page, a.id AS action_id, r.id AS recommendation_id, d.id AS document_id
{ACTION_JOIN}
WHERE {overdue("ap_date(:as_of)")}
ORDER BY a.due, d.title, a.id""",
    },
    "theme_recommendations": {
        "title": "Recommendations about a theme",
        "description": "Recommendations that concern a theme or group of prisoners, themselves or through their "
                       "actions, named in your own words: 'use of force', 'incentives', 'DIRF', 'racist incidents', "
                       "'Gypsy', 'Muslim', 'foreign nationals' (the words the extractor tags records by; see the "
                       "themes page for every theme and group).",
        "sql": """SELECT d.title AS document, d.establishment, r.ref, r.decision, r.text AS recommendation, r.themes,
  r.groups, r.actions, r.first_page, r.id AS recommendation_id, d.id AS document_id
FROM recommendations r JOIN documents d ON d.id = r.document_id
WHERE EXISTS (SELECT 1 FROM json_each(r.themes) WHERE value IN (SELECT value FROM json_each(ap_theme_keys(:theme))))
   OR EXISTS (SELECT 1 FROM json_each(r.groups) WHERE value IN (SELECT value FROM json_each(ap_theme_keys(:theme))))
   OR EXISTS (SELECT 1 FROM actions a, json_each(a.themes) j WHERE a.recommendation_id = r.id
              AND j.value IN (SELECT value FROM json_each(ap_theme_keys(:theme))))
ORDER BY d.title, r.position""",
    },
}


# Establishments and repeated recommendations (db/links.py, issue 13).
TABLE_COLUMNS["documents"].update({
    "establishment_id": "The establishment the plan belongs to (establishments.id), however the plan prints its name",
    "inspected": "When the inspection the plan answers ended (ISO date, or YYYY-MM); orders an establishment's plans",
    "inspected_from": "Where `inspected` comes from: inspection (the dates printed), report (its publication) or "
                      "plan (its submission)",
})
TABLE_COLUMNS.update({
    "establishments": {
        "id": "The place name in lower case with hyphens ('leeds', 'irc-thornleigh'), or 'national'",
        "name": "Canonical name: 'HMP Leeds' whether printed 'HMP/YOI Leeds', 'Leeds Prison' or 'HMP LEEDS'",
        "kind": "prison, yoi, irc, probation_region or national (thematic and service-wide plans)",
        "place": "The place name alone",
        "forms": "Every form of the name the plans print (JSON list)",
        "plans": "Number of plans of the establishment in the database",
    },
    "recurring": {
        "recommendation_id": "The later recommendation (recommendations.id)",
        "earlier_id": "A recommendation of an earlier inspection of the same establishment that asks for the same "
                      "thing (recommendations.id)",
        "score": "How alike the two texts are (Dice coefficient of their content words, 0-1)",
        "method": "How the pair was judged the same (see extract/recurring.py)",
        "words": "The content words the two texts share",
        "establishment_id": "The establishment both plans belong to",
    },
})
_EARLIER = "of the earlier recommendation"
VIEW_COLUMNS.update({
    "establishment": "Canonical establishment name", "ref": field(m.Recommendation, "ref"),
    "earlier_inspected": "When the earlier inspection ended", "earlier_ref": f"Reference {_EARLIER}",
    "earlier_recommendation": f"Text {_EARLIER}", "earlier_answer": f"Decision {_EARLIER}, grouped",
    "earlier_decision": f"Decision {_EARLIER}, as normalised", "earlier_plan": "Title of the earlier plan",
    "earlier_actions": f"Number of actions {_EARLIER}",
    "earlier_actions_due": f"Actions {_EARLIER} due before the later inspection",
    "overdue_at_reinspection": f"Actions {_EARLIER} still open (as the plan says) after their due date when the "
                               "establishment was inspected again",
    "earlier_commitments": f"Every action {_EARLIER}, one a line: text [owners; target date]",
    "earlier_document_id": "The earlier plan (documents.id)", "plan": field(m.Metadata, "title"),
    "earlier_id": "The earlier recommendation (recommendations.id)",
    "establishment_id": "The establishment (establishments.id)",
    "establishment_kind": "prison, yoi, irc, probation_region or national",
    "visit": "Which inspection of the establishment this is (1 = the earliest in the database)",
    "agreed": "Recommendations agreed or accepted", "partly_agreed": "Recommendations partly agreed or accepted",
    "not_agreed": "Recommendations not agreed, not accepted or rejected",
    "repeated": "Recommendations that repeat one of an earlier inspection",
    "theme": "A race-equality theme (extract/data/themes.yml)", "year": "Year the inspection ended",
    "establishments": "Number of establishments", "agreed_pct": "Share of recommendations agreed (%)",
    "actions_due": "Actions with a due date", "actions_overdue": "Open actions whose due date has passed, as of today",
})
VIEW_OVERRIDES.update({
    "establishment_plans": {"themes": "Recommendations per theme (JSON object)",
                            "recommendations": TABLE_COLUMNS["documents"]["recommendations"],
                            "actions": TABLE_COLUMNS["documents"]["actions"]},
    "theme_years": {"recommendations": "Recommendations about the theme"},
    "repeated_recommendations": {"recommendation": "Text of the later recommendation",
                                 "answer": "Decision on the later recommendation, grouped",
                                 "inspected": "When the later inspection ended",
                                 "score": TABLE_COLUMNS["recurring"]["score"],
                                 "words": TABLE_COLUMNS["recurring"]["words"],
                                 "method": TABLE_COLUMNS["recurring"]["method"]},
})
TABLES.update({
    "establishments": {"description": "One row per prison, YOI, removal centre, probation region or the national "
                                      "level, however its plans print its name.",
                       "facets": ["kind"], "label_column": "name"},
    "recurring": {"description": "Recommendations made again: each row links a recommendation to one of an earlier "
                                 "inspection of the same establishment that asks for the same thing in other words.",
                  "sort_desc": "score"},
    "repeated_recommendations": {"description": "Recommendations made again at a later inspection, beside the earlier "
                                                "one: both texts, both answers, and the earlier plan's actions with "
                                                "owners and target dates, and how many were overdue when the "
                                                "establishment was inspected again.",
                                 "facets": ["establishment", "earlier_answer"]},
    "establishment_plans": {"description": "Each establishment's plans in inspection order, with how each answered "
                                           "and how many recommendations repeat an earlier one.",
                            "facets": ["establishment", "establishment_kind"]},
    "theme_years": {"description": "Per theme, across every establishment, by year of inspection: recommendations, "
                                   "share agreed, actions due and overdue today, and repeats.",
                    "facets": ["theme"]},
})


def _view_columns() -> dict[str, list[str]]:
    """Columns of each view, read from an empty database built from the schema."""
    db = sqlite_utils.Database(memory=True)
    schema.ensure(db)
    return {v: [c.name for c in db[v].columns] for v in schema.VIEWS}


def column_docs() -> dict[str, dict[str, str]]:
    """Description of every column of every table and view; raises KeyError naming one left undescribed."""
    out = {t: dict(TABLE_COLUMNS[t]) for t in schema.TABLES}
    for t, spec in schema.TABLES.items():
        missing = set(spec["columns"]) - set(TABLE_COLUMNS[t])
        if missing:
            raise KeyError(f"{t}: no description for column(s) {', '.join(sorted(missing))}")
    known = {c: d for t in ("action_owners", "owners", "documents", "recommendations", "actions")
             for c, d in TABLE_COLUMNS[t].items()}
    for view, cols in _view_columns().items():
        docs = {}
        for c in cols:
            d = VIEW_OVERRIDES.get(view, {}).get(c) or VIEW_COLUMNS.get(c) or known.get(c)
            if d is None:
                raise KeyError(f"{view}: no description for column {c}")
            docs[c] = d
        out[view] = docs
    return out


def build() -> dict:
    docs = column_docs()
    tables = {}
    for name in list(schema.TABLES) + list(schema.VIEWS):
        tables[name] = {**TABLES[name], "columns": docs[name]}
    return {**SITE, "databases": {DATABASE: {
        "description": "Action plans read from PDFs: documents, recommendations, actions and owners, with views "
                       "for overdue, contested and vague commitments.",
        "tables": tables, "queries": {k: {**q, "hide_sql": True} for k, q in QUERIES.items()}}}}


HEADER = ("# Generated by `python -m actionplans.db.metadata` from db/metadata.py, db/schema.py and the field\n"
          "# descriptions in schemas/models.py. Edit those, then regenerate; a test fails while this file is stale.\n")


class _Dumper(yaml.SafeDumper):
    """Writes SQL as literal blocks, so the checked-in file reads like the queries it holds."""


_Dumper.add_representer(str, lambda d, s: d.represent_scalar("tag:yaml.org,2002:str", s, style="|" if "\n" in s
                                                             else None))


def render() -> str:
    return HEADER + yaml.dump(build(), Dumper=_Dumper, sort_keys=False, allow_unicode=True, width=110)


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    text = render()
    if "--check" in argv:
        current = METADATA_PATH.read_text(encoding="utf-8") if METADATA_PATH.exists() else ""
        if current != text:
            print(f"Error: {METADATA_PATH} is stale; run: python -m actionplans.db.metadata", file=sys.stderr)
            return 1
        return 0
    METADATA_PATH.write_text(text, encoding="utf-8")
    print(f"wrote {METADATA_PATH}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
