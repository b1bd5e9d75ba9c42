"""Exports as downloads: the filtered events written to a temporary file, sent, then removed."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from fastapi.responses import FileResponse
from starlette.background import BackgroundTask

from ..export import export_events, export_frame
from ..export.files import write_parquet_file
from ..store import EventFilter, SQLStore

MEDIA_TYPES = {
    "csv": ("text/csv; charset=utf-8", "csv"),
    "jsonl": ("application/x-ndjson", "jsonl"),
    "parquet": ("application/vnd.apache.parquet", "parquet"),
    "gdelt": ("text/tab-separated-values; charset=utf-8", "tsv"),
    "icews": ("text/tab-separated-values; charset=utf-8", "tsv"),
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
    """Write one export with ``communique.export``; Parquet as one file, since a download is one file."""
    if format == "parquet":
        write_parquet_file(export_frame(store, filters), path)
    else:
        export_events(store, format, path, filters)
