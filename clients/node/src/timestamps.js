'use strict';
// google.protobuf.Timestamp <-> Date. A Date holds milliseconds, so the nanoseconds below a
// millisecond are dropped (lockctl's times are in milliseconds or coarser).

/**
 * A Timestamp as proto-loader returns it ({seconds: string | number | Long, nanos}) to a Date;
 * null for an unset one (null or undefined).
 */
function toDate(timestamp) {
  if (timestamp == null) return null;
  const seconds = Number(timestamp.seconds ?? 0);
  const nanos = Number(timestamp.nanos ?? 0);
  return new Date(seconds * 1000 + Math.floor(nanos / 1e6));
}

/** A Date to a Timestamp for a request; TypeError for anything but a valid Date. */
function fromDate(date) {
  if (!(date instanceof Date) || Number.isNaN(date.getTime())) {
    throw new TypeError(`not a valid Date: ${date}`);
  }
  const ms = date.getTime();
  const seconds = Math.floor(ms / 1000);
  return { seconds, nanos: (ms - seconds * 1000) * 1e6 };
}

module.exports = { toDate, fromDate };
