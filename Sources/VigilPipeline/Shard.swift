import VigilCore
import VigilIO

/// A share of the stations for one of N processes (`--shard K/N`, K from 1): a station belongs
/// to shard `hash(station_id) mod N + 1`, with the first 8 bytes of the id's SHA-256 as the
/// hash, so the partition is the same on every machine and run. `vigil merge` puts shard work
/// folders back together into the bytes of a single run.
public struct Shard: Sendable, Equatable {
    public var index: Int
    public var count: Int

    public init?(_ text: String) {
        let parts = text.split(separator: "/")
        guard parts.count == 2, let k = Int(parts[0]), let n = Int(parts[1]), n >= 1, (1...n).contains(k) else { return nil }
        index = k
        count = n
    }

    public static func of(_ stationID: String, count: Int) -> Int {
        let hex = SHA256.hex(Array(stationID.utf8)).prefix(16)
        return Int(UInt64(hex, radix: 16)! % UInt64(count)) + 1
    }

    public func owns(_ stationID: String) -> Bool { Shard.of(stationID, count: count) == index }
}
