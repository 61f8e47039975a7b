#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import VigilCore

/// Which addresses a fetch may connect to: public ones always; loopback, private and other
/// special-purpose ranges only when the pipeline allows them.
///
/// Why: a feed is untrusted input, and a server run usually sits inside a network with
/// things worth protecting (a router's admin page, a cloud metadata service at
/// 169.254.169.254). A transcript URL or a redirect must not become a way to reach them.
/// Every address a host name resolves to is checked, and the connection then goes to an
/// address that was checked, so a second DNS answer cannot swap it (http; see
/// `SessionTransport` for https).
///
/// ```swift
/// AddressPolicy.scope(ipv4: [169, 254, 169, 254])   // .special
/// ```
public struct AddressPolicy: Sendable, Equatable {
    /// What kind of address it is.
    public enum Scope: String, Sendable {
        case `public`, loopback, special
    }

    public var allowLoopback: Bool
    public var allowPrivate: Bool

    public init(allowLoopback: Bool = false, allowPrivate: Bool = false) {
        self.allowLoopback = allowLoopback
        self.allowPrivate = allowPrivate
    }

    public func allows(_ scope: Scope) -> Bool {
        switch scope {
        case .public: true
        case .loopback: allowLoopback || allowPrivate
        case .special: allowPrivate
        }
    }

    /// The scope of an IPv4 address: loopback `127/8`; special: `0/8`, RFC 1918 (`10/8`,
    /// `172.16/12`, `192.168/16`), CGNAT `100.64/10`, link-local and metadata `169.254/16`,
    /// `192.0.0/24`, benchmarking `198.18/15`, multicast, reserved and broadcast.
    public static func scope(ipv4 a: [UInt8]) -> Scope {
        guard a.count == 4 else { return .special }
        switch (a[0], a[1]) {
        case (127, _): return .loopback
        case (0, _), (10, _), (169, 254), (192, 168): return .special
        case (100, 64...127), (172, 16...31), (198, 18...19): return .special
        case (192, 0) where a[2] == 0: return .special
        case (224..., _): return .special
        default: return .public
        }
    }

    /// The scope of an IPv6 address: `::1` loopback; `::`, unique-local `fc00::/7`,
    /// link-local `fe80::/10`, multicast; IPv4-mapped, IPv4-compatible and NAT64 addresses
    /// take the scope of the IPv4 address inside.
    public static func scope(ipv6 a: [UInt8]) -> Scope {
        guard a.count == 16 else { return .special }
        if a[0..<15].allSatisfy({ $0 == 0 }) { return a[15] == 1 ? .loopback : .special }
        if a[0..<10].allSatisfy({ $0 == 0 }) && ((a[10] == 0xFF && a[11] == 0xFF) || (a[10] == 0 && a[11] == 0)) {
            return scope(ipv4: Array(a[12..<16]))
        }
        if a[0] == 0x00 && a[1] == 0x64 && a[2] == 0xFF && a[3] == 0x9B { return scope(ipv4: Array(a[12..<16])) }
        if (a[0] & 0xFE) == 0xFC { return .special }
        if a[0] == 0xFE && (a[1] & 0xC0) == 0x80 { return .special }
        if a[0] == 0xFF { return .special }
        if a[0] == 0x20 && a[1] == 0x01 && a[2] == 0x0D && a[3] == 0xB8 { return .special }
        return .public
    }

    /// Resolves `host` and checks every address. Throws `ingest.address_refused` when any
    /// address is not allowed (a mixed answer is treated as hostile), `ingest.fetch_failed`
    /// when the name does not resolve.
    public func resolve(host: String, port: Int) throws(VigilError) -> [ResolvedAddress] {
        let addresses = try Self.lookup(host: host, port: port)
        for a in addresses where !allows(a.scope) {
            throw VigilError(.ingest, "address_refused", "\(host) resolves to \(a.text), a \(a.scope == .loopback ? "loopback" : "private or special-purpose") address; refused (set fetch: {allow_private: true} in the pipeline to allow)")
        }
        return addresses
    }

    /// `getaddrinfo` for a TCP connection.
    static func lookup(host: String, port: Int) throws(VigilError) -> [ResolvedAddress] {
        var hints = addrinfo()
        hints.ai_family = AF_UNSPEC
        #if canImport(Glibc)
        hints.ai_socktype = Int32(SOCK_STREAM.rawValue)
        #else
        hints.ai_socktype = SOCK_STREAM
        #endif
        var list: UnsafeMutablePointer<addrinfo>?
        let rc = getaddrinfo(host, String(port), &hints, &list)
        guard rc == 0, let first = list else {
            throw VigilError(.ingest, "fetch_failed", "cannot resolve host \(host): \(String(cString: gai_strerror(rc)))")
        }
        defer { freeaddrinfo(first) }
        var out: [ResolvedAddress] = []
        var node: UnsafeMutablePointer<addrinfo>? = first
        while let n = node {
            if let a = ResolvedAddress(n.pointee), !out.contains(where: { $0.text == a.text }) { out.append(a) }
            node = n.pointee.ai_next
        }
        if out.isEmpty { throw VigilError(.ingest, "fetch_failed", "host \(host) has no usable address") }
        return out
    }
}

/// One socket address that a host name resolved to, with its scope.
public struct ResolvedAddress: Sendable {
    var storage: sockaddr_storage
    var length: socklen_t
    var family: Int32
    /// The address as text (`127.0.0.1`, `::1`).
    public var text: String
    public var scope: AddressPolicy.Scope

    init?(_ info: addrinfo) {
        guard let sa = info.ai_addr else { return nil }
        var storage = sockaddr_storage()
        withUnsafeMutableBytes(of: &storage) { dst in
            dst.copyMemory(from: UnsafeRawBufferPointer(start: sa, count: Int(info.ai_addrlen)))
        }
        self.storage = storage
        self.length = info.ai_addrlen
        self.family = info.ai_family
        var text = [CChar](repeating: 0, count: 64)
        switch info.ai_family {
        case AF_INET:
            let bytes: [UInt8] = withUnsafeBytes(of: &storage) { raw in
                let sin = raw.load(as: sockaddr_in.self)
                return withUnsafeBytes(of: sin.sin_addr) { Array($0) }
            }
            scope = AddressPolicy.scope(ipv4: bytes)
            _ = bytes.withUnsafeBytes { inet_ntop(AF_INET, $0.baseAddress, &text, socklen_t(text.count)) }
        case AF_INET6:
            let bytes: [UInt8] = withUnsafeBytes(of: &storage) { raw in
                let sin6 = raw.load(as: sockaddr_in6.self)
                return withUnsafeBytes(of: sin6.sin6_addr) { Array($0) }
            }
            scope = AddressPolicy.scope(ipv6: bytes)
            _ = bytes.withUnsafeBytes { inet_ntop(AF_INET6, $0.baseAddress, &text, socklen_t(text.count)) }
        default:
            return nil
        }
        self.text = String(decoding: text.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }
}
