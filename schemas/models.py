"""The records actionplans produces: one Document per PDF.

In: nothing of the project (this module is the bottom of the dependency graph).
Out: pydantic models whose `model_dump(mode="json")` is the JSON contract of the design notes, and
whose field descriptions are reused as Datasette column descriptions.
"""

from __future__ import annotations

import datetime as dt
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator

Decision = Literal["agreed", "partly_agreed", "not_agreed", "accepted", "partly_accepted", "not_accepted",
                   "rejected"]
DateStatus = Literal["due", "ongoing", "completed", "completed_and_ongoing", "immediate", "recurring",
                     "not_applicable", "to_be_confirmed", "unparsed"]
Precision = Literal["day", "month", "quarter", "financial_quarter", "financial_year", "year", "season",
                    "relative"]
OwnerLevel = Literal["establishment", "prison_group", "national", "moj", "contractor", "health_provider",
                     "probation", "youth_custody", "other"]
CommitmentForm = Literal["planned", "done", "continuing", "none"]
BBox = tuple[float, float, float, float]


class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", validate_assignment=True)


class Source(Strict):
    path: str = Field(description="Path of the PDF as given to the extractor")
    sha256: str = Field(description="SHA-256 of the PDF's bytes; identifies the document", pattern=r"^[0-9a-f]{64}$")
    pages: int = Field(description="Number of pages in the PDF", ge=1)
    url: str | None = Field(default=None, description="URL the PDF was downloaded from, if any")
    ocr: bool = Field(default=False, description="True when some pages had no text layer and were read through OCR")
    ocr_pages: list[int] = Field(default_factory=list, description="Pages read through OCR (1-based)")
    ocr_confidence: float | None = Field(
        default=None, description="Mean Tesseract word confidence (0-1) over the OCR'd pages; null without OCR",
        ge=0, le=1)


class Metadata(Strict):
    title: str | None = Field(default=None, description="Title of the plan or of the report it answers")
    establishment: str | None = Field(default=None, description="Prison or service inspected, e.g. 'HMP Leeds'")
    kind: str | None = Field(default=None, description="establishment, thematic, probation, urgent_notification, ...")
    family: str | None = Field(default=None, description="Layout family recognised (V1, V3, V4, thematic, V6, V8...)")
    submitted: str | None = Field(default=None, description="Date the action plan was submitted (ISO date)")
    submitted_text: str | None = Field(default=None, description="Submission date as printed")
    report_published: str | None = Field(
        default=None, description="When the inspection report was published (ISO date, or YYYY-MM for a month)")
    report_published_text: str | None = Field(default=None, description="Report publication date as printed")
    inspection_dates: str | None = Field(default=None, description="Inspection dates as printed")


class TargetDate(Strict):
    text: str = Field(description="Target date exactly as printed")
    due: dt.date | None = Field(default=None, description="Last day of the period the text names; null if none")
    precision: Precision | None = Field(default=None, description="How precise the due date is")
    status: DateStatus = Field(default="unparsed", description="due, ongoing, completed, immediate, recurring, ...")


class Owner(Strict):
    text: str = Field(description="Atomic owner as printed")
    role: str | None = Field(default=None, description="Canonical role from the gazetteer, null when unknown")
    level: OwnerLevel | None = Field(default=None, description="Level of the owner in HMPPS/MoJ or outside it")
    organisation: str | None = Field(default=None, description="Organisation named in brackets, e.g. a provider")
    known: bool = Field(default=False, description="True when the owner matched the role gazetteer")


class Audit(Strict):
    has_owner: bool = Field(description="An owner is printed beside the action")
    named_post: bool = Field(description="At least one owner is a post, not only an organisation")
    time_bound: bool = Field(description="The target date names a due date")
    completed: bool = Field(default=False, description="The target date says the action is complete")
    overdue: bool | None = Field(
        default=None, description="Due before the as-of date and not complete; null when no as-of date was given")
    as_of: dt.date | None = Field(default=None, description="Date against which `overdue` was judged")


class Action(Strict):
    text: str = Field(description="One lead-in sentence or bullet of the response")
    kind: Literal["lead", "bullet"] = Field(default="lead", description="A lead-in paragraph or a bullet")
    owners: list[str] = Field(default_factory=list, description="Atomic owners printed beside the action")
    owner_text: str | None = Field(default=None, description="The owner entry as printed, before splitting")
    owner_details: list[Owner] = Field(default_factory=list, description="Owners with canonical role and level")
    target_date: TargetDate | None = Field(default=None, description="Target date printed beside the action")
    verbs: list[str] = Field(default_factory=list, description="Main action verb lemmas")
    form: CommitmentForm | None = Field(default=None, description="planned (will...), done, continuing, none")
    themes: list[str] = Field(default_factory=list, description="Race-equality areas the action concerns")
    groups: list[str] = Field(default_factory=list, description="Groups of prisoners the action concerns")
    audit: Audit | None = Field(default=None, description="SMART audit flags")
    page: int = Field(description="Page the action starts on (1-based)", ge=1)
    bbox: BBox | None = Field(default=None, description="x0, top, x1, bottom of the action on its page, in points")
    warnings: list[str] = Field(default_factory=list, description="What a person should check: a date not "
                                "understood, several dates beside one action, an owner not recognised")

    @field_validator("text")
    @classmethod
    def _not_blank(cls, v: str) -> str:
        if not v.strip():
            raise ValueError("action text is empty")
        return v


class Recommendation(Strict):
    ref: str = Field(description="Reference as printed: '1', '5.01', 'S40', 'Priority concern 1'")
    section: str | None = Field(default=None, description="Section row the recommendation sits under")
    text: str = Field(description="Recommendation text, bullets joined with spaces")
    decision: Decision | None = Field(default=None, description="Decision, normalised; null where a layout has none")
    decision_text: str | None = Field(default=None, description="Decision as printed")
    response: str = Field(default="", description="Full response text, paragraphs joined")
    pages: list[int] = Field(description="Pages the recommendation's row spans", min_length=1)
    bbox: BBox | None = Field(default=None, description="Area of the row on its first page, in points")
    themes: list[str] = Field(default_factory=list, description="Race-equality areas the recommendation concerns")
    groups: list[str] = Field(default_factory=list, description="Groups of prisoners the recommendation concerns")
    actions: list[Action] = Field(default_factory=list, description="Actions of the response, in order")
    ocr: bool = Field(default=False, description="True when the row was read through OCR from a scanned page")
    ocr_confidence: float | None = Field(
        default=None, description="Mean Tesseract word confidence (0-1) of the least certain OCR'd page the row "
                                  "spans; null without OCR", ge=0, le=1)
    warnings: list[str] = Field(default_factory=list, description="What a person should check: empty text, a "
                                "reference or decision not recognised, an entry beside no action")


class RowWarning(Strict):
    page: int = Field(description="Page the row starts on (1-based)", ge=1)
    ref: str = Field(description="Reference of the row as read ('' when none)")
    message: str = Field(description="What is doubtful about the row or one of its actions")


class Quality(Strict):
    rows: int = Field(default=0, description="Table rows read, before stitching")
    continued_rows: int = Field(default=0, description="Rows stitched onto the row they continue")
    unaligned_entries: int = Field(default=0, description="Owner/date entries with no paragraph beside them")
    warnings: list[RowWarning] = Field(default_factory=list, description="Every record's warnings, by row")


class Document(Strict):
    source: Source
    metadata: Metadata = Field(default_factory=Metadata)
    recommendations: list[Recommendation] = Field(default_factory=list)
    quality: Quality = Field(default_factory=Quality)
