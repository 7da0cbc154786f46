package io.lockctl.core.lockkey;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.lockctl.core.error.Decision;
import io.lockctl.core.error.FieldViolation;
import io.lockctl.core.error.Reason;
import io.lockctl.core.error.RejectedException;
import io.lockctl.core.error.Rejection;
import java.util.List;
import org.junit.jupiter.api.function.Executable;

/** Assertions on refusals: the reason, and for malformed input the fields named. */
public final class Rejections {

  private Rejections() {}

  public static Rejection rejected(Decision<?> decision, Reason reason) {
    Rejection rejection = assertInstanceOf(Decision.Rejected.class, decision).rejection();
    assertEquals(reason, rejection.reason(), rejection.message());
    return rejection;
  }

  public static void rejected(Decision<?> decision, Reason reason, String... fields) {
    Rejection rejection = rejected(decision, reason);
    assertEquals(
        List.of(fields),
        rejection.violations().stream().map(FieldViolation::field).toList(),
        rejection.message());
  }

  public static Rejection refused(Reason reason, Executable call) {
    RejectedException thrown = assertThrows(RejectedException.class, call);
    assertEquals(reason, thrown.reason(), thrown.getMessage());
    return thrown.rejection();
  }

  public static <T> T accepted(Decision<T> decision) {
    if (decision instanceof Decision.Rejected<T> rejected) {
      throw new AssertionError("rejected: " + rejected.rejection());
    }
    return ((Decision.Accepted<T>) decision).value();
  }
}
