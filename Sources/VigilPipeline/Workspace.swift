import VigilCore

/// The work folder's layout: where each stage's artifacts live.
public struct Workspace: Sendable {
    public let root: String

    public init(root: String) { self.root = root }

    public func path(_ relative: String) -> String { root.hasSuffix("/") ? root + relative : root + "/" + relative }

    public var ingestEpisodes: String { path("ingest/episodes.jsonl") }
    public var normalizeEpisodes: String { path("normalize/episodes.jsonl") }
    public var hits: String { path("detect/hits.jsonl") }
    public var episodeCounts: String { path("detect/episodes.csv") }
    public var regionWeekCSV: String { path("aggregate/region_week.csv") }
    public var regionWeekJSON: String { path("aggregate/region_week.json") }
    public var stationWeekCSV: String { path("aggregate/station_week.csv") }
    public var stationWeekJSON: String { path("aggregate/station_week.json") }
    public var problems: String { path("problems.jsonl") }
    public var manifest: String { path("manifest.json") }

    /// Problems recorded by one stage (merged into `problems.jsonl`).
    public func problems(of stage: Stage) -> String { path("\(stage.rawValue)/problems.jsonl") }
    /// The manifest section written by one stage (merged into `manifest.json`).
    public func manifest(of stage: Stage) -> String { path("\(stage.rawValue)/manifest.json") }
}
