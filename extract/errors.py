"""Domain errors. Each carries the file (and page when known) and reads as one line."""

from __future__ import annotations


class ExtractError(Exception):
    """Base class: a document could not be turned into records."""

    reason = "failed"
    hint = ""

    def __init__(self, path: str, message: str, page: int | None = None):
        self.path, self.page, self.message = str(path), page, message
        super().__init__(str(self))

    def __str__(self) -> str:
        where = f"{self.path} page {self.page}" if self.page else self.path
        return f"{where}: {self.message}" + (f" ({self.hint})" if self.hint else "")


class NotAPDF(ExtractError):
    reason = "not a PDF"


class DamagedPDF(ExtractError):
    reason = "damaged PDF"
    hint = "the file may be truncated; download it again"


class EncryptedPDF(ExtractError):
    reason = "password-protected"
    hint = "remove the password or ask the publisher for an open copy"


class NoTextLayer(ExtractError):
    reason = "no text layer"
    hint = "it is a scan: read it with --ocr auto, which OCRs pages with no text layer"


class NotAnActionPlan(ExtractError):
    reason = "not an action plan"
    hint = "no table with Recommendation/Response/Owner/Target date columns was found"


class NoRecommendations(ExtractError):
    reason = "no recommendations found"


class InvalidRecords(ExtractError):
    reason = "invalid records"


class OcrUnavailable(ExtractError):
    reason = "OCR not installed"
    hint = ("install Tesseract and OCRmyPDF: apt-get install tesseract-ocr tesseract-ocr-eng ocrmypdf "
            "(`make system-deps` does it)")


class OcrFailed(ExtractError):
    reason = "OCR failed"
