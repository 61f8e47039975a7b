import Foundation
import VigilIngest

/// Result slots written from `concurrentPerform` workers.
final class Results: @unchecked Sendable {
    private let lock = NSLock()
    private var slots: [ParsedFeed?]
    init(count: Int) { slots = Array(repeating: nil, count: count) }
    func set(_ i: Int, _ value: ParsedFeed?) { lock.withLock { slots[i] = value } }
    var all: [ParsedFeed?] { lock.withLock { slots } }
}
