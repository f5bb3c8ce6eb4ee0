// swift-tools-version: 6.0
import PackageDescription

// ProfScore depends on no package: Foundation, Dispatch and the toolchain's
// test libraries only.
let package = Package(
    name: "ProfScore",
    products: [
        .library(name: "ProfScoreKit", targets: ["ProfScoreKit"]),
        .executable(name: "profscore", targets: ["profscore"]),
    ],
    targets: [
        .target(name: "ProfScoreKit"),
        .executableTarget(
            name: "profscore",
            dependencies: ["ProfScoreKit"]
        ),
        .executableTarget(name: "ProfScoreBenchmarks", path: "Benchmarks/ProfScoreBenchmarks"),
        .testTarget(
            name: "ProfScoreKitTests",
            dependencies: ["ProfScoreKit"],
            resources: [.copy("Fixtures")]
        ),
        .testTarget(
            name: "ProfScoreCLITests",
            dependencies: ["ProfScoreKit", "profscore"],
            resources: [.copy("Fixtures")]
        ),
    ],
    swiftLanguageModes: [.v6]
)
