import Foundation
import Testing

/// Loads test fixtures copied into the test bundle (`Fixtures/`).
enum Fixture {
    static func bytes(_ name: String, folder: String = "Fixtures") throws -> [UInt8] {
        let dot = name.lastIndex(of: ".")!
        let url = try #require(
            Bundle.module.url(forResource: String(name[..<dot]), withExtension: String(name[name.index(after: dot)...]),
                              subdirectory: folder))
        return Array(try Data(contentsOf: url))
    }

    /// A feed of the wild-feeds corpus (`Fixtures/wild/`).
    static func wild(_ name: String) throws -> [UInt8] { try bytes(name, folder: "Fixtures/wild") }
}
