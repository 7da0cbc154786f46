'use strict';
// lockctl's errors as a typed exception.
//
// Every failed lockctl call carries, in the `grpc-status-details-bin` trailer, a serialized
// google.rpc.Status whose details hold a google.rpc.ErrorInfo (reason, domain "lockctl.v1",
// metadata) and, for invalid fields, a google.rpc.BadRequest with field violations. Switch on
// `reason`, never on the message.
//
// The three messages are declared here as wire-compatible mirrors of the fields we read (the field
// numbers and types of googleapis' google/rpc/status.proto and error_details.proto), in a protobufjs
// Root of their own, so no googleapis .proto file has to be shipped or found at run time.

const grpc = require('@grpc/grpc-js');
const protobuf = require('protobufjs');

const DOMAIN = 'lockctl.v1';
const STATUS_DETAILS_KEY = 'grpc-status-details-bin';

const string = (id) => ({ type: 'string', id });

/** The mirror, as protobufjs JSON; exported for the test that checks it against googleapis. */
const MIRROR = {
  nested: {
    lockctl_client: {
      nested: {
        mirror: {
          nested: {
            // google.protobuf.Any
            Any: { fields: { type_url: string(1), value: { type: 'bytes', id: 2 } } },
            // google.rpc.Status
            Status: {
              fields: {
                code: { type: 'int32', id: 1 },
                message: string(2),
                details: { rule: 'repeated', type: 'Any', id: 3 },
              },
            },
            // google.rpc.ErrorInfo
            ErrorInfo: {
              fields: {
                reason: string(1),
                domain: string(2),
                metadata: { keyType: 'string', type: 'string', id: 3 },
              },
            },
            // google.rpc.BadRequest and its FieldViolation (fields 1-2 of 4: the rest are unread)
            BadRequest: {
              fields: { field_violations: { rule: 'repeated', type: 'FieldViolation', id: 1 } },
              nested: {
                FieldViolation: { fields: { field: string(1), description: string(2) } },
              },
            },
          },
        },
      },
    },
  },
};

const mirror = protobuf.Root.fromJSON(MIRROR);
const Status = mirror.lookupType('lockctl_client.mirror.Status');
const ErrorInfo = mirror.lookupType('lockctl_client.mirror.ErrorInfo');
const BadRequest = mirror.lookupType('lockctl_client.mirror.BadRequest');

const codeNames = Object.fromEntries(Object.entries(grpc.status).map(([name, n]) => [n, name]));

/**
 * Parses a serialized google.rpc.Status.
 * @param {Uint8Array} bytes
 * @returns {{code: number, message: string, reason: string, domain: string,
 *            metadata: Object<string, string>, fieldViolations: {field: string, description: string}[]}}
 *   Details of other types are ignored; without an ErrorInfo, reason and domain are ''.
 */
function decodeStatusDetails(bytes) {
  const status = Status.decode(bytes);
  const decoded = {
    code: status.code,
    message: status.message,
    reason: '',
    domain: '',
    metadata: {},
    fieldViolations: [],
  };
  for (const detail of status.details) {
    const typeName = detail.type_url.slice(detail.type_url.lastIndexOf('/') + 1);
    if (typeName === 'google.rpc.ErrorInfo') {
      const info = ErrorInfo.decode(detail.value);
      decoded.reason = info.reason;
      decoded.domain = info.domain;
      decoded.metadata = { ...info.metadata };
    } else if (typeName === 'google.rpc.BadRequest') {
      for (const v of BadRequest.decode(detail.value).field_violations) {
        decoded.fieldViolations.push({ field: v.field, description: v.description });
      }
    }
  }
  return decoded;
}

/** A failed lockctl call. `code` is a grpc.status number, `codeName` its name. */
class LockctlError extends Error {
  constructor({ code, message = '', reason = '', domain = '', metadata = {}, fieldViolations = [] },
    options) {
    const name = codeNames[code] ?? String(code);
    super(message, options);
    this.name = 'LockctlError';
    this.code = code;
    this.codeName = name;
    this.details = message;
    this.reason = reason;
    this.domain = domain;
    this.metadata = metadata;
    this.fieldViolations = fieldViolations;
  }

  /**
   * From a grpc-js ServiceError (or anything with `code`, `details`, `metadata`); the original
   * error is kept as `cause`.
   */
  static from(error) {
    if (error instanceof LockctlError) return error;
    const code = typeof error.code === 'number' ? error.code : grpc.status.UNKNOWN;
    const message = error.details ?? error.message ?? '';
    const bytes = error.metadata?.get?.(STATUS_DETAILS_KEY)?.[0];
    const fields = bytes ? decodeStatusDetails(bytes) : {};
    return new LockctlError({ ...fields, code, message }, { cause: error });
  }

  /** The violation for that field, or undefined. */
  violation(field) {
    return this.fieldViolations.find((v) => v.field === field);
  }

  toString() {
    const head = this.reason ? `${this.codeName}/${this.reason}` : this.codeName;
    return this.details ? `${this.name}: ${head}: ${this.details}` : `${this.name}: ${head}`;
  }
}

module.exports = { DOMAIN, MIRROR, STATUS_DETAILS_KEY, LockctlError, decodeStatusDetails };
