/**
 * The stream of lock events: the audit log's records as they commit, each with the resource as the
 * change left it, to any number of consumers.
 *
 * <p>One {@link io.lockctl.core.watch.AuditFeed} per server tails the committed audit log by index
 * (woken by the local store's commits, and polling for other replicas' writes) and hands each new
 * record to every live {@link io.lockctl.core.watch.Watch}. A watch that starts in the past first
 * reads the log itself, page by page as its consumer takes them, and joins the feed once it has
 * caught up. Each live watch holds a bounded buffer; one that fills is closed, so no consumer ever
 * holds up the feed, the writers or another consumer.
 */
package io.lockctl.core.watch;
