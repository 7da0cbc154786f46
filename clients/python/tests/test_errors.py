"""LockctlError and the google.rpc mirror, without a server.

The mirror is checked against googleapis' own google/rpc/*.proto where one can be found: the
proto-google-common-protos jar that the Maven build puts in ~/.m2, or a directory named by
LOCKCTL_GOOGLEAPIS_PROTOS holding google/rpc/status.proto and error_details.proto.
"""

import os
import subprocess
import tempfile
import unittest
import zipfile
from pathlib import Path

import _support  # noqa: F401  (generated code on sys.path)

import grpc
from google.protobuf import descriptor_pb2, descriptor_pool, message_factory

from lockctl_client import FieldViolation, LockctlError, decode_status_details
from lockctl_client import errors

_GOOGLE_RPC = ("google/rpc/status.proto", "google/rpc/error_details.proto")


def _googleapis_protos(into: Path):
    """Copies googleapis' google/rpc protos into `into`; False if there are none here."""
    given = os.environ.get("LOCKCTL_GOOGLEAPIS_PROTOS")
    if given:
        for name in _GOOGLE_RPC:
            (into / name).parent.mkdir(parents=True, exist_ok=True)
            (into / name).write_bytes((Path(given) / name).read_bytes())
        return True
    jars = sorted(
        (Path.home() / ".m2/repository/com/google/api/grpc/proto-google-common-protos").glob(
            "*/proto-google-common-protos-*.jar"
        )
    )
    if not jars:
        return False
    with zipfile.ZipFile(jars[-1]) as jar:
        jar.extractall(into, members=list(_GOOGLE_RPC))
    return True


class _Real:
    """googleapis' real messages, compiled by protoc into a pool of their own."""

    def __init__(self, root: Path):
        out = root / "set.pb"
        subprocess.run(
            ["protoc", "-I", str(root), "--include_imports", f"--descriptor_set_out={out}",
             *_GOOGLE_RPC],
            check=True,
            cwd=root,
        )
        files = descriptor_pb2.FileDescriptorSet.FromString(out.read_bytes())
        self.pool = descriptor_pool.DescriptorPool()
        for f in files.file:
            self.pool.AddSerializedFile(f.SerializeToString())

    def descriptor(self, name):
        return self.pool.FindMessageTypeByName(name)

    def new(self, name, **fields):
        descriptor = self.descriptor(name)
        if hasattr(message_factory, "GetMessageClass"):
            cls = message_factory.GetMessageClass(descriptor)
        else:
            cls = message_factory.MessageFactory(self.pool).GetPrototype(descriptor)
        return cls(**fields)

    def packed(self, message):
        return self.new(
            "google.protobuf.Any",
            type_url="type.googleapis.com/" + message.DESCRIPTOR.full_name,
            value=message.SerializeToString(),
        )


class _FakeRpcError(grpc.RpcError):
    def __init__(self, code, details, trailers):
        self._code, self._details, self._trailers = code, details, trailers

    def code(self):
        return self._code

    def details(self):
        return self._details

    def trailing_metadata(self):
        return self._trailers


class MirrorMatchesGoogleapisTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls._dir = tempfile.TemporaryDirectory()
        root = Path(cls._dir.name)
        if not _googleapis_protos(root):
            cls._dir.cleanup()
            raise unittest.SkipTest(
                "no googleapis google/rpc protos here (no proto-google-common-protos jar in ~/.m2, "
                "LOCKCTL_GOOGLEAPIS_PROTOS unset)"
            )
        cls.real = _Real(root)

    @classmethod
    def tearDownClass(cls):
        cls._dir.cleanup()

    def test_every_mirrored_field_has_the_real_number_and_type(self):
        mirror = descriptor_pool.DescriptorPool()
        mirror.AddSerializedFile(errors._mirror_file().SerializeToString())
        pairs = {
            "google.protobuf.Any": "Any",
            "google.rpc.Status": "Status",
            "google.rpc.ErrorInfo": "ErrorInfo",
            "google.rpc.BadRequest": "BadRequest",
            "google.rpc.BadRequest.FieldViolation": "BadRequest.FieldViolation",
            "google.rpc.ErrorInfo.MetadataEntry": "ErrorInfo.MetadataEntry",
        }
        for real_name, mirror_name in pairs.items():
            real = self.real.descriptor(real_name)
            ours = mirror.FindMessageTypeByName("lockctl_client.mirror." + mirror_name)
            for field in ours.fields:
                with self.subTest(message=real_name, field=field.name):
                    theirs = real.fields_by_name[field.name]
                    self.assertEqual(theirs.number, field.number)
                    self.assertEqual(theirs.type, field.type)
                    self.assertEqual(theirs.label, field.label)

    def test_decodes_what_googleapis_encodes(self):
        info = self.real.new(
            "google.rpc.ErrorInfo",
            reason="SNAPSHOT_LOCKED",
            domain="lockctl.v1",
            metadata={"lock_status": "COMPLIANCE", "lock_expired_time": "2030-01-01T00:00:00Z"},
        )
        bad_request = self.real.new("google.rpc.BadRequest")
        violation = bad_request.field_violations.add()
        violation.field, violation.description = "region_id", "must match"
        violation.reason = "IGNORED_BY_THE_MIRROR"
        status = self.real.new(
            "google.rpc.Status",
            code=9,
            message="m",
            details=[self.real.packed(info), self.real.packed(bad_request)],
        )

        reason, domain, metadata, violations = decode_status_details(status.SerializeToString())

        self.assertEqual("SNAPSHOT_LOCKED", reason)
        self.assertEqual("lockctl.v1", domain)
        self.assertEqual(dict(info.metadata), metadata)
        self.assertEqual([FieldViolation("region_id", "must match")], violations)


class LockctlErrorTest(unittest.TestCase):
    def test_without_status_details(self):
        error = LockctlError.from_rpc_error(
            _FakeRpcError(grpc.StatusCode.UNAVAILABLE, "connection refused", ())
        )
        self.assertEqual(grpc.StatusCode.UNAVAILABLE, error.code)
        self.assertEqual("", error.reason)
        self.assertEqual({}, error.metadata)
        self.assertEqual("UNAVAILABLE: connection refused", str(error))

    def test_with_status_details(self):
        status = errors._Status(code=3, message="region_id: bad")
        info = errors._ErrorInfo(reason="INVALID_PARAMETER", domain="lockctl.v1")
        bad_request = errors._BadRequest()
        bad_request.field_violations.add(field="region_id", description="bad")
        for detail in (info, bad_request):
            any_ = status.details.add()
            any_.type_url = "type.googleapis.com/google.rpc." + type(detail).DESCRIPTOR.name
            any_.value = detail.SerializeToString()
        unrelated = status.details.add()
        unrelated.type_url = "type.googleapis.com/google.rpc.DebugInfo"
        unrelated.value = b"\x0a\x01x"
        trailers = (("other-bin", b"x"), ("grpc-status-details-bin", status.SerializeToString()))

        error = LockctlError.from_rpc_error(
            _FakeRpcError(grpc.StatusCode.INVALID_ARGUMENT, "region_id: bad", trailers)
        )

        self.assertEqual(grpc.StatusCode.INVALID_ARGUMENT, error.code)
        self.assertEqual("INVALID_PARAMETER", error.reason)
        self.assertEqual("lockctl.v1", error.domain)
        self.assertEqual([FieldViolation("region_id", "bad")], error.field_violations)
        self.assertEqual("bad", error.violation("region_id").description)
        self.assertIsNone(error.violation("snapshot_id"))
        self.assertEqual("INVALID_ARGUMENT/INVALID_PARAMETER: region_id: bad", str(error))

    def test_a_lockctl_error_passes_through(self):
        error = LockctlError(grpc.StatusCode.NOT_FOUND, "gone", "SNAPSHOT_NOT_FOUND")
        self.assertIs(error, LockctlError.from_rpc_error(error))


if __name__ == "__main__":
    unittest.main()
