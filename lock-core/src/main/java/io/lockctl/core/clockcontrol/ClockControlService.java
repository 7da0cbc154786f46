package io.lockctl.core.clockcontrol;

import io.lockctl.core.auth.Lrn;
import io.lockctl.core.clock.ClockAcceptance;
import io.lockctl.core.clock.ComplianceClock;
import io.lockctl.core.idempotency.BinaryReader;
import io.lockctl.core.idempotency.BinaryWriter;
import io.lockctl.core.idempotency.ResultCodec;
import io.lockctl.core.operation.Action;
import io.lockctl.core.operation.Caller;
import io.lockctl.core.operation.Mutation;
import io.lockctl.core.operation.MutationWrites;
import io.lockctl.core.operation.OperationRunner;
import io.lockctl.core.transaction.ReadView;
import io.lockctl.core.transaction.Transactions;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;

/**
 * Reading the compliance clock, and an operator's explicit acceptance of a wall clock that jumped
 * forward: the one way to end a slew at once. Accepting is a mutation on {@code
 * lrn:lockctl::clock}, authorised and audited like any other; it only ever makes locks end sooner
 * in compliance time by as much as the wall clock says has passed.
 */
public final class ClockControlService {
  static final Action GET_COMPLIANCE_CLOCK = new Action("GetComplianceClock");
  static final Action ACCEPT_CLOCK = new Action("AcceptClock");

  private static final ResultCodec<ClockAcceptance> ACCEPTANCE =
      new ResultCodec<>() {
        @Override
        public void write(ClockAcceptance acceptance, BinaryWriter out) {
          out.writeInstant(acceptance.from())
              .writeInstant(acceptance.to())
              .writeInstant(acceptance.wall())
              .writeEnum(acceptance.before());
        }

        @Override
        public ClockAcceptance read(BinaryReader in) {
          return new ClockAcceptance(
              in.readInstant(),
              in.readInstant(),
              in.readInstant(),
              in.readEnum(ComplianceClock.State.class));
        }
      };

  private final Transactions<? extends ReadView, ? extends MutationWrites> store;
  private final OperationRunner operations;
  private final ComplianceClock clock;

  public ClockControlService(
      Transactions<? extends ReadView, ? extends MutationWrites> store,
      OperationRunner operations,
      ComplianceClock clock) {
    this.store = store;
    this.operations = operations;
    this.clock = clock;
  }

  public ClockReading read(Caller caller) {
    return operations.read(
        store,
        caller,
        GET_COMPLIANCE_CLOCK,
        (tx, guard) -> {
          guard.authorize(Lrn.CLOCK);
          return reading();
        });
  }

  /**
   * Jumps the compliance clock to the wall clock, if that is ahead. A dry run says what would
   * happen and moves nothing.
   */
  public CompletableFuture<ClockAcceptance> accept(Mutation mutation) {
    return operations.mutate(
        store,
        ACCEPT_CLOCK,
        mutation,
        ACCEPTANCE,
        (tx, guard) -> {
          guard.authorize(Lrn.CLOCK);
          if (!mutation.dryRun()) {
            return clock.acceptJump();
          }
          ClockReading now = reading();
          Instant to = now.complianceTime().plus(now.lag());
          return new ClockAcceptance(now.complianceTime(), to, to, now.state());
        });
  }

  private ClockReading reading() {
    return new ClockReading(clock.now(), clock.wallTime(), clock.lag(), clock.state());
  }
}
