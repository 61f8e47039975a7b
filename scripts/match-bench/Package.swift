// swift-tools-version:6.0
// Micro-benchmark of lexicon matching, kept out of the main package and of CI.
//   swift run -c release --package-path scripts/match-bench match-bench
import PackageDescription

let package = Package(
    name: "match-bench",
    dependencies: [.package(path: "../..")],
    targets: [
        .executableTarget(name: "match-bench", dependencies: [.product(name: "VigilDetect", package: "main")]),
    ],
    swiftLanguageModes: [.v6]
)
