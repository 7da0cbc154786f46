package io.lockctl.server.rule;

import io.grpc.stub.StreamObserver;
import io.lockctl.core.operation.AsOf;
import io.lockctl.core.paging.Page;
import io.lockctl.core.rule.CreateRuleCommand;
import io.lockctl.core.rule.ListRulesQuery;
import io.lockctl.core.rule.LockRuleCommand;
import io.lockctl.core.rule.RetentionRule;
import io.lockctl.core.rule.RetentionRuleService;
import io.lockctl.core.rule.UnlockRuleCommand;
import io.lockctl.core.rule.UpdateRuleCommand;
import io.lockctl.server.rpc.Mutations;
import io.lockctl.server.rpc.ResponseCap;
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

/** lockctl.v1.RetentionRuleService over {@link RetentionRuleService}: translation only. */
public final class RetentionRuleGrpcService
    extends RetentionRuleServiceGrpc.RetentionRuleServiceImplBase {
  private final RetentionRuleService rules;
  private final UnaryCalls calls;
  private final ResponseCap responseCap;

  @Inject
  RetentionRuleGrpcService(RetentionRuleService rules, UnaryCalls calls, ResponseCap responseCap) {
    this.rules = rules;
    this.calls = calls;
    this.responseCap = responseCap;
  }

  @Override
  public void createRule(CreateRuleRequest request, StreamObserver<CreateRuleResponse> observer) {
    calls.answerLater(
        observer,
        () ->
            rules.create(
                Mutations.of(request, request.getClientToken(), request.getDryRun()),
                new CreateRuleCommand(
                    request.getRegionId(),
                    request.getDescription(),
                    RuleMessages.toDomain(request.getResourceType()),
                    request.getRetentionPeriodDays(),
                    RuleMessages.toDomain(request.getResourceTagsList()),
                    RuleMessages.toDomain(request.getExcludeResourceTagsList()),
                    RuleMessages.toDomain(
                        request.hasLockConfiguration(), request.getLockConfiguration()))),
        created -> CreateRuleResponse.newBuilder().setRule(toProto(created)).build());
  }

  @Override
  public void getRule(GetRuleRequest request, StreamObserver<GetRuleResponse> observer) {
    calls.answer(
        observer,
        () -> rules.get(Mutations.caller(), request.getRegionId(), request.getIdentifier()),
        found -> GetRuleResponse.newBuilder().setRule(toProto(found)).build());
  }

  @Override
  public void listRules(ListRulesRequest request, StreamObserver<ListRulesResponse> observer) {
    calls.answer(
        observer,
        () ->
            rules.list(
                Mutations.caller(),
                new ListRulesQuery(
                    request.getRegionId(),
                    RuleMessages.resourceTypeFilter(request.getResourceType()),
                    request.hasLockState()
                        ? RuleMessages.lockStateFilter(request.getLockState())
                        : null,
                    RuleMessages.toDomain(request.getResourceTagsList()),
                    request.getPageSize(),
                    request.getPageToken())),
        this::toListResponse);
  }

  @Override
  public void updateRule(UpdateRuleRequest request, StreamObserver<UpdateRuleResponse> observer) {
    io.lockctl.v1.RetentionRule values = request.getRule();
    calls.answerLater(
        observer,
        () ->
            rules.update(
                Mutations.of(request, request.getClientToken(), request.getDryRun()),
                new UpdateRuleCommand(
                    request.getRegionId(),
                    request.getIdentifier(),
                    request.getUpdateMask().getPathsList(),
                    values.getDescription(),
                    values.getRetentionPeriodDays(),
                    RuleMessages.toDomain(values.getResourceTagsList()),
                    RuleMessages.toDomain(values.getExcludeResourceTagsList()))),
        updated -> UpdateRuleResponse.newBuilder().setRule(toProto(updated)).build());
  }

  @Override
  public void deleteRule(DeleteRuleRequest request, StreamObserver<DeleteRuleResponse> observer) {
    calls.answerLater(
        observer,
        () ->
            rules.delete(
                Mutations.of(request, request.getClientToken(), request.getDryRun()),
                request.getRegionId(),
                request.getIdentifier()),
        deleted -> DeleteRuleResponse.newBuilder().setRule(toProto(deleted)).build());
  }

  @Override
  public void lockRule(LockRuleRequest request, StreamObserver<LockRuleResponse> observer) {
    calls.answerLater(
        observer,
        () ->
            rules.lock(
                Mutations.of(request, request.getClientToken(), request.getDryRun()),
                new LockRuleCommand(
                    request.getRegionId(),
                    request.getIdentifier(),
                    RuleMessages.toDomain(
                        request.hasLockConfiguration(), request.getLockConfiguration()))),
        locked -> LockRuleResponse.newBuilder().setRule(toProto(locked)).build());
  }

  @Override
  public void unlockRule(UnlockRuleRequest request, StreamObserver<UnlockRuleResponse> observer) {
    calls.answerLater(
        observer,
        () ->
            rules.unlock(
                Mutations.of(request, request.getClientToken(), request.getDryRun()),
                new UnlockRuleCommand(request.getRegionId(), request.getIdentifier())),
        unlocking -> UnlockRuleResponse.newBuilder().setRule(toProto(unlocking)).build());
  }

  private static io.lockctl.v1.RetentionRule toProto(AsOf<RetentionRule> rule) {
    return RuleMessages.toProto(rule.value(), rule.at());
  }

  private ListRulesResponse toListResponse(AsOf<Page<RetentionRule>> page) {
    ResponseCap.Capped<io.lockctl.v1.RetentionRule> capped =
        responseCap.fit(page.value(), rule -> RuleMessages.toProto(rule, page.at()));
    return ListRulesResponse.newBuilder()
        .addAllRules(capped.items())
        .setNextPageToken(capped.nextPageToken())
        .build();
  }
}
