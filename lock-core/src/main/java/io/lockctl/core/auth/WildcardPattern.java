package io.lockctl.core.auth;

import java.util.ArrayList;
import java.util.List;

/**
 * A policy pattern, compiled once: {@code *} matches any run of characters (also none), {@code ?}
 * exactly one character, every other character only itself (case-sensitive; nothing else is
 * special, so a pattern can never smuggle in a regular expression).
 *
 * <p>Matching never backtracks over more than one segment: the pattern is split at its stars, the
 * first and last pieces are anchored and each middle piece is taken at its leftmost occurrence,
 * which is always a correct choice for globs. The cost is at most (text length) x (pattern length)
 * character comparisons, and one {@code startsWith}, {@code endsWith} or {@code equals} for the
 * common shapes ({@code abc}, {@code abc*}, {@code *abc}, {@code *}).
 *
 * <p>A character is a UTF-16 unit: {@code ?} matches one of a surrogate pair. lockctl's own names
 * are ASCII; only a principal taken from a certificate or token could be otherwise.
 */
final class WildcardPattern {
  private enum Shape {
    ANY,
    EXACT,
    PREFIX,
    SUFFIX,
    GENERAL
  }

  private final String text;
  private final Shape shape;

  /** EXACT: the whole text; PREFIX: before the star; SUFFIX: after it. */
  private final String literal;

  /** GENERAL: the pieces between stars (may hold {@code ?}), and whether the ends are anchored. */
  private final String[] pieces;

  private final boolean anchoredStart;
  private final boolean anchoredEnd;
  private final int minLength;

  private WildcardPattern(
      String text,
      Shape shape,
      String literal,
      String[] pieces,
      boolean anchoredStart,
      boolean anchoredEnd) {
    this.text = text;
    this.shape = shape;
    this.literal = literal;
    this.pieces = pieces;
    this.anchoredStart = anchoredStart;
    this.anchoredEnd = anchoredEnd;
    int length = 0;
    for (String piece : pieces) {
      length += piece.length();
    }
    this.minLength = length;
  }

  static WildcardPattern compile(String pattern) {
    List<String> pieces = new ArrayList<>();
    int start = 0;
    for (int i = 0; i <= pattern.length(); i++) {
      if (i == pattern.length() || pattern.charAt(i) == '*') {
        if (i > start) {
          pieces.add(pattern.substring(start, i));
        }
        start = i + 1;
      }
    }
    boolean anchoredStart = !pattern.startsWith("*");
    boolean anchoredEnd = !pattern.endsWith("*");
    String[] array = pieces.toArray(String[]::new);
    boolean hasStar = pattern.indexOf('*') >= 0;
    boolean hasQuestion = pattern.indexOf('?') >= 0;
    Shape shape;
    String literal = "";
    if (pieces.isEmpty() && hasStar) {
      shape = Shape.ANY;
    } else if (!hasStar && !hasQuestion) {
      shape = Shape.EXACT;
      literal = pattern;
    } else if (!hasQuestion && array.length == 1 && anchoredStart && !anchoredEnd) {
      shape = Shape.PREFIX;
      literal = array[0];
    } else if (!hasQuestion && array.length == 1 && !anchoredStart && anchoredEnd) {
      shape = Shape.SUFFIX;
      literal = array[0];
    } else {
      shape = Shape.GENERAL;
    }
    return new WildcardPattern(pattern, shape, literal, array, anchoredStart, anchoredEnd);
  }

  boolean matches(String candidate) {
    return switch (shape) {
      case ANY -> true;
      case EXACT -> literal.equals(candidate);
      case PREFIX -> candidate.startsWith(literal);
      case SUFFIX -> candidate.endsWith(literal);
      case GENERAL -> matchesPieces(candidate);
    };
  }

  boolean isLiteral() {
    return shape == Shape.EXACT;
  }

  boolean matchesEverything() {
    return shape == Shape.ANY;
  }

  @Override
  public String toString() {
    return text;
  }

  private boolean matchesPieces(String candidate) {
    int length = candidate.length();
    if (length < minLength) {
      return false;
    }
    int first = 0;
    int last = pieces.length - 1;
    if (anchoredStart && anchoredEnd && pieces.length == 1) {
      return length == pieces[0].length() && pieceAt(pieces[0], candidate, 0);
    }
    int from = 0;
    int to = length;
    if (anchoredStart) {
      if (!pieceAt(pieces[0], candidate, 0)) {
        return false;
      }
      from = pieces[0].length();
      first = 1;
    }
    if (anchoredEnd) {
      String tail = pieces[last];
      to = length - tail.length();
      if (to < from || !pieceAt(tail, candidate, to)) {
        return false;
      }
      last--;
    }
    for (int p = first; p <= last; p++) {
      int at = indexOfPiece(pieces[p], candidate, from, to);
      if (at < 0) {
        return false;
      }
      from = at + pieces[p].length();
    }
    return true;
  }

  /** The leftmost position in [from, to - piece length] where {@code piece} matches, or -1. */
  private static int indexOfPiece(String piece, String candidate, int from, int to) {
    int lastStart = to - piece.length();
    if (piece.indexOf('?') < 0) {
      int at = candidate.indexOf(piece, from);
      return at <= lastStart ? at : -1;
    }
    for (int at = from; at <= lastStart; at++) {
      if (pieceAt(piece, candidate, at)) {
        return at;
      }
    }
    return -1;
  }

  private static boolean pieceAt(String piece, String candidate, int at) {
    for (int i = 0; i < piece.length(); i++) {
      char expected = piece.charAt(i);
      if (expected != '?' && expected != candidate.charAt(at + i)) {
        return false;
      }
    }
    return true;
  }
}
