"""lockctl's errors as a typed exception.

Every failed lockctl call carries, in the `grpc-status-details-bin` trailer, a
serialized `google.rpc.Status` whose details hold a `google.rpc.ErrorInfo`
(`reason`, `domain` "lockctl.v1", `metadata`) and, for invalid fields, a
`google.rpc.BadRequest` with field violations. Switch on `LockctlError.reason`,
never on the message.

Debian ships no Python package with the `google.rpc` messages, so this module
declares wire-compatible mirrors of the fields it reads (same field numbers and
types as googleapis' google/rpc/status.proto and error_details.proto) in a
private descriptor pool, and lets the protobuf runtime parse them. The private
pool keeps them out of the way of a real googleapis-common-protos install.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Mapping, Optional, Sequence, Tuple

import grpc
from google.protobuf import descriptor_pb2, descriptor_pool, message_factory

DOMAIN = "lockctl.v1"
STATUS_DETAILS_KEY = "grpc-status-details-bin"
_ERROR_INFO_TYPE = "google.rpc.ErrorInfo"
_BAD_REQUEST_TYPE = "google.rpc.BadRequest"


@dataclass(frozen=True)
class FieldViolation:
    """One invalid field: its path in the request (e.g. "region_id") and why."""

    field: str
    description: str


class LockctlError(grpc.RpcError):
    """A failed lockctl call, with the details the server attached.

    It is a grpc.RpcError, so `except grpc.RpcError` still catches it. `code`
    is a grpc.StatusCode; `reason` is "" when the server sent no ErrorInfo
    (e.g. UNAVAILABLE from the channel itself).
    """

    def __init__(
        self,
        code: grpc.StatusCode,
        message: str = "",
        reason: str = "",
        domain: str = "",
        metadata: Optional[Mapping[str, str]] = None,
        field_violations: Sequence[FieldViolation] = (),
    ):
        super().__init__(code, message, reason)
        self.code = code
        self.message = message
        self.reason = reason
        self.domain = domain
        self.metadata = dict(metadata or {})
        self.field_violations = list(field_violations)

    @classmethod
    def from_rpc_error(cls, error: grpc.RpcError) -> "LockctlError":
        """Reads code, message and status details from a failed call."""
        if isinstance(error, LockctlError):
            return error
        code = error.code() if hasattr(error, "code") else grpc.StatusCode.UNKNOWN
        message = (error.details() if hasattr(error, "details") else None) or ""
        trailers = error.trailing_metadata() if hasattr(error, "trailing_metadata") else None
        details = next((v for k, v in trailers or () if k == STATUS_DETAILS_KEY), None)
        if not details:
            return cls(code, message)
        reason, domain, metadata, violations = decode_status_details(details)
        return cls(code, message, reason, domain, metadata, violations)

    def violation(self, field_path: str) -> Optional[FieldViolation]:
        """The violation for that field, or None."""
        return next((v for v in self.field_violations if v.field == field_path), None)

    def __str__(self) -> str:
        head = self.code.name if self.reason == "" else f"{self.code.name}/{self.reason}"
        return f"{head}: {self.message}" if self.message else head

    def __repr__(self) -> str:
        return (
            f"LockctlError(code={self.code.name}, reason={self.reason!r}, "
            f"domain={self.domain!r}, message={self.message!r}, metadata={self.metadata!r}, "
            f"field_violations={self.field_violations!r})"
        )


def decode_status_details(
    data: bytes,
) -> Tuple[str, str, dict, list]:
    """Parses a serialized google.rpc.Status: (reason, domain, metadata, field violations).

    Details of other types are ignored; an absent ErrorInfo gives reason and
    domain "" and empty metadata.
    """
    status = _Status()
    status.ParseFromString(data)
    reason, domain, metadata, violations = "", "", {}, []
    for detail in status.details:
        type_name = detail.type_url.rsplit("/", 1)[-1]
        if type_name == _ERROR_INFO_TYPE:
            info = _ErrorInfo()
            info.ParseFromString(detail.value)
            reason, domain, metadata = info.reason, info.domain, dict(info.metadata)
        elif type_name == _BAD_REQUEST_TYPE:
            bad_request = _BadRequest()
            bad_request.ParseFromString(detail.value)
            violations.extend(
                FieldViolation(v.field, v.description) for v in bad_request.field_violations
            )
    return reason, domain, metadata, violations


def _mirror_file() -> descriptor_pb2.FileDescriptorProto:
    f = descriptor_pb2.FileDescriptorProto(
        name="lockctl_client/google_rpc_mirror.proto",
        package="lockctl_client.mirror",
        syntax="proto3",
    )
    fd = descriptor_pb2.FieldDescriptorProto
    optional, repeated = fd.LABEL_OPTIONAL, fd.LABEL_REPEATED

    def add(message, name, number, type_, label=optional, type_name=None):
        message.field.add(name=name, number=number, type=type_, label=label, type_name=type_name)

    # google.protobuf.Any
    any_ = f.message_type.add(name="Any")
    add(any_, "type_url", 1, fd.TYPE_STRING)
    add(any_, "value", 2, fd.TYPE_BYTES)
    # google.rpc.Status
    status = f.message_type.add(name="Status")
    add(status, "code", 1, fd.TYPE_INT32)
    add(status, "message", 2, fd.TYPE_STRING)
    add(status, "details", 3, fd.TYPE_MESSAGE, repeated, ".lockctl_client.mirror.Any")
    # google.rpc.ErrorInfo
    info = f.message_type.add(name="ErrorInfo")
    add(info, "reason", 1, fd.TYPE_STRING)
    add(info, "domain", 2, fd.TYPE_STRING)
    add(
        info,
        "metadata",
        3,
        fd.TYPE_MESSAGE,
        repeated,
        ".lockctl_client.mirror.ErrorInfo.MetadataEntry",
    )
    entry = info.nested_type.add(name="MetadataEntry")
    entry.options.map_entry = True
    add(entry, "key", 1, fd.TYPE_STRING)
    add(entry, "value", 2, fd.TYPE_STRING)
    # google.rpc.BadRequest and its FieldViolation (fields 1-2 of 4: the rest are unread)
    bad_request = f.message_type.add(name="BadRequest")
    add(
        bad_request,
        "field_violations",
        1,
        fd.TYPE_MESSAGE,
        repeated,
        ".lockctl_client.mirror.BadRequest.FieldViolation",
    )
    violation = bad_request.nested_type.add(name="FieldViolation")
    add(violation, "field", 1, fd.TYPE_STRING)
    add(violation, "description", 2, fd.TYPE_STRING)
    return f


def _message_classes():
    pool = descriptor_pool.DescriptorPool()
    pool.AddSerializedFile(_mirror_file().SerializeToString())

    def cls(name):
        descriptor = pool.FindMessageTypeByName("lockctl_client.mirror." + name)
        if hasattr(message_factory, "GetMessageClass"):  # protobuf >= 4.22
            return message_factory.GetMessageClass(descriptor)
        return message_factory.MessageFactory(pool).GetPrototype(descriptor)

    return cls("Status"), cls("ErrorInfo"), cls("BadRequest")


_Status, _ErrorInfo, _BadRequest = _message_classes()
