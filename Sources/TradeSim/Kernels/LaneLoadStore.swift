// Eight lanes of a structure-of-arrays buffer as one SIMD8 vector: the loads and stores every
// kernel uses (the engine's decision state, the path block's prices and random streams, the
// diffusion's normals and sums). Unaligned (a lane offset is a multiple of 8 elements, not of
// the vector's 64 bytes); on AVX-512 one `vmovupd`/`vmovdqu64`, elsewhere two or four moves.

/// The eight doubles at `p[j ..< j + 8]`.
@inline(__always)
func loadV(_ p: UnsafeMutablePointer<Double>, _ j: Int) -> SIMD8<Double> {
    UnsafeRawPointer(p + j).loadUnaligned(as: SIMD8<Double>.self)
}

/// Writes `v` to `p[j ..< j + 8]`.
@inline(__always)
func storeV(_ p: UnsafeMutablePointer<Double>, _ j: Int, _ v: SIMD8<Double>) {
    UnsafeMutableRawPointer(p + j).storeBytes(of: v, as: SIMD8<Double>.self)
}

/// The eight 64-bit words at `p[j ..< j + 8]` (random-stream states).
@inline(__always)
func loadV(_ p: UnsafeMutablePointer<UInt64>, _ j: Int) -> SIMD8<UInt64> {
    UnsafeRawPointer(p + j).loadUnaligned(as: SIMD8<UInt64>.self)
}

/// Writes `v` to `p[j ..< j + 8]`.
@inline(__always)
func storeV(_ p: UnsafeMutablePointer<UInt64>, _ j: Int, _ v: SIMD8<UInt64>) {
    UnsafeMutableRawPointer(p + j).storeBytes(of: v, as: SIMD8<UInt64>.self)
}
