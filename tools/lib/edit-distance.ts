/**
 * How far apart two names are, for "did you mean …?": the number of single-character edits
 * (insert, delete, replace, or swap two neighbours) that turn one into the other. A swap counts as
 * one edit, since `Frist` for `First` is one slip of the fingers, not two.
 */

/** The fewest edits that turn `from` into `to` (the optimal string alignment distance). */
export function editDistance(from: string, to: string): number {
  // distances[i][j]: the edits that turn the first i characters of `from` into the first j of `to`.
  const distances: number[][] = [];
  for (let i = 0; i <= from.length; i++) {
    distances.push([i]);
  }
  for (let j = 1; j <= to.length; j++) {
    distances[0]![j] = j;
  }
  for (let i = 1; i <= from.length; i++) {
    for (let j = 1; j <= to.length; j++) {
      const same = from[i - 1] === to[j - 1];
      const deleted = distances[i - 1]![j]! + 1;
      const inserted = distances[i]![j - 1]! + 1;
      const replaced = distances[i - 1]![j - 1]! + (same ? 0 : 1);
      let best = Math.min(deleted, inserted, replaced);
      const swapped = i > 1 && j > 1 && from[i - 1] === to[j - 2] && from[i - 2] === to[j - 1];
      if (swapped) best = Math.min(best, distances[i - 2]![j - 2]! + 1);
      distances[i]![j] = best;
    }
  }
  return distances[from.length]![to.length]!;
}

/**
 * The name among `names` nearest to `name`, when one is near enough to be what was meant: at
 * most a third of its characters edited (and at least two allowed, so that short names get a
 * suggestion too). A tie goes to the name listed first. Undefined when none is near.
 */
export function nearestName(name: string, names: Iterable<string>): string | undefined {
  const allowed = Math.max(2, Math.floor(name.length / 3));
  let nearest: string | undefined;
  let nearestDistance = Number.POSITIVE_INFINITY;
  for (const candidate of names) {
    const distance = editDistance(name, candidate);
    if (distance <= allowed && distance < nearestDistance) {
      nearest = candidate;
      nearestDistance = distance;
    }
  }
  return nearest;
}
