/// Order statistics without a full sort: the k-th smallest values for several k at once by
/// recursive partitioning (Hoare's FIND, "Algorithm 65", CACM 1961), descending only into the
/// parts that hold a wanted rank. Expected time O(n·log m) for m ranks, against O(n·log n) for
/// sorting; falls back to sorting a part when the partitioning degrades.
enum OrderStatistics {
    /// Rearranges `values` so that for every rank r in `ranks`, `values[r]` is the r-th
    /// smallest (0-based) and every element before it is ≤ it, every element after ≥ it.
    static func select(_ values: inout [Double], ranks: [Int]) {
        let wanted = Array(Set(ranks.filter { $0 >= 0 && $0 < values.count })).sorted()
        guard !wanted.isEmpty else { return }
        values.withUnsafeMutableBufferPointer { a in
            var stack: [(lo: Int, hi: Int, ranksLo: Int, ranksHi: Int, depth: Int)] = [(0, a.count - 1, 0, wanted.count, 0)]
            while let (lo, hi, rLo, rHi, depth) = stack.popLast() {
                guard rLo < rHi, lo < hi else { continue }
                if hi - lo < 32 || depth > 60 {
                    // Small or badly split: sort this part.
                    var part = Array(a[lo...hi])
                    part.sort()
                    for (k, x) in part.enumerated() { a[lo + k] = x }
                    continue
                }
                // Median-of-three pivot, Hoare partition.
                let mid = lo + (hi - lo) / 2
                if a[mid] < a[lo] { a.swapAt(mid, lo) }
                if a[hi] < a[lo] { a.swapAt(hi, lo) }
                if a[hi] < a[mid] { a.swapAt(hi, mid) }
                let pivot = a[mid]
                var i = lo, j = hi
                while i <= j {
                    while a[i] < pivot { i += 1 }
                    while a[j] > pivot { j -= 1 }
                    if i <= j {
                        a.swapAt(i, j)
                        i += 1
                        j -= 1
                    }
                }
                // Now a[lo...j] ≤ pivot ≤ a[i...hi], and lo...j, j+1..<i, i...hi cover the part.
                var split = rLo
                while split < rHi && wanted[split] <= j { split += 1 }
                var middle = split
                while middle < rHi && wanted[middle] < i { middle += 1 }
                stack.append((lo, j, rLo, split, depth + 1))
                stack.append((i, hi, middle, rHi, depth + 1))
            }
        }
    }
}
