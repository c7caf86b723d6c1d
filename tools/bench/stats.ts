/** Figures for the benchmarks, which print medians: one slow run on a shared machine moves them least. */

/** The median of `values`: the middle one, or the mean of the two middle ones. */
export function median(values: number[]): number {
  if (values.length === 0) throw new Error("the median of no values");
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}
