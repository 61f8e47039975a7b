import Foundation
import Synchronization
import VigilCore

/// A one-line progress display on a terminal (stderr), silent otherwise: the stage, records
/// done and the rate. Turned on by the CLI when stderr is a terminal.
public enum Progress {
    static let enabled = Atomic<Bool>(false)

    public static func enableIfTerminal() {
        enabled.store(isatty(2) != 0, ordering: .relaxed)
    }

    /// Called by a stage as records are written (from the consuming thread).
    static func update(_ stage: Stage, done: Int, since start: Date, unit: String = "episodes") {
        update(stage.rawValue, done: done, since: start, unit: unit)
    }

    /// The same under another name (stages run together: `normalize+detect`).
    static func update(_ name: String, done: Int, since start: Date, unit: String = "episodes") {
        guard enabled.load(ordering: .relaxed), done % 25 == 0 else { return }
        let seconds = max(Date().timeIntervalSince(start), 0.001)
        let line = "\r\(name): \(done) \(unit), \(Int(Double(done) / seconds))/s   "
        FileHandle.standardError.write(Data(line.utf8))
    }

    /// Clears the line at the end of a stage.
    static func finish() {
        guard enabled.load(ordering: .relaxed) else { return }
        FileHandle.standardError.write(Data("\r\u{1B}[K".utf8))
    }
}
