"""lockctl's Python client.

The messages and stubs are generated from proto/ by clients/python/generate.sh
into the package `lockctl.v1`; this package adds connect(), LockctlError and
timestamp conversion. The generated modules are re-exported here, e.g.
`lockctl_client.snapshot_pb2.GetSnapshotRequest`.
"""

try:
    from lockctl.v1 import (
        errors_pb2,
        replication_pb2,
        retention_rule_pb2,
        snapshot_lock_pb2,
        snapshot_pb2,
    )
except ImportError as e:  # pragma: no cover - a setup mistake, said plainly
    raise ImportError(
        "lockctl_client needs the generated package lockctl.v1: run clients/python/generate.sh "
        "and put its output directory on sys.path"
    ) from e

from lockctl_client.client import CALLER_HEADER, Client, connect
from lockctl_client.errors import DOMAIN, FieldViolation, LockctlError, decode_status_details
from lockctl_client.timestamps import from_datetime, optional_datetime, to_datetime

__all__ = [
    "CALLER_HEADER",
    "Client",
    "DOMAIN",
    "FieldViolation",
    "LockctlError",
    "connect",
    "decode_status_details",
    "errors_pb2",
    "from_datetime",
    "optional_datetime",
    "replication_pb2",
    "retention_rule_pb2",
    "snapshot_lock_pb2",
    "snapshot_pb2",
    "to_datetime",
]
