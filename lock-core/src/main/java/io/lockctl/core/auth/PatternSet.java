package io.lockctl.core.auth;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * A list of patterns that matches when any one does. Literal patterns are looked up in a set, so a
 * policy that lists many principals by name does not cost a comparison per name.
 */
final class PatternSet {
  private static final PatternSet NONE = new PatternSet(false, Set.of(), new WildcardPattern[0]);

  private final boolean matchesEverything;
  private final Set<String> literals;
  private final WildcardPattern[] wildcards;

  private PatternSet(boolean matchesEverything, Set<String> literals, WildcardPattern[] wildcards) {
    this.matchesEverything = matchesEverything;
    this.literals = literals;
    this.wildcards = wildcards;
  }

  static PatternSet none() {
    return NONE;
  }

  static PatternSet of(List<String> patterns) {
    Set<String> literals = new HashSet<>();
    List<WildcardPattern> wildcards = new ArrayList<>();
    boolean everything = false;
    for (String text : patterns) {
      WildcardPattern pattern = WildcardPattern.compile(text);
      if (pattern.matchesEverything()) {
        everything = true;
      } else if (pattern.isLiteral()) {
        literals.add(text);
      } else {
        wildcards.add(pattern);
      }
    }
    return new PatternSet(
        everything, Set.copyOf(literals), wildcards.toArray(WildcardPattern[]::new));
  }

  boolean matches(String candidate) {
    if (matchesEverything || (!literals.isEmpty() && literals.contains(candidate))) {
      return true;
    }
    for (WildcardPattern pattern : wildcards) {
      if (pattern.matches(candidate)) {
        return true;
      }
    }
    return false;
  }

  boolean isEmpty() {
    return !matchesEverything && literals.isEmpty() && wildcards.length == 0;
  }
}
