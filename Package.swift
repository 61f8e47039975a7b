// swift-tools-version:6.0
import PackageDescription

let package = Package(
    name: "Vigil",
    platforms: [.macOS(.v14)],
    products: [
        .executable(name: "vigil", targets: ["vigil"]),
        .library(name: "VigilPipeline", targets: ["VigilPipeline"]),
        .library(name: "VigilDetect", targets: ["VigilDetect"]),
        .library(name: "VigilIngest", targets: ["VigilIngest"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
        .package(url: "https://github.com/jpsim/Yams", from: "5.0.1"),
        .package(url: "https://github.com/apple/swift-log", from: "1.5.0"),
    ],
    targets: [
        // System C libraries, each behind one small shim.
        .systemLibrary(
            name: "CLibXML2",
            pkgConfig: "libxml-2.0",
            providers: [.apt(["libxml2-dev"])]
        ),
        .target(
            name: "CVigilUnicode",
            linkerSettings: [.linkedLibrary("icuuc")]
        ),
        // SHA-256 blocks on the CPU's SHA instructions, when it has them.
        .target(name: "CVigilHash"),
        // Shared record types, errors, the tokenizer and ISO weeks.
        .target(name: "VigilCore", dependencies: ["CVigilUnicode"]),
        // CSV, JSON Lines, atomic writes, hashing.
        .target(name: "VigilIO", dependencies: ["VigilCore", "CVigilHash"]),
        // Getting inputs safely: http(s) with cache, caps and address checks; local paths
        // kept inside their roots.
        .target(name: "VigilFetch", dependencies: ["VigilCore", "VigilIO"]),
        // One module per stage; stages never import each other.
        .target(name: "VigilIngest", dependencies: ["VigilCore", "VigilIO", "CLibXML2"]),
        .target(name: "VigilNormalize", dependencies: ["VigilCore", "VigilIO"]),
        .target(name: "VigilDetect", dependencies: ["VigilCore", "VigilIO"]),
        .target(name: "VigilAggregate", dependencies: ["VigilCore", "VigilIO"]),
        .target(name: "VigilReport", dependencies: ["VigilCore", "VigilIO"]),
        // Files, configs, concurrency: wires the stages together.
        .target(
            name: "VigilPipeline",
            dependencies: [
                "VigilCore", "VigilIO", "VigilFetch", "VigilIngest", "VigilNormalize", "VigilDetect", "VigilAggregate", "VigilReport",
                .product(name: "Yams", package: "Yams"),
            ]
        ),
        .executableTarget(
            name: "vigil",
            dependencies: [
                "VigilPipeline", "VigilCore", "VigilFetch", "VigilIngest",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        .testTarget(name: "VigilCoreTests", dependencies: ["VigilCore", "VigilIO"]),
        .testTarget(name: "VigilIngestTests", dependencies: ["VigilCore", "VigilIO", "VigilIngest"], resources: [.copy("Fixtures")]),
        .testTarget(name: "VigilNormalizeTests", dependencies: ["VigilCore", "VigilNormalize"]),
        .testTarget(name: "VigilDetectTests", dependencies: ["VigilCore", "VigilDetect"]),
        // A scripted HTTP server on 127.0.0.1 for the fetch tests (not shipped).
        .target(name: "LoopbackServer", path: "Tests/LoopbackServer"),
        .testTarget(name: "VigilFetchTests", dependencies: ["VigilFetch", "VigilCore", "VigilIO", "LoopbackServer"]),
        .testTarget(name: "VigilAggregateTests", dependencies: ["VigilCore", "VigilAggregate"]),
        .testTarget(name: "VigilReportTests", dependencies: ["VigilCore", "VigilIO", "VigilReport"]),
        .testTarget(
            name: "VigilEndToEndTests",
            dependencies: ["VigilPipeline", "VigilCore", "VigilIO", "vigil", "LoopbackServer"],
            exclude: ["Golden"]
        ),
    ],
    swiftLanguageModes: [.v6]
)
