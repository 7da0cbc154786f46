/**
 * Authorization: the one decision every edge asks before it acts, "may this principal do this
 * action on this resource, given these condition values?".
 *
 * <p>A {@link io.lockctl.core.auth.Policy} is a list of statements, parsed strictly from JSON. A
 * statement applies to a request when the principal matches one of its {@code principals} and none
 * of its {@code not_principals}, the action one of its {@code actions}, the resource one of its
 * {@code resources}, and every condition holds. An applicable DENY wins; else an applicable ALLOW
 * allows; else the request is denied.
 *
 * <p>A condition on a key the request does not carry does not hold (as IAM's plain operators
 * without {@code IfExists}): a DENY limited to GOVERNANCE locks does not apply to a call that has
 * no lock mode, and an ALLOW limited to dry runs does not apply to a call that does not say it is
 * one. Edges therefore pass every key that the call has a value for.
 *
 * <p>{@link io.lockctl.core.auth.ReloadingPolicy} keeps the policy of a file in force and replaces
 * it only with a valid new version; {@link io.lockctl.core.auth.Lrn} and {@link
 * io.lockctl.core.auth.Actions} name resources and actions. Nothing here knows gRPC or HTTP.
 */
package io.lockctl.core.auth;
