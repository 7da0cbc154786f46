package io.lockctl.server.rpc;

import io.grpc.stub.StreamObserver;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;

/**
 * Completes a unary call's observer exactly once: {@code onNext} then {@code onCompleted} with the
 * response, or {@code onError} with the failure mapped by {@link StatusErrors}.
 */
@Singleton
public final class UnaryCalls {
  private final CallExecutor executor;

  @Inject
  UnaryCalls(CallExecutor executor) {
    this.executor = executor;
  }

  /** Answers with what {@code call} computes on the calling thread (reads). */
  public <T> void answer(StreamObserver<T> observer, Supplier<T> call) {
    T response;
    try {
      response = call.get();
    } catch (RuntimeException failure) {
      observer.onError(StatusErrors.toStatus(failure));
      return;
    }
    observer.onNext(response);
    observer.onCompleted();
  }

  /**
   * Answers when {@code call}'s future completes (mutations). The store completes it on its writer
   * thread; the answer is sent from the server's own threads so the writer goes on writing.
   */
  public <T> void answerLater(StreamObserver<T> observer, Supplier<CompletableFuture<T>> call) {
    CompletableFuture<T> future;
    try {
      future = call.get();
    } catch (RuntimeException failure) {
      observer.onError(StatusErrors.toStatus(failure));
      return;
    }
    // The continuation answers the call itself, so nothing waits on the future it returns.
    var unused =
        future.whenCompleteAsync(
            (response, failure) -> {
              if (failure != null) {
                observer.onError(StatusErrors.toStatus(failure));
              } else {
                observer.onNext(response);
                observer.onCompleted();
              }
            },
            executor);
  }
}
