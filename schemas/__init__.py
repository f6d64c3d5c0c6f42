"""Pydantic models for action-plan records (the JSON contract)."""

from .models import (
    Action,
    Audit,
    Document,
    Metadata,
    Owner,
    Quality,
    Recommendation,
    RowWarning,
    Source,
    TargetDate,
)

__all__ = ["Action", "Audit", "Document", "Metadata", "Owner", "Quality", "Recommendation", "RowWarning", "Source",
           "TargetDate"]
