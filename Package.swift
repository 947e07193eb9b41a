// swift-tools-version:6.0
// tradesim — trade-idea cards to playbooks, scenario paths and risk/return reports.
// No package dependencies: the toolchain only (Foundation, Dispatch, Synchronization, Swift Testing).
import PackageDescription

let package = Package(
    name: "tradesim",
    products: [
        .library(name: "TradeSim", targets: ["TradeSim"]),
        .executable(name: "tradesim", targets: ["TradeSimCLI"]),
    ],
    targets: [
        .target(name: "TradeSim"),
        .executableTarget(name: "TradeSimCLI", dependencies: ["TradeSim"]),
        .testTarget(name: "TradeSimTests", dependencies: ["TradeSim"], resources: [.copy("Fixtures")]),
        .testTarget(name: "TradeSimCLITests", dependencies: ["TradeSimCLI"]),
    ]
)
