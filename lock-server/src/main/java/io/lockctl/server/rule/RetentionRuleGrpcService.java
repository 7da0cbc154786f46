package io.lockctl.server.rule;

import io.grpc.stub.StreamObserver;
import io.lockctl.core.idempotency.MutationRunner;
import io.lockctl.core.paging.Page;
import io.lockctl.core.rule.CreateRuleCommand;
import io.lockctl.core.rule.ListRulesQuery;
import io.lockctl.core.rule.LockRuleCommand;
import io.lockctl.core.rule.RetentionRule;
import io.lockctl.core.rule.RetentionRules;
import io.lockctl.core.rule.UnlockRuleCommand;
import io.lockctl.core.rule.UpdateRuleCommand;
import io.lockctl.core.store.Store;
import io.lockctl.server.rpc.Mutations;
import io.lockctl.server.rpc.ProtoResponseCodec;
import io.lockctl.server.rpc.UnaryCalls;
import io.lockctl.v1.CreateRuleRequest;
import io.lockctl.v1.CreateRuleResponse;
import io.lockctl.v1.DeleteRuleRequest;
import io.lockctl.v1.DeleteRuleResponse;
import io.lockctl.v1.GetRuleRequest;
import io.lockctl.v1.GetRuleResponse;
import io.lockctl.v1.ListRulesRequest;
import io.lockctl.v1.ListRulesResponse;
import io.lockctl.v1.LockRuleRequest;
import io.lockctl.v1.LockRuleResponse;
import io.lockctl.v1.RetentionRuleServiceGrpc;
import io.lockctl.v1.UnlockRuleRequest;
import io.lockctl.v1.UnlockRuleResponse;
import io.lockctl.v1.UpdateRuleRequest;
import io.lockctl.v1.UpdateRuleResponse;
import jakarta.inject.Inject;
import java.time.Instant;

/** lockctl.v1.RetentionRuleService over {@link RetentionRules}: translation only. */
public final class RetentionRuleGrpcService
    extends RetentionRuleServiceGrpc.RetentionRuleServiceImplBase {
  private static final ProtoResponseCodec<CreateRuleResponse> CREATE_CODEC =
      new ProtoResponseCodec<>(CreateRuleResponse.parser());
  private static final ProtoResponseCodec<UpdateRuleResponse> UPDATE_CODEC =
      new ProtoResponseCodec<>(UpdateRuleResponse.parser());
  private static final ProtoResponseCodec<DeleteRuleResponse> DELETE_CODEC =
      new ProtoResponseCodec<>(DeleteRuleResponse.parser());
  private static final ProtoResponseCodec<LockRuleResponse> LOCK_CODEC =
      new ProtoResponseCodec<>(LockRuleResponse.parser());
  private static final ProtoResponseCodec<UnlockRuleResponse> UNLOCK_CODEC =
      new ProtoResponseCodec<>(UnlockRuleResponse.parser());

  private final Store store;
  private final MutationRunner mutations;
  private final RetentionRules rules;
  private final UnaryCalls calls;

  @Inject
  RetentionRuleGrpcService(
      Store store, MutationRunner mutations, RetentionRules rules, UnaryCalls calls) {
    this.store = store;
    this.mutations = mutations;
    this.rules = rules;
    this.calls = calls;
  }

  @Override
  public void createRule(CreateRuleRequest request, StreamObserver<CreateRuleResponse> observer) {
    CreateRuleCommand command =
        new CreateRuleCommand(
            request.getRegionId(),
            request.getDescription(),
            RuleMessages.toDomain(request.getResourceType()),
            request.getRetentionPeriodDays(),
            RuleMessages.toDomain(request.getResourceTagsList()),
            RuleMessages.toDomain(request.getExcludeResourceTagsList()),
            RuleMessages.toDomain(request.hasLockConfiguration(), request.getLockConfiguration()));
    calls.answerLater(
        observer,
        () ->
            mutations.run(
                Mutations.of(
                    RetentionRuleServiceGrpc.getCreateRuleMethod(),
                    request,
                    request.getClientToken(),
                    request.getDryRun()),
                CREATE_CODEC,
                tx ->
                    CreateRuleResponse.newBuilder()
                        .setRule(RuleMessages.toProto(rules.create(tx, command), tx.now()))
                        .build()));
  }

  @Override
  public void getRule(GetRuleRequest request, StreamObserver<GetRuleResponse> observer) {
    calls.answer(
        observer,
        () ->
            store.read(
                tx ->
                    GetRuleResponse.newBuilder()
                        .setRule(
                            RuleMessages.toProto(
                                rules.get(tx, request.getRegionId(), request.getIdentifier()),
                                tx.now()))
                        .build()));
  }

  @Override
  public void listRules(ListRulesRequest request, StreamObserver<ListRulesResponse> observer) {
    calls.answer(
        observer,
        () -> {
          ListRulesQuery query =
              new ListRulesQuery(
                  request.getRegionId(),
                  RuleMessages.resourceTypeFilter(request.getResourceType()),
                  request.hasLockState()
                      ? RuleMessages.lockStateFilter(request.getLockState())
                      : null,
                  RuleMessages.toDomain(request.getResourceTagsList()),
                  request.getPageSize(),
                  request.getPageToken());
          return store.read(tx -> toProto(rules.list(tx, query), tx.now()));
        });
  }

  @Override
  public void updateRule(UpdateRuleRequest request, StreamObserver<UpdateRuleResponse> observer) {
    io.lockctl.v1.RetentionRule values = request.getRule();
    UpdateRuleCommand command =
        new UpdateRuleCommand(
            request.getRegionId(),
            request.getIdentifier(),
            request.getUpdateMask().getPathsList(),
            values.getDescription(),
            values.getRetentionPeriodDays(),
            RuleMessages.toDomain(values.getResourceTagsList()),
            RuleMessages.toDomain(values.getExcludeResourceTagsList()));
    calls.answerLater(
        observer,
        () ->
            mutations.run(
                Mutations.of(
                    RetentionRuleServiceGrpc.getUpdateRuleMethod(),
                    request,
                    request.getClientToken(),
                    request.getDryRun()),
                UPDATE_CODEC,
                tx ->
                    UpdateRuleResponse.newBuilder()
                        .setRule(RuleMessages.toProto(rules.update(tx, command), tx.now()))
                        .build()));
  }

  @Override
  public void deleteRule(DeleteRuleRequest request, StreamObserver<DeleteRuleResponse> observer) {
    calls.answerLater(
        observer,
        () ->
            mutations.run(
                Mutations.of(
                    RetentionRuleServiceGrpc.getDeleteRuleMethod(),
                    request,
                    request.getClientToken(),
                    request.getDryRun()),
                DELETE_CODEC,
                tx ->
                    DeleteRuleResponse.newBuilder()
                        .setRule(
                            RuleMessages.toProto(
                                rules.delete(tx, request.getRegionId(), request.getIdentifier()),
                                tx.now()))
                        .build()));
  }

  @Override
  public void lockRule(LockRuleRequest request, StreamObserver<LockRuleResponse> observer) {
    LockRuleCommand command =
        new LockRuleCommand(
            request.getRegionId(),
            request.getIdentifier(),
            RuleMessages.toDomain(request.hasLockConfiguration(), request.getLockConfiguration()));
    calls.answerLater(
        observer,
        () ->
            mutations.run(
                Mutations.of(
                    RetentionRuleServiceGrpc.getLockRuleMethod(),
                    request,
                    request.getClientToken(),
                    request.getDryRun()),
                LOCK_CODEC,
                tx ->
                    LockRuleResponse.newBuilder()
                        .setRule(RuleMessages.toProto(rules.lock(tx, command), tx.now()))
                        .build()));
  }

  @Override
  public void unlockRule(UnlockRuleRequest request, StreamObserver<UnlockRuleResponse> observer) {
    UnlockRuleCommand command =
        new UnlockRuleCommand(request.getRegionId(), request.getIdentifier());
    calls.answerLater(
        observer,
        () ->
            mutations.run(
                Mutations.of(
                    RetentionRuleServiceGrpc.getUnlockRuleMethod(),
                    request,
                    request.getClientToken(),
                    request.getDryRun()),
                UNLOCK_CODEC,
                tx ->
                    UnlockRuleResponse.newBuilder()
                        .setRule(RuleMessages.toProto(rules.unlock(tx, command), tx.now()))
                        .build()));
  }

  private static ListRulesResponse toProto(Page<RetentionRule> page, Instant now) {
    ListRulesResponse.Builder response =
        ListRulesResponse.newBuilder().setNextPageToken(page.nextPageToken());
    for (RetentionRule rule : page.items()) {
      response.addRules(RuleMessages.toProto(rule, now));
    }
    return response.build();
  }
}
