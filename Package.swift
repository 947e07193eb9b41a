// swift-tools-version:6.0
// tradesim — trade-idea cards to playbooks, scenario paths and risk/return reports.
// No package dependencies: the toolchain only (Foundation, Dispatch, Synchronization, Swift Testing).
import Foundation
import PackageDescription

// Build settings for speed (README, "Speed"). The library's hot loops are written on
// SIMD8<Double>; to let the compiler use the machine's vector units, the library is compiled
// for the host's instruction set, the way -march=native would: on Linux x86-64 this manifest
// reads /proc/cpuinfo and picks a -target-cpu (AVX-512: znver4 on AMD, skylake-avx512 on Intel;
// AVX2 + FMA: haswell). TRADESIM_TARGET_CPU overrides it (TRADESIM_TARGET_CPU=x86-64 builds the
// portable, baseline-SSE2 library, which computes the same results, more slowly).
let hostCPU: String? = {
    if let forced = ProcessInfo.processInfo.environment["TRADESIM_TARGET_CPU"], !forced.isEmpty { return forced }
    #if os(Linux) && arch(x86_64)
    guard let info = try? String(contentsOfFile: "/proc/cpuinfo", encoding: .utf8),
          let flagsLine = info.split(separator: "\n").first(where: { $0.hasPrefix("flags") }) else { return nil }
    let flags = Set(flagsLine.split(separator: " ").map(String.init))
    let amd = info.contains("AuthenticAMD")
    if ["avx512f", "avx512dq", "avx512vl", "avx512bw"].allSatisfy(flags.contains) { return amd ? "znver4" : "skylake-avx512" }
    if ["avx2", "fma", "bmi2"].allSatisfy(flags.contains) { return "haswell" }
    #endif
    return nil
}()

var librarySettings: [SwiftSetting] = [
    // Unchecked arithmetic and bounds in release; the debug build (swift test) is optimised too,
    // because unoptimised SIMD code is orders of magnitude slower.
    .unsafeFlags(["-Ounchecked"], .when(configuration: .release)),
    .unsafeFlags(["-O"], .when(configuration: .debug)),
]
if let cpu = hostCPU { librarySettings.append(.unsafeFlags(["-target-cpu", cpu])) }
// On Linux the release executable links the Swift runtime and Foundation statically, with the
// toolchain's lld: it starts in 3 ms instead of 8 (no loading and symbol binding of the
// runtime's twenty shared libraries at every run), at the price of a 75 MB binary. Both
// targets are compiled with the flag, so their objects ask for the static libraries.
var staticRuntime: [SwiftSetting] = []
var staticLink: [LinkerSetting] = []
#if os(Linux)
staticRuntime = [.unsafeFlags(["-static-stdlib"], .when(configuration: .release))]
staticLink = [.unsafeFlags(["-static-stdlib", "-use-ld=lld", "-Xlinker", "-no-pie"], .when(configuration: .release))]
#endif
librarySettings += staticRuntime
// On AVX-512 CPUs the kernels also use a few AVX-512 instructions directly (vsqrtpd, vpermt2pd,
// vscalefpd, through the toolchain's Clang module _Builtin_intrinsics.intel); every other build
// computes the same values with plain Swift (Engine/VectorMath.swift).
if let cpu = hostCPU, ["znver4", "znver5", "skylake-avx512", "icelake-server", "sapphirerapids"].contains(cpu) {
    librarySettings.append(.define("TRADESIM_AVX512"))
}

let package = Package(
    name: "tradesim",
    products: [
        .library(name: "TradeSim", targets: ["TradeSim"]),
        .executable(name: "tradesim", targets: ["TradeSimCLI"]),
    ],
    targets: [
        .target(name: "TradeSim", swiftSettings: librarySettings),
        .executableTarget(name: "TradeSimCLI", dependencies: ["TradeSim"], swiftSettings: staticRuntime, linkerSettings: staticLink),
        .testTarget(name: "TradeSimTests", dependencies: ["TradeSim"], resources: [.copy("Fixtures")]),
        .testTarget(name: "TradeSimCLITests", dependencies: ["TradeSimCLI"]),
    ]
)
