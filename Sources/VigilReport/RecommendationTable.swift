import VigilCore
import VigilIO

/// `report/recommendations.csv` and `.json`: one row per recommendation.
public enum RecommendationTable {
    public static let columns = ["region", "iso_week", "alert_level", "recommendation", "code", "title", "trigger", "evidence", "hit_ids", "entries", "audio_urls"]

    public static func table(_ recs: [Recommendation]) -> Table {
        Table(columns: columns, rows: recs.map { r in
            [.string(r.region), .string(r.isoWeek), .string(r.alertLevel), .int(r.number), .string(r.code),
             .string(r.title), .string(r.trigger), .string(r.evidence.map(\.line).joined(separator: " | ")),
             .string(r.evidence.map(\.hitID).joined(separator: " ")),
             .string(r.entries.prefix(5).map { "\($0.entry.lexicon):\($0.entry.line) \($0.entry.term) ×\($0.hits)" }.joined(separator: "; ")),
             .string(r.evidence.compactMap(\.audioURL).joined(separator: " "))]
        })
    }

    /// The JSON form keeps numbers and evidence as structures.
    public static func json(_ recs: [Recommendation], schemaVersion: Int, audit: JSONValue = .null) -> [UInt8] {
        let items: [JSONValue] = recs.map { r in
            .object([
                ("region", .string(r.region)), ("iso_week", .string(r.isoWeek)), ("alert_level", .string(r.alertLevel)),
                ("recommendation", .int(r.number)), ("code", .string(r.code)), ("title", .string(r.title)),
                ("trigger", .string(r.trigger)),
                ("numbers", .object(r.numbers.map { ($0.0, .number($0.1)) })),
                ("evidence", .array(r.evidence.map { e in
                    .object([
                        ("hit_id", .string(e.hitID)), ("station_id", .string(e.stationID)), ("episode_id", .string(e.episodeID)),
                        ("published", .string(e.published)), ("start", JSONValue(e.start)), ("speaker", JSONValue(e.speaker)),
                        ("speaker_role", JSONValue(e.speakerRole)), ("category", .string(e.category)), ("term", .string(e.term)),
                        ("severity", .int(e.severity)), ("imminence", .array(e.imminence.map { .string($0) })),
                        ("snippet", .string(e.snippet)), ("audio_url", JSONValue(e.audioURL)),
                    ])
                })),
                ("entries", .array(r.entries.map { e in
                    .object([
                        ("lexicon", .string(e.entry.lexicon)), ("line", .int(e.entry.line)), ("term", .string(e.entry.term)),
                        ("category", .string(e.entry.category)), ("hits", .int(e.hits)),
                    ])
                })),
            ])
        }
        let doc: JSONValue = .object([
            ("schema_version", .int(schemaVersion)),
            ("note", .string("Flagged for human review: lexicon matches with context, not findings of incitement.")),
            ("audit", audit),
            ("recommendations", .array(items)),
        ])
        return Array((doc.serialized(indent: 2) + "\n").utf8)
    }
}
