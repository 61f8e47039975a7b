/// The pipeline's stages, in the order they run.
public enum Stage: String, Codable, Sendable, CaseIterable, Comparable {
    case config, ingest, normalize, detect, aggregate, report

    /// The stages that read and write artifacts (everything but `config`).
    public static let pipeline: [Stage] = [.ingest, .normalize, .detect, .aggregate, .report]

    public static func < (lhs: Stage, rhs: Stage) -> Bool {
        allCases.firstIndex(of: lhs)! < allCases.firstIndex(of: rhs)!
    }
}
