import Foundation

/// A row of the stations registry. The registry is the source of truth for region.
public struct Station: Codable, Sendable, Equatable {
    public var stationID: String
    public var name: String
    public var region: String
    /// http(s) URL or a path relative to the registry file.
    public var feed: String
    public var country: String?
    public var language: String?
    /// IANA time zone; weeks are counted in it. Defaults to UTC.
    public var timezone: String
    /// Estimated listeners, if known.
    public var audience: Int?
    /// Speaker roles from the registry's `speaker_roles` column: folded name → role.
    public var roles: [String: String]
    /// 1-based line in the registry file.
    public var line: Int

    public init(
        stationID: String, name: String, region: String, feed: String, country: String? = nil,
        language: String? = nil, timezone: String = "UTC", audience: Int? = nil,
        roles: [String: String] = [:], line: Int = 0
    ) {
        self.stationID = stationID
        self.name = name
        self.region = region
        self.feed = feed
        self.country = country
        self.language = language
        self.timezone = timezone
        self.audience = audience
        self.roles = roles
        self.line = line
    }

    enum CodingKeys: String, CodingKey {
        case stationID = "station_id", name, region, feed, country, language, timezone, audience, roles, line
    }

    /// The ISO week of `instant` in this station's time zone.
    public func isoWeek(of instant: Timestamp) -> ISOWeek {
        let offset = TimeZone(identifier: timezone)?.secondsFromGMT(for: Date(timeIntervalSince1970: Double(instant.seconds))) ?? 0
        return ISOWeek(localDay: Timestamp(seconds: instant.seconds + Int64(offset)).day)
    }
}
