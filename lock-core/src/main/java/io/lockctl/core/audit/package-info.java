/**
 * The tamper-evident audit log's cryptography, storage-free: the canonical bytes of a record, an
 * RFC 6962 Merkle tree over them, signed C2SP checkpoints, and the check of a whole stored log. JDK
 * cryptography only (SHA-256, Ed25519).
 *
 * <p>How a store uses it:
 *
 * <ul>
 *   <li><b>Append</b>, in the transaction of the change it records: {@code bytes =
 *       AuditRecordEncoding.encode(entry.withIndex(frontier.size()))}, {@code appended =
 *       frontier.append(MerkleHash.leaf(bytes))}; persist the bytes under their index and every
 *       node of {@code appended.completed()} (the leaf hash, which the SQL stores keep in the
 *       record's row, and the perfect subtrees it completed: one more on average); keep {@code
 *       appended.frontier()} once committed. No read is needed.
 *   <li><b>Restart</b>: {@code Frontier.restore(size, nodes)} reads the {@link
 *       io.lockctl.core.audit.Frontier#restoreNodes} nodes (one per set bit of the size).
 *   <li><b>Roots and proofs</b> for any size up to the stored one: {@code MerkleProofs.root},
 *       {@code inclusion}, {@code consistency} read O(log n) stored nodes through a {@link
 *       io.lockctl.core.audit.NodeSource}; the {@code ...Nodes} methods name them beforehand, for
 *       one query.
 *   <li><b>Checkpoints</b>: {@code SignedCheckpoint.sign(new Checkpoint(origin, size, root), key)}
 *       with the {@link io.lockctl.core.audit.AuditSigningKey}; keep the tree heads signed, so that
 *       {@link io.lockctl.core.audit.AuditLogVerifier} can catch records and tree rewritten
 *       together.
 *   <li><b>VerifyAudit</b>: feed the stored records, by index, to an {@link
 *       io.lockctl.core.audit.AuditLogVerifier}.
 * </ul>
 */
package io.lockctl.core.audit;
