import Testing
import VigilCore
@testable import VigilFetch

struct WebURLTests {
    @Test func parsesHostPortAndTarget() throws {
        let u = try WebURL.parse("https://Media.Example.org:8443/feeds/a b.xml?x=1#top")
        #expect(u.host == "media.example.org")
        #expect(u.port == 8443)
        #expect(u.target == "/feeds/a%20b.xml?x=1")
        #expect(try WebURL.parse("http://[::1]:8080").target == "/")
        #expect(try WebURL.parse("http://[::1]:8080").host == "::1")
    }

    struct Bad: Sendable, CustomStringConvertible {
        var id: String
        var url: String
        var description: String { id }
    }

    @Test(arguments: [
        Bad(id: "file scheme", url: "file:///etc/passwd"),
        Bad(id: "ftp scheme", url: "ftp://example.org/a.vtt"),
        Bad(id: "gopher scheme", url: "gopher://127.0.0.1:6379/_FLUSHALL"),
        Bad(id: "credentials", url: "http://user:pass@example.org/"),
        Bad(id: "header injection", url: "http://example.org/a\r\nX-Evil: 1"),
        Bad(id: "bad port", url: "http://example.org:99999/"),
        Bad(id: "empty host", url: "http:///etc/passwd"),
        Bad(id: "relative", url: "../secret.txt"),
    ])
    func refuses(_ bad: Bad) {
        #expect(throws: VigilError.self) { try WebURL.parse(bad.url) }
        do { _ = try WebURL.parse(bad.url) } catch { #expect(error.code == "ingest.unsupported_url") }
    }

    @Test func resolvesLocations() throws {
        let base = try WebURL.parse("http://a.example/feeds/x/feed.xml?q=1")
        #expect(base.resolve("/b") == "http://a.example/b")
        #expect(base.resolve("c.xml") == "http://a.example/feeds/x/c.xml")
        #expect(base.resolve("../../../c.xml") == "http://a.example/c.xml")
        #expect(base.resolve("//b.example/z") == "http://b.example/z")
        #expect(base.resolve("https://c.example/") == "https://c.example/")
        #expect(base.resolve("file:///etc/passwd") == "file:///etc/passwd")
    }
}

struct AddressPolicyTests {
    struct Row: Sendable, CustomStringConvertible {
        var id: String
        var bytes: [UInt8]
        var scope: AddressPolicy.Scope
        var description: String { id }
    }

    static func v6(_ pairs: [UInt16]) -> [UInt8] { pairs.flatMap { [UInt8($0 >> 8), UInt8($0 & 0xFF)] } }

    @Test(arguments: [
        Row(id: "loopback", bytes: [127, 0, 0, 1], scope: .loopback),
        Row(id: "loopback 127/8", bytes: [127, 9, 9, 9], scope: .loopback),
        Row(id: "rfc1918 10", bytes: [10, 1, 2, 3], scope: .special),
        Row(id: "rfc1918 172.16", bytes: [172, 20, 0, 1], scope: .special),
        Row(id: "rfc1918 192.168", bytes: [192, 168, 1, 1], scope: .special),
        Row(id: "metadata", bytes: [169, 254, 169, 254], scope: .special),
        Row(id: "cgnat", bytes: [100, 64, 0, 1], scope: .special),
        Row(id: "this network", bytes: [0, 0, 0, 0], scope: .special),
        Row(id: "broadcast", bytes: [255, 255, 255, 255], scope: .special),
        Row(id: "public", bytes: [93, 184, 216, 34], scope: .public),
        Row(id: "172.32 is public", bytes: [172, 32, 0, 1], scope: .public),
        Row(id: "v6 loopback", bytes: v6([0, 0, 0, 0, 0, 0, 0, 1]), scope: .loopback),
        Row(id: "v6 unspecified", bytes: v6([0, 0, 0, 0, 0, 0, 0, 0]), scope: .special),
        Row(id: "v6 unique local", bytes: v6([0xfd00, 0xec2, 0, 0, 0, 0, 0, 0x254]), scope: .special),
        Row(id: "v6 link local", bytes: v6([0xfe80, 0, 0, 0, 0, 0, 0, 1]), scope: .special),
        Row(id: "v4-mapped loopback", bytes: v6([0, 0, 0, 0, 0, 0xffff, 0x7f00, 1]), scope: .loopback),
        Row(id: "v4-mapped private", bytes: v6([0, 0, 0, 0, 0, 0xffff, 0x0a00, 1]), scope: .special),
        Row(id: "v6 public", bytes: v6([0x2606, 0x4700, 0, 0, 0, 0, 0, 1]), scope: .public),
    ])
    func classifies(_ row: Row) {
        let scope = row.bytes.count == 4 ? AddressPolicy.scope(ipv4: row.bytes) : AddressPolicy.scope(ipv6: row.bytes)
        #expect(scope == row.scope)
    }

    @Test func loopbackNeedsPermission() throws {
        #expect(throws: VigilError.self) { try AddressPolicy().resolve(host: "127.0.0.1", port: 80) }
        #expect(throws: VigilError.self) { try AddressPolicy(allowLoopback: true).resolve(host: "10.0.0.1", port: 80) }
        #expect(try AddressPolicy(allowLoopback: true).resolve(host: "127.0.0.1", port: 80).count == 1)
        #expect(try AddressPolicy(allowPrivate: true).resolve(host: "10.0.0.1", port: 80).count == 1)
        do { _ = try AddressPolicy().resolve(host: "0.0.0.0", port: 80) } catch { #expect(error.code == "ingest.address_refused") }
    }
}

struct ChunkedDecoderTests {
    @Test func decodesAcrossSplits() throws {
        let raw = Array("5;ext=1\r\nhello\r\n6\r\n world\r\n0\r\nX-Trailer: y\r\n\r\n".utf8)
        for split in 1..<raw.count {
            var d = ChunkedDecoder()
            var body: [UInt8] = []
            try d.feed(raw[0..<split], into: &body)
            try d.feed(raw[split...], into: &body)
            #expect(d.isDone)
            #expect(String(decoding: body, as: UTF8.self) == "hello world")
        }
    }

    @Test func refusesBadSizes() {
        var d = ChunkedDecoder()
        var body: [UInt8] = []
        #expect(throws: VigilError.self) { try d.feed(Array("zz\r\n".utf8)[...], into: &body) }
    }
}
