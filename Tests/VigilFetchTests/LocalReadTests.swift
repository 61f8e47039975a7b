import Foundation
import Testing
import VigilCore
import VigilIO
@testable import VigilFetch

/// Local reads: canonical paths inside the roots, regular files only, size caps.
struct LocalReadTests {
    func corpus() throws -> (root: String, secret: String) {
        let dir = temporaryFolder()
        try AtomicFile.write(Array("VIGIL-SECRET".utf8), to: dir + "/secret.txt")
        try AtomicFile.write(Array("inside".utf8), to: dir + "/corpus/t/a.txt")
        return (dir + "/corpus", dir + "/secret.txt")
    }

    @Test func readsInsideTheRoot() throws {
        let c = try corpus()
        #expect(try RootGuard(roots: [c.root]).read(c.root + "/t/a.txt", display: "t/a.txt", maxBytes: 100) == Array("inside".utf8))
    }

    @Test func symlinkPointingOutsideIsRefused() throws {
        let c = try corpus()
        try FileManager.default.createSymbolicLink(atPath: c.root + "/t/link.txt", withDestinationPath: c.secret)
        let e = failure { try RootGuard(roots: [c.root]).read(c.root + "/t/link.txt", display: "t/link.txt", maxBytes: 100) }
        #expect(e?.code == "ingest.outside_root")
        #expect(e?.file == "t/link.txt")
    }

    @Test func symlinkedFolderPointingOutsideIsRefused() throws {
        let c = try corpus()
        try FileManager.default.createSymbolicLink(atPath: c.root + "/up", withDestinationPath: FileSystem.directory(of: c.secret))
        let e = failure { try RootGuard(roots: [c.root]).read(c.root + "/up/secret.txt", display: "up/secret.txt", maxBytes: 100) }
        #expect(e?.code == "ingest.outside_root")
    }

    @Test func dotDotAndAbsolutePathsAreRefused() throws {
        let c = try corpus()
        let guardian = RootGuard(roots: [c.root])
        #expect(failure { try guardian.read(c.root + "/t/../../secret.txt", display: "x", maxBytes: 100) }?.code == "ingest.outside_root")
        #expect(failure { try guardian.read(c.secret, display: "x", maxBytes: 100) }?.code == "ingest.outside_root")
        #expect(failure { try guardian.read("/etc/passwd", display: "x", maxBytes: 1 << 20) }?.code == "ingest.outside_root")
    }

    @Test func oversizedFileIsRefusedBeforeReading() throws {
        let c = try corpus()
        try AtomicFile.write([UInt8](repeating: 0x61, count: 1000), to: c.root + "/t/big.txt")
        #expect(failure { try RootGuard(roots: [c.root]).read(c.root + "/t/big.txt", display: "t/big.txt", maxBytes: 999) }?.code == "ingest.too_large")
    }

    @Test func fifoIsRefused() throws {
        let c = try corpus()
        #expect(mkfifo(c.root + "/t/pipe.txt", 0o644) == 0)
        #expect(failure { try RootGuard(roots: [c.root]).read(c.root + "/t/pipe.txt", display: "t/pipe.txt", maxBytes: 100) }?.code == "ingest.unreadable_file")
    }
}

struct URLMapTests {
    let map = URLMap([
        URLMap.Entry(prefix: "https://media.example.org/", folder: "archive/example"),
        URLMap.Entry(prefix: "https://media.example.org/special/", folder: "archive/special"),
    ])

    @Test func longestPrefixWins() throws {
        #expect(try map.localPath(for: "https://media.example.org/t/1.vtt?x=1") == "archive/example/t/1.vtt")
        #expect(try map.localPath(for: "https://media.example.org/special/a%20b.vtt") == "archive/special/a b.vtt")
        #expect(try map.localPath(for: "https://other.example.org/a.vtt") == nil)
    }

    @Test(arguments: ["https://media.example.org/../../secret.txt", "https://media.example.org/%2e%2e/%2e%2e/secret.txt", "https://media.example.org/t/..%2F..%2F..%2Fsecret.txt"])
    func climbingOutIsRefused(_ url: String) {
        #expect(failure { try map.localPath(for: url) }?.code == "ingest.outside_root")
    }
}
