"""Exports as downloads: the filtered events written to a temporary file, sent, then removed."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from fastapi.responses import FileResponse
from starlette.background import BackgroundTask

from ..query import events_frame
from ..store import EventFilter, SQLStore

MEDIA_TYPES = {
    "csv": ("text/csv; charset=utf-8", "csv"),
    "jsonl": ("application/x-ndjson", "jsonl"),
    "parquet": ("application/vnd.apache.parquet", "parquet"),
    "gdelt": ("text/tab-separated-values; charset=utf-8", "tsv"),
    "plover": ("application/x-ndjson", "jsonl"),
}


def export_download(store: SQLStore, filters: EventFilter, format: str) -> FileResponse:
    """The events that pass the filters in one export format, as a file download."""
    media_type, suffix = MEDIA_TYPES[format]
    handle, name = tempfile.mkstemp(prefix="communique-export-", suffix=f".{suffix}")
    os.close(handle)
    path = Path(name)
    try:
        write_export(store, filters, format, path)
    except BaseException:
        path.unlink(missing_ok=True)
        raise
    filename = f"events-{format}.{suffix}"
    return FileResponse(path, media_type=media_type, filename=filename, background=BackgroundTask(path.unlink))


def write_export(store: SQLStore, filters: EventFilter, format: str, path: Path) -> None:
    frame = events_frame(store, filters)
    frame["date"] = frame["date"].dt.strftime("%Y-%m-%d")
    if format == "csv":
        frame.to_csv(path, index=False)
    elif format == "jsonl":
        frame.to_json(path, orient="records", lines=True, force_ascii=False)
    elif format == "parquet":
        frame.to_parquet(path, index=False)
    else:
        from .guards import ApiError

        raise ApiError(501, f"the {format} export is not available in this version")
