import Foundation
import Testing

/// Loads test fixtures copied into the test bundle (`Fixtures/`).
enum Fixture {
    static func bytes(_ name: String) throws -> [UInt8] {
        let dot = name.lastIndex(of: ".")!
        let url = try #require(
            Bundle.module.url(forResource: String(name[..<dot]), withExtension: String(name[name.index(after: dot)...]),
                              subdirectory: "Fixtures"))
        return Array(try Data(contentsOf: url))
    }
}
