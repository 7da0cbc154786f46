"""The client against the real server: `java -jar lock-server.jar`, started once for this module."""

import unittest
from datetime import datetime, timedelta, timezone

import _support  # noqa: F401  (generated code on sys.path)

import grpc

from lockctl_client import (
    DOMAIN,
    LockctlError,
    connect,
    from_datetime,
    optional_datetime,
    retention_rule_pb2 as rules,
    snapshot_lock_pb2 as locks,
    snapshot_pb2 as snapshots,
    to_datetime,
)

REGION = "cn-hangzhou"
server = None


def setUpModule():
    global server
    server = _support.Server()


def tearDownModule():
    server.stop()


def _ms(value: datetime) -> datetime:
    """lockctl keeps times to the millisecond."""
    return value.replace(microsecond=value.microsecond // 1000 * 1000)


class ServerTest(unittest.TestCase):
    def setUp(self):
        self.client = connect(server.target, caller="python-tests", ready_timeout=30)
        self.addCleanup(self.client.close)

    def register(self, region=REGION, **fields):
        fields.setdefault("status", snapshots.SNAPSHOT_STATUS_ACCOMPLISHED)
        request = snapshots.RegisterSnapshotRequest(
            region_id=region, snapshot_id=fields.pop("snapshot_id", _support.snapshot_id()), **fields
        )
        return self.client.snapshots.RegisterSnapshot(request, timeout=10).snapshot

    def lock_compliance(self, snapshot_id, days=1, cool_off_hours=1):
        request = locks.LockSnapshotRequest(
            region_id=REGION,
            snapshot_id=snapshot_id,
            lock_mode=snapshots.LOCK_MODE_COMPLIANCE,
            lock_duration_days=days,
            cool_off_period_hours=cool_off_hours,
        )
        return self.client.locks.LockSnapshot(request, timeout=10).locked_snapshot_info


class SnapshotsTest(ServerTest):
    def test_register_then_get(self):
        created = datetime(2026, 1, 2, 3, 4, 5, 678000, tzinfo=timezone.utc)
        registered = self.register(tags={"env": "prod"}, create_time=from_datetime(created))

        got = self.client.snapshots.GetSnapshot(
            snapshots.GetSnapshotRequest(region_id=REGION, snapshot_id=registered.snapshot_id)
        ).snapshot

        self.assertEqual(registered, got)
        self.assertEqual(snapshots.SNAPSHOT_STATUS_ACCOMPLISHED, got.status)
        self.assertEqual(snapshots.SNAPSHOT_STATE_ACTIVE, got.state)
        self.assertEqual({"env": "prod"}, dict(got.tags))
        self.assertEqual(created, to_datetime(got.create_time))
        self.assertFalse(got.HasField("lock"))
        self.assertIsNone(optional_datetime(got, "retain_until"))

    def test_get_unknown_is_not_found(self):
        with self.assertRaises(LockctlError) as raised:
            self.client.snapshots.GetSnapshot(
                snapshots.GetSnapshotRequest(region_id=REGION, snapshot_id=_support.snapshot_id())
            )
        self.assertEqual(grpc.StatusCode.NOT_FOUND, raised.exception.code)
        self.assertEqual("SNAPSHOT_NOT_FOUND", raised.exception.reason)

    def test_invalid_parameter_lists_field_violations(self):
        with self.assertRaises(LockctlError) as raised:
            self.register(region="Not A Region", snapshot_id="s-short")
        error = raised.exception
        self.assertEqual(grpc.StatusCode.INVALID_ARGUMENT, error.code)
        self.assertEqual("INVALID_PARAMETER", error.reason)
        self.assertEqual(DOMAIN, error.domain)
        self.assertEqual(
            ["region_id", "snapshot_id"], sorted(v.field for v in error.field_violations)
        )
        self.assertIn("^[a-z][a-z0-9-]{1,31}$", error.violation("region_id").description)
        self.assertIsInstance(error, grpc.RpcError)

    def test_caller_header_scopes_idempotency(self):
        token = "py-" + _support.snapshot_id()
        first, second = _support.snapshot_id(), _support.snapshot_id()
        self.register(snapshot_id=first, client_token=token)
        with self.assertRaises(LockctlError) as raised:
            self.register(snapshot_id=second, client_token=token)
        self.assertEqual("IDEMPOTENT_PARAMETER_MISMATCH", raised.exception.reason)

        # Another caller has tokens of its own: the header reached the server.
        with connect(server.target, caller="someone-else") as other:
            other.snapshots.RegisterSnapshot(
                snapshots.RegisterSnapshotRequest(
                    region_id=REGION,
                    snapshot_id=second,
                    status=snapshots.SNAPSHOT_STATUS_ACCOMPLISHED,
                    client_token=token,
                )
            )


class SnapshotLockTest(ServerTest):
    def test_compliance_lock_with_cool_off(self):
        snapshot = self.register()
        before = _ms(datetime.now(timezone.utc))

        info = self.lock_compliance(snapshot.snapshot_id, days=3, cool_off_hours=2)

        self.assertEqual(snapshots.LOCK_MODE_COMPLIANCE, info.lock_mode)
        self.assertEqual(snapshots.LOCK_STATUS_COMPLIANCE_COOLOFF, info.lock_status)
        created = to_datetime(info.lock_creation_time)
        self.assertEqual(timezone.utc, created.tzinfo)
        self.assertLessEqual(before - timedelta(seconds=5), created)
        self.assertLessEqual(created, datetime.now(timezone.utc) + timedelta(seconds=5))
        self.assertEqual(
            created + timedelta(hours=2), to_datetime(info.cool_off_period_expired_time)
        )
        self.assertEqual(
            to_datetime(info.lock_duration_start_time) + timedelta(days=3),
            to_datetime(info.lock_expired_time),
        )

        described = self.client.locks.DescribeLockedSnapshots(
            locks.DescribeLockedSnapshotsRequest(
                region_id=REGION, snapshot_ids=[snapshot.snapshot_id]
            )
        ).locked_snapshots
        self.assertEqual([info], list(described))

    def test_delete_of_a_locked_snapshot_is_refused(self):
        snapshot = self.register()
        info = self.lock_compliance(snapshot.snapshot_id)

        with self.assertRaises(LockctlError) as raised:
            self.client.snapshots.DeleteSnapshot(
                snapshots.DeleteSnapshotRequest(region_id=REGION, snapshot_id=snapshot.snapshot_id)
            )

        error = raised.exception
        self.assertEqual(grpc.StatusCode.FAILED_PRECONDITION, error.code)
        self.assertEqual("SNAPSHOT_LOCKED", error.reason)
        self.assertEqual(DOMAIN, error.domain)
        self.assertEqual("COMPLIANCE_COOLOFF", error.metadata["lock_status"])
        expiry = datetime.fromisoformat(error.metadata["lock_expired_time"].replace("Z", "+00:00"))
        self.assertEqual(to_datetime(info.lock_expired_time), expiry)
        self.assertEqual([], error.field_violations)
        # Still there: a refused call writes nothing.
        self.client.snapshots.GetSnapshot(
            snapshots.GetSnapshotRequest(region_id=REGION, snapshot_id=snapshot.snapshot_id)
        )

    def test_lock_until_a_datetime(self):
        snapshot = self.register()
        until = _ms(datetime.now(timezone.utc) + timedelta(days=10))

        info = self.client.locks.LockSnapshot(
            locks.LockSnapshotRequest(
                region_id=REGION,
                snapshot_id=snapshot.snapshot_id,
                lock_mode=snapshots.LOCK_MODE_GOVERNANCE,
                expire_time=from_datetime(until),
            )
        ).locked_snapshot_info

        self.assertEqual(snapshots.LOCK_STATUS_GOVERNANCE, info.lock_status)
        self.assertEqual(until, to_datetime(info.lock_expired_time))


class RetentionRuleTest(ServerTest):
    def create_rule(self, region, **fields):
        return self.client.rules.CreateRule(
            rules.CreateRuleRequest(
                region_id=region,
                resource_type=rules.RESOURCE_TYPE_SNAPSHOT,
                retention_period_days=1,
                **fields,
            )
        ).rule

    def test_lock_unlock_and_refused_delete(self):
        region = _support.region("py-rules")
        rule = self.create_rule(region, description="keep deleted snapshots a day")
        self.assertEqual(rules.RULE_LOCK_STATE_UNSPECIFIED, rule.lock_state)

        locked = self.client.rules.LockRule(
            rules.LockRuleRequest(
                region_id=region,
                identifier=rule.identifier,
                lock_configuration=rules.LockConfiguration(unlock_delay_days=7),
            )
        ).rule
        self.assertEqual(rules.RULE_LOCK_STATE_LOCKED, locked.lock_state)
        self.assertEqual(7, locked.lock_configuration.unlock_delay_days)

        with self.assertRaises(LockctlError) as raised:
            self.client.rules.DeleteRule(
                rules.DeleteRuleRequest(region_id=region, identifier=rule.identifier)
            )
        self.assertEqual(grpc.StatusCode.FAILED_PRECONDITION, raised.exception.code)
        self.assertEqual("INVALID_RULE_STATE", raised.exception.reason)
        self.assertEqual({"lock_state": "LOCKED"}, raised.exception.metadata)

        before = datetime.now(timezone.utc)
        pending = self.client.rules.UnlockRule(
            rules.UnlockRuleRequest(region_id=region, identifier=rule.identifier)
        ).rule
        self.assertEqual(rules.RULE_LOCK_STATE_PENDING_UNLOCK, pending.lock_state)
        end = optional_datetime(pending, "lock_end_time")
        self.assertAlmostEqual(
            (before + timedelta(days=7)).timestamp(), end.timestamp(), delta=10
        )

    def test_lock_state_filter_tells_unset_from_unspecified(self):
        region = _support.region("py-rules")
        never_locked = self.create_rule(region)
        locked = self.create_rule(
            region, lock_configuration=rules.LockConfiguration(unlock_delay_days=7)
        )

        def listed(**filters):
            response = self.client.rules.ListRules(rules.ListRulesRequest(region_id=region, **filters))
            return sorted(r.identifier for r in response.rules)

        self.assertEqual(sorted([never_locked.identifier, locked.identifier]), listed())
        self.assertEqual(
            [never_locked.identifier], listed(lock_state=rules.RULE_LOCK_STATE_UNSPECIFIED)
        )
        self.assertEqual([locked.identifier], listed(lock_state=rules.RULE_LOCK_STATE_LOCKED))


class PagingTest(ServerTest):
    def test_list_snapshots_page_by_page(self):
        region = _support.region("py-paging")
        ids = sorted(self.register(region=region).snapshot_id for _ in range(5))

        pages, token = [], ""
        while True:
            response = self.client.snapshots.ListSnapshots(
                snapshots.ListSnapshotsRequest(region_id=region, page_size=2, page_token=token)
            )
            pages.append([s.snapshot_id for s in response.snapshots])
            token = response.next_page_token
            if not token:
                break

        self.assertEqual([ids[0:2], ids[2:4], ids[4:5]], pages)

    def test_tag_value_filter_tells_unset_from_empty(self):
        region = _support.region("py-paging")
        empty = self.register(region=region, tags={"team": ""}).snapshot_id
        named = self.register(region=region, tags={"team": "db"}).snapshot_id

        def listed(**filters):
            response = self.client.snapshots.ListSnapshots(
                snapshots.ListSnapshotsRequest(region_id=region, tag_key="team", **filters)
            )
            return sorted(s.snapshot_id for s in response.snapshots)

        self.assertEqual(sorted([empty, named]), listed())
        self.assertEqual([empty], listed(tag_value=""))
        self.assertEqual([named], listed(tag_value="db"))

    def test_a_foreign_page_token_is_refused(self):
        with self.assertRaises(LockctlError) as raised:
            self.client.snapshots.ListSnapshots(
                snapshots.ListSnapshotsRequest(region_id=REGION, page_token="not-ours")
            )
        self.assertEqual(grpc.StatusCode.INVALID_ARGUMENT, raised.exception.code)
        self.assertEqual("INVALID_PAGE_TOKEN", raised.exception.reason)
        self.assertEqual(["page_token"], [v.field for v in raised.exception.field_violations])


if __name__ == "__main__":
    unittest.main()
