// swift-tools-version:6.0
// tradesim — trade-idea cards to playbooks, scenario paths and risk/return reports.
// No package dependencies: the toolchain only (Foundation, Dispatch, Synchronization, Swift Testing).
import Foundation
import PackageDescription

// MARK: - Build settings (README, "Building")
//
// Two kinds of build, chosen by where this manifest is evaluated:
//
// - **This repository** (the root package: `swift run -c release tradesim run`, `swift test`):
//   tuned. The library's hot loops are written on SIMD8<Double>; to use the machine's vector
//   units it is compiled for the host's instruction set, the way -march=native would (on Linux
//   x86-64 from /proc/cpuinfo: AVX-512 → znver4 on AMD, skylake-avx512 on Intel; AVX2 + FMA →
//   haswell), with unchecked arithmetic in release. TRADESIM_TARGET_CPU overrides the CPU:
//   `x86-64-v3` (any AVX2 + FMA machine, 2013 on) or `x86-64` (any x86-64) build a binary that
//   runs on other machines; `native-off` skips the tuning. All compute the same results.
//   Debug builds (`swift test`) are optimised too — unoptimised SIMD code is orders of
//   magnitude slower — but keep assertions (`-assert-config Debug`), so the engine's checks run
//   in the tests.
// - **A dependency of another package** (checked out under `.../checkouts/`): no unsafe
//   flags at all, as SwiftPM requires of a package used by version; the compiler's defaults.
let isRootPackage: Bool = {
    let directory = Context.packageDirectory
    return !directory.contains("/checkouts/") && !directory.contains("/SourcePackages/")
}()

let hostCPU: String? = {
    guard isRootPackage else { return nil }
    if let forced = Context.environment["TRADESIM_TARGET_CPU"], !forced.isEmpty {
        return forced == "native-off" ? nil : forced
    }
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

var librarySettings: [SwiftSetting] = []
var staticRuntime: [SwiftSetting] = []
var staticLink: [LinkerSetting] = []
if isRootPackage {
    librarySettings += [
        .unsafeFlags(["-Ounchecked"], .when(configuration: .release)),
        .unsafeFlags(["-O", "-assert-config", "Debug"], .when(configuration: .debug)),
    ]
    if let cpu = hostCPU { librarySettings.append(.unsafeFlags(["-target-cpu", cpu])) }
    // On Linux the release executable links the Swift runtime and Foundation statically, with
    // the toolchain's lld: it starts in 3 ms instead of 8 (no loading and symbol binding of the
    // runtime's twenty shared libraries at every run). Both targets are compiled with the flag,
    // so their objects ask for the static libraries.
    #if os(Linux)
    staticRuntime = [.unsafeFlags(["-static-stdlib"], .when(configuration: .release))]
    staticLink = [.unsafeFlags(["-static-stdlib", "-use-ld=lld", "-Xlinker", "-no-pie"], .when(configuration: .release))]
    #endif
    librarySettings += staticRuntime
}
// On AVX-512 CPUs the kernels also use a few AVX-512 instructions directly (vsqrtpd, vpermt2pd,
// vscalefpd, through the toolchain's Clang module _Builtin_intrinsics.intel), on AVX2 CPUs (and
// the AVX-512 ones) a few AVX2 ones (vsqrtpd, vpermps: TRADESIM_AVX2); every other build
// computes the same values with plain Swift (Kernels/VectorMath.swift).
let avx512CPUs = ["znver4", "znver5", "skylake-avx512", "cascadelake", "cooperlake", "icelake-server", "sapphirerapids", "x86-64-v4"]
let avx2CPUs = ["haswell", "broadwell", "skylake", "alderlake", "znver1", "znver2", "znver3", "x86-64-v3"]
if let cpu = hostCPU, avx512CPUs.contains(cpu) {
    librarySettings.append(.define("TRADESIM_AVX512"))
}
if let cpu = hostCPU, (avx512CPUs + avx2CPUs).contains(cpu) {
    librarySettings.append(.define("TRADESIM_AVX2"))
}

let package = Package(
    name: "tradesim",
    // Synchronization's Atomic and Mutex need macOS 15 (and its peers); Regex needs 13.
    platforms: [.macOS(.v15), .iOS(.v18), .tvOS(.v18), .watchOS(.v11), .visionOS(.v2)],
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
