"""google.protobuf.Timestamp <-> timezone-aware datetime.

Timestamps become datetimes in UTC. Python's datetime holds microseconds, so
the nanoseconds below a microsecond are dropped (lockctl's times are in
milliseconds or coarser). Naive datetimes are refused rather than guessed at.
"""

from __future__ import annotations

from datetime import datetime, timedelta, timezone
from typing import Optional

from google.protobuf.message import Message
from google.protobuf.timestamp_pb2 import Timestamp

_EPOCH = datetime(1970, 1, 1, tzinfo=timezone.utc)


def to_datetime(timestamp: Timestamp) -> datetime:
    """The instant as a datetime in UTC (tzinfo=timezone.utc)."""
    return _EPOCH + timedelta(seconds=timestamp.seconds, microseconds=timestamp.nanos // 1000)


def from_datetime(value: datetime) -> Timestamp:
    """A Timestamp for a timezone-aware datetime; ValueError for a naive one."""
    if value.tzinfo is None or value.utcoffset() is None:
        raise ValueError(f"naive datetime {value!r}: give it a tzinfo (e.g. timezone.utc)")
    delta = value - _EPOCH
    return Timestamp(
        seconds=delta.days * 86400 + delta.seconds, nanos=delta.microseconds * 1000
    )


def optional_datetime(message: Message, field_name: str) -> Optional[datetime]:
    """The Timestamp field `field_name` of `message` as a datetime, None when unset."""
    if not message.HasField(field_name):
        return None
    return to_datetime(getattr(message, field_name))
