import Foundation
import VigilCore
import VigilIO
@testable import VigilFetch

/// A fresh, empty folder under the system temp folder.
func temporaryFolder(_ name: String = #function) -> String {
    let clean = name.filter { $0.isLetter || $0.isNumber }
    let dir = FileManager.default.temporaryDirectory.appendingPathComponent("vigil-fetch-tests-\(getpid())/\(clean)-\(UUID().uuidString.prefix(8))").path
    try? FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
    return dir
}

/// Settings for the loopback server: loopback allowed, short timeouts, no retries.
func loopbackSettings(timeout: Double = 2, retries: Int = 0, maxBytes: Int = 1 << 20) -> FetchSettings {
    var s = FetchSettings()
    s.allowLoopback = true
    s.timeout = timeout
    s.connectTimeout = 1
    s.retries = retries
    s.backoff = 0.05
    s.maxTotalSeconds = 4
    s.maxBytes = maxBytes
    return s
}

/// The error a throwing call raised, nil if it returned.
func failure<T>(_ body: () throws -> T) -> VigilError? {
    do { _ = try body() } catch { return error as? VigilError ?? VigilError(.ingest, "not_a_vigil_error", "\(error)") }
    return nil
}

/// Seconds a call took.
func seconds(_ body: () -> Void) -> Double {
    let start = Date()
    body()
    return Date().timeIntervalSince(start)
}
