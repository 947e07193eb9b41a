#if TRADESIM_AVX512
import _Builtin_intrinsics.intel
#endif

/// The branch-free partition step of `OrderStatistics.select` (see there): one pass that
/// splits values around a pivot with no data-dependent branch.
enum PivotPartition {
    /// Puts the values of a[0..<count] below `pivot` (at or below it with `orEqual`) first,
    /// returning how many, and the others after them. The front values are written back into
    /// `a` as they are found (the write cursor never passes the read cursor), the others go to
    /// `scratch` (at least count + 8 values) and are copied back behind them. On AVX-512
    /// builds eight values are split per step by two `vcompresspd` (a full vector is stored at
    /// each cursor; the lanes past the cursor are overwritten later or never read); other
    /// builds split one value per step. Both leave the values in the same order.
    @inline(__always)
    static func split(_ a: UnsafeMutablePointer<Double>, count: Int, scratch: UnsafeMutablePointer<Double>,
                      pivot: Double, orEqual: Bool) -> Int {
        var low = 0, high = 0, i = 0
        #if TRADESIM_AVX512
        let p = SIMD8<Double>(repeating: pivot)
        while i + 8 <= count {
            let x = UnsafeRawPointer(a + i).loadUnaligned(as: SIMD8<Double>.self)
            let front = orEqual ? x .<= p : x .< p
            let mask = _mm512_movepi64_mask(unsafeBitCast(front, to: SIMD8<Int64>.self))
            let n = Int(mask.nonzeroBitCount)
            UnsafeMutableRawPointer(a + low).storeBytes(of: _mm512_maskz_compress_pd(mask, x), as: SIMD8<Double>.self)
            UnsafeMutableRawPointer(scratch + high).storeBytes(of: _mm512_maskz_compress_pd(~mask, x), as: SIMD8<Double>.self)
            low &+= n
            high &+= 8 &- n
            i &+= 8
        }
        #endif
        while i < count {
            let x = a[i]
            let toFront = (orEqual ? x <= pivot : x < pivot) ? 1 : 0
            a[low] = x
            scratch[high] = x
            low &+= toFront
            high &+= 1 &- toFront
            i &+= 1
        }
        (a + low).update(from: scratch, count: high)
        return low
    }
}
