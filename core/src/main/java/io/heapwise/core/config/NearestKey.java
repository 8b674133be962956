package io.heapwise.core.config;

import java.util.Collection;
import java.util.Optional;

/** Finds the known key a mistyped key most likely meant, by edit distance. */
final class NearestKey {

  private NearestKey() {}

  /**
   * Returns the candidate closest to {@code typed}, if it is close enough to be a plausible typo:
   * at most a third of the typed key's length (and at least 2) edits away.
   */
  static Optional<String> suggest(String typed, Collection<String> candidates) {
    int allowed = Math.max(2, typed.length() / 3);
    String best = null;
    int bestDistance = Integer.MAX_VALUE;
    for (String candidate : candidates) {
      int distance = editDistance(typed, candidate);
      if (distance < bestDistance) {
        bestDistance = distance;
        best = candidate;
      }
    }
    return bestDistance <= allowed ? Optional.ofNullable(best) : Optional.empty();
  }

  /** Levenshtein distance with two rolling rows. */
  static int editDistance(String a, String b) {
    int[] previous = new int[b.length() + 1];
    int[] current = new int[b.length() + 1];
    for (int j = 0; j <= b.length(); j++) {
      previous[j] = j;
    }
    for (int i = 1; i <= a.length(); i++) {
      current[0] = i;
      for (int j = 1; j <= b.length(); j++) {
        int substitution = previous[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
        current[j] = Math.min(substitution, Math.min(previous[j], current[j - 1]) + 1);
      }
      int[] swap = previous;
      previous = current;
      current = swap;
    }
    return previous[b.length()];
  }
}
