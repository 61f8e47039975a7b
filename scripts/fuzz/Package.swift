// swift-tools-version:6.0
// libFuzzer targets for the VigilIngest parsers. A nested package so that the main package,
// its tests and CI never build with -sanitize=fuzzer. See docs/fuzzing.md; run with scripts/fuzz/run.
import PackageDescription

let ingest: Target.Dependency = .product(name: "VigilIngest", package: "main")
let driver: Target.Dependency = "FuzzMain"

let package = Package(
    name: "VigilFuzz",
    dependencies: [
        .package(path: "../.."),
    ],
    targets: [
        // Declares LLVMFuzzerRunDriver for the targets' @main (see its header).
        .target(name: "FuzzDriver"),
        // runLibFuzzer: the one @main body every target shares.
        .target(name: "FuzzMain", dependencies: ["FuzzDriver"]),
        .executableTarget(name: "fuzz-feed", dependencies: [ingest, driver]),
        .executableTarget(name: "fuzz-vtt", dependencies: [ingest, driver]),
        .executableTarget(name: "fuzz-srt", dependencies: [ingest, driver]),
        .executableTarget(name: "fuzz-json", dependencies: [ingest, driver]),
        .executableTarget(name: "fuzz-date", dependencies: [ingest, driver]),
    ],
    swiftLanguageModes: [.v6]
)
