import unittest
from datetime import datetime, timedelta, timezone

import _support  # noqa: F401  (generated code on sys.path)

from google.protobuf.timestamp_pb2 import Timestamp

from lockctl_client import from_datetime, optional_datetime, snapshot_pb2, to_datetime


class TimestampsTest(unittest.TestCase):
    def test_to_datetime_is_aware_utc(self):
        value = to_datetime(Timestamp(seconds=1767323045, nanos=123456789))
        self.assertEqual(datetime(2026, 1, 2, 3, 4, 5, 123456, tzinfo=timezone.utc), value)
        self.assertIs(timezone.utc, value.tzinfo)

    def test_round_trip_keeps_microseconds(self):
        value = datetime(2030, 12, 31, 23, 59, 59, 999999, tzinfo=timezone.utc)
        self.assertEqual(value, to_datetime(from_datetime(value)))

    def test_other_time_zones_are_converted(self):
        tokyo = timezone(timedelta(hours=9))
        value = datetime(2026, 1, 2, 9, 0, tzinfo=tokyo)
        ts = from_datetime(value)
        self.assertEqual(Timestamp(seconds=1767312000), ts)
        self.assertEqual(datetime(2026, 1, 2, 0, 0, tzinfo=timezone.utc), to_datetime(ts))

    def test_before_the_epoch(self):
        value = datetime(1969, 12, 31, 23, 59, 59, 500000, tzinfo=timezone.utc)
        ts = from_datetime(value)
        self.assertEqual((-1, 500000000), (ts.seconds, ts.nanos))
        self.assertEqual(value, to_datetime(ts))

    def test_naive_datetimes_are_refused(self):
        with self.assertRaises(ValueError):
            from_datetime(datetime(2026, 1, 2))

    def test_optional_datetime_is_none_when_unset(self):
        snapshot = snapshot_pb2.Snapshot()
        self.assertIsNone(optional_datetime(snapshot, "retain_until"))
        snapshot.retain_until.CopyFrom(Timestamp(seconds=60))
        self.assertEqual(
            datetime(1970, 1, 1, 0, 1, tzinfo=timezone.utc),
            optional_datetime(snapshot, "retain_until"),
        )


if __name__ == "__main__":
    unittest.main()
