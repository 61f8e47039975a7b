extension DateParser {
    /// Zone names and their offsets in minutes east of UTC. Only unambiguous names (in feeds):
    /// `CST` is the RFC 822 US Central zone; `IST` (India, Ireland, Israel) is left out.
    static let zones: [String: Int] = [
        "gmt": 0, "ut": 0, "utc": 0, "z": 0, "wet": 0, "west": 60, "bst": 60, "cet": 60, "cest": 120,
        "met": 60, "mest": 120, "eet": 120, "eest": 180, "msk": 180, "wat": 60, "cat": 120, "eat": 180,
        "sast": 120,
        // North America (RFC 822 names first).
        "est": -300, "edt": -240, "cst": -360, "cdt": -300, "mst": -420, "mdt": -360, "pst": -480,
        "pdt": -420, "ast": -240, "adt": -180, "akst": -540, "akdt": -480, "hst": -600, "hdt": -540,
        "nst": -210, "ndt": -150,
        // Asia-Pacific.
        "pkt": 300, "wib": 420, "ict": 420, "hkt": 480, "sgt": 480, "pht": 480, "awst": 480, "jst": 540,
        "kst": 540, "acst": 570, "acdt": 630, "aest": 600, "aedt": 660, "nzst": 720, "nzdt": 780,
    ]

    /// A zone: numeric offset, a name (optionally followed by an offset, `GMT+3`), or a
    /// military letter (read as UTC, see the type's summary); seconds east of UTC.
    static func zone(_ s: inout DateScanner) -> Int? {
        if let b = s.peek, b == 0x2B || b == 0x2D {
            s.i += 1
            return s.offset(sign: b == 0x2B ? 1 : -1)
        }
        let name = s.word()
        if name.count == 1 {
            return name == "j" || name.isEmpty ? nil : 0
        }
        guard let minutes = zones[name] else { return nil }
        if minutes == 0, let b = s.peek, b == 0x2B || b == 0x2D {
            s.i += 1
            return s.offset(sign: b == 0x2B ? 1 : -1)
        }
        return minutes * 60
    }
}
