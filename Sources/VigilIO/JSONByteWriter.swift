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

    /// Appends bytes as they are (a key with its quotes and colon, a comma): for writers
    /// that emit keys in sorted order themselves.
    public mutating func raw(_ text: StaticString) {
        text.withUTF8Buffer { bytes.append(contentsOf: $0) }
    }

    public mutating func null() { bytes += [0x6E, 0x75, 0x6C, 0x6C] }
    public mutating func bool(_ v: Bool) { if v { raw("true") } else { raw("false") } }
    public mutating func int(_ v: Int) {
        guard v != Int.min else {
            bytes += String(v).utf8
            return
        }
        if v < 0 { bytes.append(0x2D) }
        let m = v.magnitude
        if m < 10 {
            bytes.append(0x30 + UInt8(m))
            return
        }
        withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 20) { d in
            bytes.append(contentsOf: UnsafeBufferPointer(start: d.baseAddress!, count: Self.digits(m, into: d.baseAddress!)))
        }
    }

    /// Writes the decimal digits of `m` at `p`, most significant first; returns how many.
    @inline(__always)
    static func digits(_ m: UInt, into p: UnsafeMutablePointer<UInt8>) -> Int {
        if m < 10 {
            p[0] = 0x30 + UInt8(m)
            return 1
        }
        var count = 1
        var t = m / 10
        while t > 0 { count += 1; t /= 10 }
        var rest = m
        for k in stride(from: count - 1, through: 0, by: -1) {
            p[k] = 0x30 + UInt8(rest % 10)
            rest /= 10
        }
        return count
    }

    /// Integers separated by commas (the inside of an array), written in place: one
    /// capacity check for the whole list instead of one append per number.
    public mutating func ints(_ values: [Int]) {
        guard !values.isEmpty else { return }
        if values.contains(where: { $0 < 0 || $0 > 999_999_999_999 }) {
            for (n, v) in values.enumerated() {
                if n > 0 { bytes.append(0x2C) }
                int(v)
            }
            return
        }
        let old = bytes.count
        let room = values.count * 13
        bytes.append(contentsOf: repeatElement(0, count: room))
        let used = bytes.withUnsafeMutableBufferPointer { buf -> Int in
            var p = old
            for (n, v) in values.enumerated() {
                if n > 0 { buf[p] = 0x2C; p += 1 }
                p += Self.digits(UInt(v), into: buf.baseAddress! + p)
            }
            return p
        }
        bytes.removeLast(old + room - used)
    }

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
        var s = s
        s.withUTF8 { u in
            // Runs of bytes that need no escape are found eight bytes at a time and copied whole.
            var runStart = 0
            while true {
                let i = ByteScan.firstJSONSpecial(u, from: runStart)
                if i == u.count { break }
                let b = u[i]
                if runStart < i { bytes.append(contentsOf: UnsafeBufferPointer(rebasing: u[runStart..<i])) }
                runStart = i + 1
                switch b {
                case 0x22: bytes += [0x5C, 0x22]
                case 0x5C: bytes += [0x5C, 0x5C]
                case 0x0A: bytes += [0x5C, 0x6E]
                case 0x0D: bytes += [0x5C, 0x72]
                case 0x09: bytes += [0x5C, 0x74]
                case 0x08: bytes += [0x5C, 0x62]
                case 0x0C: bytes += [0x5C, 0x66]
                default:
                    let hex: StaticString = "0123456789abcdef"
                    hex.withUTF8Buffer { h in
                        bytes += [0x5C, 0x75, 0x30, 0x30, h[Int(b >> 4)], h[Int(b & 0xF)]]
                    }
                }
            }
            if runStart < u.count { bytes.append(contentsOf: UnsafeBufferPointer(rebasing: u[runStart..<u.count])) }
        }
        bytes.append(0x22)
    }
}
