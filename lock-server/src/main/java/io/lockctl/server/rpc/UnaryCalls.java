package io.lockctl.server.rpc;

import io.grpc.stub.StreamObserver;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Completes a unary call's observer exactly once: {@code onNext} then {@code onCompleted} with the
 * response, or {@code onError} with the failure mapped by {@link StatusErrors}. Responses are built
 * from the domain's results here, after the store's transaction has ended.
 */
@Singleton
public final class UnaryCalls {
  private final CallExecutor executor;

  @Inject
  UnaryCalls(CallExecutor executor) {
    this.executor = executor;
  }

  /** Answers with what {@code call} computes on the calling thread (reads). */
  public <R, T> void answer(
      StreamObserver<T> observer, Supplier<R> call, Function<? super R, T> toResponse) {
    T response;
    try {
      response = toResponse.apply(call.get());
    } catch (RuntimeException failure) {
      observer.onError(StatusErrors.toStatus(failure));
      return;
    }
    observer.onNext(response);
    observer.onCompleted();
  }

  /**
   * Answers when {@code call}'s future completes (mutations). The store completes it on its writer
   * thread; the answer is built and sent from the server's own threads, so the writer goes on
   * writing.
   */
  public <R, T> void answerLater(
      StreamObserver<T> observer,
      Supplier<CompletableFuture<R>> call,
      Function<? super R, T> toResponse) {
    CompletableFuture<R> future;
    try {
      future = call.get();
    } catch (RuntimeException failure) {
      observer.onError(StatusErrors.toStatus(failure));
      return;
    }
    // The continuation answers the call itself, so nothing waits on the future it returns.
    var unused =
        future.whenCompleteAsync(
            (result, failure) -> {
              if (failure != null) {
                observer.onError(StatusErrors.toStatus(failure));
                return;
              }
              T response;
              try {
                response = toResponse.apply(result);
              } catch (RuntimeException unexpected) {
                observer.onError(StatusErrors.toStatus(unexpected));
                return;
              }
              observer.onNext(response);
              observer.onCompleted();
            },
            executor);
  }
}
