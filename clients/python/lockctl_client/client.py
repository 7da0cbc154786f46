"""connect(): a channel to lockctl with one stub per service."""

from __future__ import annotations

import collections
from typing import Any, Optional, Sequence, Tuple

import grpc

from lockctl.v1 import (
    replication_pb2_grpc,
    retention_rule_pb2_grpc,
    snapshot_lock_pb2_grpc,
    snapshot_pb2_grpc,
)
from lockctl_client.errors import LockctlError

CALLER_HEADER = "lockctl-caller"


def connect(
    target: str,
    caller: Optional[str] = None,
    *,
    credentials: Optional[grpc.ChannelCredentials] = None,
    options: Sequence[Tuple[str, Any]] = (),
    ready_timeout: Optional[float] = None,
) -> "Client":
    """Opens a channel to `target` ("host:port").

    caller: sent as the `lockctl-caller` header on every call; an insecure
        server takes it as the principal (absent: "anonymous"). A server with
        authentication configured ignores it.
    credentials: TLS channel credentials; None for plaintext.
    options: gRPC channel options, passed through.
    ready_timeout: if given, wait that many seconds for the channel to connect
        (grpc.FutureTimeoutError if it does not).
    """
    if credentials is None:
        channel = grpc.insecure_channel(target, options=list(options))
    else:
        channel = grpc.secure_channel(target, credentials, options=list(options))
    if ready_timeout is not None:
        try:
            grpc.channel_ready_future(channel).result(timeout=ready_timeout)
        except grpc.FutureTimeoutError:
            channel.close()
            raise
    return Client(channel, caller)


class Client:
    """lockctl's four services over one channel.

    `snapshots`, `locks`, `rules` and `replication` have the methods of the
    generated stubs (`client.snapshots.GetSnapshot(request, timeout=5)`); a
    failed call raises LockctlError. The generated stubs themselves, which
    raise plain grpc.RpcError, are `.stub` of each. Use it as a context manager
    or call close().
    """

    def __init__(self, channel: grpc.Channel, caller: Optional[str] = None):
        self._channel = channel
        if caller is not None:
            channel = grpc.intercept_channel(channel, _CallerHeader(caller))
        self.channel = channel
        self.snapshots = _Service(snapshot_pb2_grpc.SnapshotServiceStub(channel))
        self.locks = _Service(snapshot_lock_pb2_grpc.SnapshotLockServiceStub(channel))
        self.rules = _Service(retention_rule_pb2_grpc.RetentionRuleServiceStub(channel))
        self.replication = _Service(replication_pb2_grpc.ReplicationServiceStub(channel))

    def close(self) -> None:
        self._channel.close()

    def __enter__(self) -> "Client":
        return self

    def __exit__(self, *exc_info) -> None:
        self.close()


class _Service:
    def __init__(self, stub):
        self.stub = stub

    def __getattr__(self, name):
        method = getattr(self.stub, name)
        return _Method(method)


class _Method:
    def __init__(self, multicallable):
        self._multicallable = multicallable

    def __call__(self, request, **kwargs):
        try:
            return self._multicallable(request, **kwargs)
        except grpc.RpcError as e:
            raise LockctlError.from_rpc_error(e) from e

    def with_call(self, request, **kwargs):
        """(response, call), as the stub's with_call; raises LockctlError."""
        try:
            return self._multicallable.with_call(request, **kwargs)
        except grpc.RpcError as e:
            raise LockctlError.from_rpc_error(e) from e


class _CallDetails(
    collections.namedtuple(
        "_CallDetails",
        ("method", "timeout", "metadata", "credentials", "wait_for_ready", "compression"),
    ),
    grpc.ClientCallDetails,
):
    pass


class _CallerHeader(
    grpc.UnaryUnaryClientInterceptor,
    grpc.UnaryStreamClientInterceptor,
    grpc.StreamUnaryClientInterceptor,
    grpc.StreamStreamClientInterceptor,
):
    def __init__(self, caller: str):
        self._caller = caller

    def _details(self, details):
        metadata = [(k, v) for k, v in details.metadata or () if k != CALLER_HEADER]
        metadata.append((CALLER_HEADER, self._caller))
        return _CallDetails(
            details.method,
            details.timeout,
            metadata,
            details.credentials,
            getattr(details, "wait_for_ready", None),
            getattr(details, "compression", None),
        )

    def intercept_unary_unary(self, continuation, details, request):
        return continuation(self._details(details), request)

    def intercept_unary_stream(self, continuation, details, request):
        return continuation(self._details(details), request)

    def intercept_stream_unary(self, continuation, details, request_iterator):
        return continuation(self._details(details), request_iterator)

    def intercept_stream_stream(self, continuation, details, request_iterator):
        return continuation(self._details(details), request_iterator)
