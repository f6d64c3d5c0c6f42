"""`python -m actionplans.schemas` rewrites the committed JSON Schema files from the pydantic models."""

import json
from pathlib import Path

from .models import Document

HERE = Path(__file__).parent
FILES = {"document.schema.json": Document}


def render(model) -> str:
    return json.dumps(model.model_json_schema(mode="serialization"), indent=2, ensure_ascii=False) + "\n"


if __name__ == "__main__":
    for name, model in FILES.items():
        (HERE / name).write_text(render(model), encoding="utf-8")
        print(f"wrote schemas/{name}")
