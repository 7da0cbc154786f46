package io.lockctl.core.rule;

/** LockRule's input; {@code lockConfiguration} is {@code null} when the request lacks it. */
public record LockRuleCommand(
    String regionId, String identifier, LockConfiguration lockConfiguration) {}
