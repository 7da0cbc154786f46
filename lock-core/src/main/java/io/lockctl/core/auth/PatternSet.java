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
  private static final PatternSet NONE =
      new PatternSet(false, new HashSet<>(), new WildcardPattern[0]);

  private final boolean matchesEverything;

  /**
   * Always a HashSet (not Set.copyOf's several classes), so the lookup's call site stays
   * monomorphic for the JIT; never modified once built.
   */
  private final Set<String> literals;

  private final boolean hasLiterals;
  private final WildcardPattern[] wildcards;

  private PatternSet(boolean matchesEverything, Set<String> literals, WildcardPattern[] wildcards) {
    this.matchesEverything = matchesEverything;
    this.literals = literals;
    this.hasLiterals = !literals.isEmpty();
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
    return new PatternSet(everything, literals, wildcards.toArray(WildcardPattern[]::new));
  }

  boolean matches(String candidate) {
    if (matchesEverything || (hasLiterals && literals.contains(candidate))) {
      return true;
    }
    for (WildcardPattern pattern : wildcards) {
      if (pattern.matches(candidate)) {
        return true;
      }
    }
    return false;
  }
}
