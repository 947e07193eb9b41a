/// Order statistics without a full sort: the k-th smallest values for several k at once by
/// recursive partitioning (Hoare's FIND, "Algorithm 65", CACM 1961), descending only into the
/// parts that hold a wanted rank. Expected time O(n·log m) for m ranks, against O(n·log n) for
/// sorting.
///
/// Each part is split around a pivot (the median of three, or of three medians of three for
/// parts over 1,000 values) without a data-dependent branch: every value is written both to the
/// front of the part and to a scratch buffer, and only the cursor of its side (below the
/// pivot: the front; the rest: the scratch) advances, by 0 or 1; the scratch is then copied
/// behind the front. With no branch to mispredict and no load waiting on the previous store, a
/// pass costs about a cycle per value (the branch-free idea of Edelkamp & Weiß, "BlockQuicksort",
/// ESA 2016; the kernel `PivotPartition`); AVX-512 builds split eight values per step with
/// `vcompresspd`. When nothing is below the pivot, a second pass gathers the values equal to
/// it, so runs of equal values (a decision that never entered has P&L 0 on every path) end the
/// descent instead of repeating it. The
/// scratch buffer holds at most 65,536 values (512 KiB, so memory stays flat in the number of
/// paths); larger parts are split in place by Hoare's two scans. Parts of 32 values or fewer,
/// and parts still unsplit after 2·log₂ n levels, are sorted.
enum OrderStatistics {
    /// Rearranges `values` so that for every rank r in `ranks`, `values[r]` is the r-th
    /// smallest (0-based) and every element before it is ≤ it, every element after ≥ it.
    /// `values` must not hold NaN.
    static func select(_ values: inout [Double], ranks: [Int]) {
        let wanted = Array(Set(ranks.filter { $0 >= 0 && $0 < values.count })).sorted()
        guard !wanted.isEmpty else { return }
        var depthLimit = 8
        var n = values.count
        while n > 1 { n >>= 1; depthLimit += 2 }
        let scratchCount = min(values.count, 65_536)
        let scratch = UnsafeMutablePointer<Double>.allocate(capacity: scratchCount + 8)
        defer { scratch.deallocate() }
        // The first of wanted[from..<to] (sorted) at or above `bound`.
        func firstWanted(from r: Int, to end: Int, atOrAbove bound: Int) -> Int {
            var r = r
            while r < end && wanted[r] < bound { r += 1 }
            return r
        }
        values.withUnsafeMutableBufferPointer { buffer in
            let a = buffer.baseAddress!
            // Parts are half-open: lo..<hi, with wanted[rLo..<rHi] inside.
            var stack: [(lo: Int, hi: Int, rLo: Int, rHi: Int, depth: Int)] = [(0, buffer.count, 0, wanted.count, 0)]
            while let (lo, hi, rLo, rHi, depth) = stack.popLast() {
                guard rLo < rHi, hi - lo > 1 else { continue }
                if hi - lo <= 32 {
                    insertionSort(a, lo, hi)
                    continue
                }
                if depth > depthLimit {
                    var part = UnsafeMutableBufferPointer(start: a + lo, count: hi - lo)
                    part.sort()
                    continue
                }
                let pivot: Double
                if hi - lo > 2_048 {
                    // The wanted rank nearest the middle of the part.
                    let middle = lo + (hi - lo) / 2
                    var target = wanted[rLo]
                    for r in rLo..<rHi where abs(wanted[r] - middle) < abs(target - middle) { target = wanted[r] }
                    pivot = targetedPivot(a, lo, hi, rank: target)
                } else {
                    pivot = pivotValue(a, lo, hi)
                }
                if hi - lo > scratchCount {
                    // In place: a[lo..<left] ≤ pivot, a[left..<right] == pivot, a[right..<hi] ≥ pivot.
                    let (left, right) = hoarePartition(a, lo, hi, pivot: pivot)
                    let split = firstWanted(from: rLo, to: rHi, atOrAbove: left)
                    let above = firstWanted(from: split, to: rHi, atOrAbove: right)
                    stack.append((lo, left, rLo, split, depth + 1))
                    stack.append((right, hi, above, rHi, depth + 1))
                    continue
                }
                let m = lo + PivotPartition.split(a + lo, count: hi - lo, scratch: scratch, pivot: pivot, orEqual: false)
                // Now a[lo..<m] < pivot ≤ a[m..<hi].
                let split = firstWanted(from: rLo, to: rHi, atOrAbove: m)
                if m > lo {
                    stack.append((lo, m, rLo, split, depth + 1))
                    stack.append((m, hi, split, rHi, depth + 1))
                    continue
                }
                // Nothing below the pivot: gather the values equal to it at the front.
                let e = lo + PivotPartition.split(a + lo, count: hi - lo, scratch: scratch, pivot: pivot, orEqual: true)
                // a[lo..<e] == pivot (e > lo: the pivot is one of the values) < a[e..<hi].
                let above = firstWanted(from: rLo, to: rHi, atOrAbove: e)
                stack.append((e, hi, above, rHi, depth + 1))
            }
        }
    }

    /// Hoare's partition of a[lo..<hi] around `pivot`, one of its values: returns (left,
    /// right) with a[lo..<left] ≤ pivot, a[left..<right] == pivot, a[right..<hi] ≥ pivot, both
    /// outer parts shorter than the whole.
    private static func hoarePartition(_ a: UnsafeMutablePointer<Double>, _ lo: Int, _ hi: Int, pivot: Double) -> (Int, Int) {
        var i = lo, j = hi - 1
        while i <= j {
            while a[i] < pivot { i += 1 }
            while a[j] > pivot { j -= 1 }
            if i <= j {
                let t = a[i]
                a[i] = a[j]
                a[j] = t
                i += 1
                j -= 1
            }
        }
        return (j + 1, i)
    }

    /// Median of a[i], a[j], a[k].
    @inline(__always)
    private static func median(_ a: UnsafeMutablePointer<Double>, _ i: Int, _ j: Int, _ k: Int) -> Double {
        let x = a[i], y = a[j], z = a[k]
        return max(min(x, y), min(max(x, y), z))
    }

    /// A pivot aimed at `rank` (lo ≤ rank < hi): the value at that rank's fraction of an evenly
    /// spaced sample of 63 values of a[lo..<hi], so the split lands near the rank and the part
    /// holding it shrinks by much more than half (the sampling idea of Floyd & Rivest, "Expected
    /// time bounds for selection", CACM 18, 1975).
    private static func targetedPivot(_ a: UnsafeMutablePointer<Double>, _ lo: Int, _ hi: Int, rank: Int) -> Double {
        let n = hi - lo, size = 63
        return withUnsafeTemporaryAllocation(of: Double.self, capacity: size) { sample in
            let s = sample.baseAddress!
            for i in 0..<size { s[i] = a[lo + (2 * i + 1) * n / (2 * size)] }
            insertionSort(s, 0, size)
            let k = Int((Double(rank - lo) + 0.5) / Double(n) * Double(size))
            return s[min(size - 1, max(0, k))]
        }
    }

    /// The pivot of a[lo..<hi]: median of three, or Tukey's ninther above 1,000 values.
    private static func pivotValue(_ a: UnsafeMutablePointer<Double>, _ lo: Int, _ hi: Int) -> Double {
        let n = hi - lo, mid = lo + n / 2, last = hi - 1
        guard n > 1_000 else { return median(a, lo, mid, last) }
        let step = n / 8
        let m1 = median(a, lo, lo + step, lo + 2 * step)
        let m2 = median(a, mid - step, mid, mid + step)
        let m3 = median(a, last - 2 * step, last - step, last)
        return max(min(m1, m2), min(max(m1, m2), m3))
    }

    private static func insertionSort(_ a: UnsafeMutablePointer<Double>, _ lo: Int, _ hi: Int) {
        for i in (lo + 1)..<hi {
            let x = a[i]
            var j = i
            while j > lo && a[j - 1] > x {
                a[j] = a[j - 1]
                j -= 1
            }
            a[j] = x
        }
    }
}
