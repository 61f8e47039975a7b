import VigilCore

/// Writes compact JSON with sorted keys straight into bytes, in the same form as
/// `JSONEncoder` with `.sortedKeys` and `.withoutEscapingSlashes` (integral numbers without
/// a fraction), for the records written by the million: episodes and hits.
public struct JSONByteWriter {
    public var bytes: [UInt8] = []

    public init(capacity: Int = 1024) { bytes.reserveCapacity(capacity) }

    public typealias Field = (key: String, write: (inout JSONByteWriter) -> Void)

    /// An object; fields are sorted by key. Nil-valued fields are left out by the caller.
    public mutating func object(_ fields: [Field]) {
        bytes.append(0x7B)
        for (n, f) in fields.sorted(by: { $0.key < $1.key }).enumerated() {
            if n > 0 { bytes.append(0x2C) }
            string(f.key)
            bytes.append(0x3A)
            f.write(&self)
        }
        bytes.append(0x7D)
    }

    public mutating func array<T>(_ items: [T], _ write: (inout JSONByteWriter, T) -> Void) {
        bytes.append(0x5B)
        for (n, item) in items.enumerated() {
            if n > 0 { bytes.append(0x2C) }
            write(&self, item)
        }
        bytes.append(0x5D)
    }

    public mutating func null() { bytes += [0x6E, 0x75, 0x6C, 0x6C] }
    public mutating func bool(_ v: Bool) { bytes += v ? Array("true".utf8) : Array("false".utf8) }
    public mutating func int(_ v: Int) { bytes += String(v).utf8 }

    public mutating func number(_ v: Double) {
        if v.isFinite, v == v.rounded(), abs(v) < 9_007_199_254_740_992 {
            int(Int(v))
        } else {
            bytes += v.description.utf8
        }
    }

    public mutating func number(_ v: Double?) { if let v { number(v) } else { null() } }
    public mutating func string(_ v: String?) { if let v { string(v) } else { null() } }

    public mutating func string(_ s: String) {
        bytes.append(0x22)
        for b in s.utf8 {
            switch b {
            case 0x22: bytes += [0x5C, 0x22]
            case 0x5C: bytes += [0x5C, 0x5C]
            case 0x0A: bytes += [0x5C, 0x6E]
            case 0x0D: bytes += [0x5C, 0x72]
            case 0x09: bytes += [0x5C, 0x74]
            case 0x08: bytes += [0x5C, 0x62]
            case 0x0C: bytes += [0x5C, 0x66]
            case 0..<0x20:
                let hex = Array("0123456789abcdef".utf8)
                bytes += [0x5C, 0x75, 0x30, 0x30, hex[Int(b >> 4)], hex[Int(b & 0xF)]]
            default: bytes.append(b)
            }
        }
        bytes.append(0x22)
    }
}
