package io.lockctl.core.rule;

/** UnlockRule's input. */
public record UnlockRuleCommand(String regionId, String identifier) {}
