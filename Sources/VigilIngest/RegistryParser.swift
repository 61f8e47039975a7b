import Foundation
import VigilCore
import VigilIO

/// Reads the stations registry CSV.
///
/// Required columns `station_id, name, region, feed`; optional `country, language,
/// timezone` (IANA, default UTC), `audience` and `speaker_roles` (`Amina=host; Joe=guest`);
/// other columns are ignored. A missing
/// column stops the run; a bad row is a problem record and the other stations go on.
public enum RegistryParser {
    public struct Result: Sendable {
        public var stations: [Station] = []
        public var problems: [VigilError] = []
    }

    public static let required = ["station_id", "name", "region", "feed"]

    public static func parse(_ bytes: [UInt8], file: String) throws(VigilError) -> Result {
        let csv = CSVReader(bytes: bytes)
        let cols = csv.columns
        let missing = required.filter { cols[$0] == nil }
        guard missing.isEmpty else {
            throw VigilError(.config, "registry_missing_column", "registry lacks required column(s): \(missing.joined(separator: ", ")) (has: \(csv.header.joined(separator: ", ")))", file: file, line: 1)
        }
        var result = Result()
        var seen = Set<String>()
        for (line, fields) in csv.rows {
            let field = CSVRecord(columns: cols, fields: fields)
            let id = field["station_id"]
            func problem(_ code: String, _ message: String) {
                result.problems.append(VigilError(.ingest, code, message, file: file, line: line, item: id, stationID: id))
            }
            let absent = required.filter { field[$0] == nil }
            guard absent.isEmpty, let id, let name = field["name"], let region = field["region"], let feed = field["feed"] else {
                problem("bad_station", "station row lacks \(absent.joined(separator: ", ")); station skipped")
                continue
            }
            guard seen.insert(id).inserted else {
                problem("duplicate_station", "station_id '\(id)' appears again; this row is skipped")
                continue
            }
            let timezone = field["timezone"] ?? "UTC"
            guard TimeZone(identifier: timezone) != nil else {
                problem("bad_timezone", "unknown time zone '\(timezone)' (use an IANA name such as Africa/Kampala); station skipped")
                continue
            }
            var audience: Int? = nil
            if let text = field["audience"] {
                audience = Int(text.filter { $0 != "_" })
                if audience == nil { problem("bad_audience", "audience '\(text)' is not a whole number; left empty") }
            }
            var roles: [String: String] = [:]
            for pair in (field["speaker_roles"] ?? "").split(separator: ";") {
                let parts = pair.split(separator: "=", maxSplits: 1).map { String($0).trimmingSpaces() }
                guard parts.count == 2, !parts[0].isEmpty, !parts[1].isEmpty else {
                    problem("bad_speaker_roles", "speaker_roles entry '\(pair)' is not NAME=ROLE; ignored")
                    continue
                }
                roles[Tokenizer.words(in: parts[0]).joined(separator: " ")] = parts[1].lowercased()
            }
            result.stations.append(Station(
                stationID: id, name: name, region: region, feed: feed, country: field["country"],
                language: field["language"], timezone: timezone, audience: audience, roles: roles, line: line))
        }
        return result
    }
}
