"""Every stored column, as CSV, JSON Lines or Parquet partitioned by year and month."""

from __future__ import annotations

import json
from pathlib import Path

import pandas as pd
import pyarrow as pa
import pyarrow.dataset as ds
import pyarrow.parquet as pq

from ..store.sql import STORED_FIELDS
from . import ARTICLE_FIELDS

INTEGERS = ("sentence", "quad_class", "evidence_start", "evidence_end")
FLOATS = ("goldstein", "lat", "lon", "confidence")


def write_csv(frame: pd.DataFrame, output: Path) -> int:
    """CSV with a header; read it with ``dtype=str`` (or at least ``dtype={"cameo": str}``) to keep zeros."""
    output.parent.mkdir(parents=True, exist_ok=True)
    frame.to_csv(output, index=False, lineterminator="\n")
    return len(frame)


def write_jsonl(frame: pd.DataFrame, output: Path) -> int:
    """One JSON object a line; unknown values are null."""
    output.parent.mkdir(parents=True, exist_ok=True)
    records = frame.astype(object).where(frame.notna(), None).to_dict("records")
    with open(output, "w", encoding="utf-8") as stream:
        stream.writelines(json.dumps(record, ensure_ascii=False) + "\n" for record in records)
    return len(records)


def write_parquet(frame: pd.DataFrame, output: Path) -> int:
    """A Parquet dataset in ``output/year=YYYY/month=MM/``; undated events go to ``year=undated/month=undated``.

    Writing again into the same directory replaces the months written.
    """
    table = pa.Table.from_pandas(_typed(frame), schema=_schema(), preserve_index=False)
    ds.write_dataset(
        table,
        output,
        format="parquet",
        partitioning=ds.partitioning(pa.schema([("year", pa.string()), ("month", pa.string())]), flavor="hive"),
        existing_data_behavior="delete_matching",
        basename_template="events-{i}.parquet",
    )
    return len(frame)


def write_parquet_file(frame: pd.DataFrame, output: Path) -> int:
    """One Parquet file, not partitioned (``communique events --format parquet``)."""
    output.parent.mkdir(parents=True, exist_ok=True)
    table = pa.Table.from_pandas(_typed(frame), schema=_schema(), preserve_index=False)
    pq.write_table(table.drop_columns(["year", "month"]), output)
    return len(frame)


def _typed(frame: pd.DataFrame) -> pd.DataFrame:
    frame = frame.copy()
    for column in ("date", "published"):
        frame[column] = pd.to_datetime(frame[column], format="%Y-%m-%d", errors="coerce").dt.date
    # A named folder for undated events: readers cannot merge a "null" partition with the others.
    frame["year"] = frame["date"].map(lambda day: f"{day.year:04d}" if pd.notna(day) else "undated")
    frame["month"] = frame["date"].map(lambda day: f"{day.month:02d}" if pd.notna(day) else "undated")
    return frame


def _schema() -> pa.Schema:
    """Codes and text as strings (never numbers), dates as dates."""
    types = {name: pa.string() for name in (*STORED_FIELDS, *ARTICLE_FIELDS)}
    types |= {name: pa.int64() for name in INTEGERS} | {name: pa.float64() for name in FLOATS}
    types |= {"date": pa.date32(), "published": pa.date32(), "negated": pa.bool_()}
    return pa.schema([*types.items(), ("year", pa.string()), ("month", pa.string())])
