/// A response as Vigil's HTTP clients return it: status, headers, body.
public struct HTTPResponse: Sendable {
    public var status: Int
    /// Header names lowercased, in the order received.
    public var headers: [(name: String, value: String)]
    public var body: [UInt8]

    public init(status: Int, headers: [(name: String, value: String)], body: [UInt8]) {
        self.status = status
        self.headers = headers
        self.body = body
    }

    /// The first header of that name (case-insensitive), trimmed.
    public func header(_ name: String) -> String? {
        let lower = name.lowercased()
        return headers.first { $0.name == lower }?.value
    }

    public var isRedirect: Bool { [301, 302, 303, 307, 308].contains(status) }
}
