#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

extension Transcoder {
    /// Decodes an encoding Vigil has no table for (windows-1251, KOI8-R, Shift_JIS, GBK, Big5 …)
    /// with the system's iconv; an unconvertible byte becomes U+FFFD and conversion goes on.
    /// Nil when iconv does not know `label` (or is not available on the platform).
    ///
    /// ```swift
    /// Transcoder.decodeIconv([0xCF, 0xF0, 0xE8][...], label: "windows-1251")?.bytes   // "При" in UTF-8
    /// ```
    static func decodeIconv(_ bytes: ArraySlice<UInt8>, label: String) -> (bytes: [UInt8], replaced: Int)? {
        #if canImport(Glibc) || canImport(Darwin)
        guard let cd = iconv_open("UTF-8", label), Int(bitPattern: cd) != -1 else { return nil }
        defer { iconv_close(cd) }
        var input = Array(bytes)
        var out: [UInt8] = []
        out.reserveCapacity(input.count * 2)
        var replaced = 0
        var chunk = [UInt8](repeating: 0, count: 1 << 16)
        input.withUnsafeMutableBufferPointer { inBuf in
            guard let base = inBuf.baseAddress else { return }
            var inPtr: UnsafeMutablePointer<CChar>? = UnsafeMutableRawPointer(base).assumingMemoryBound(to: CChar.self)
            var inLeft = inBuf.count
            while inLeft > 0 {
                let (result, code) = chunk.withUnsafeMutableBufferPointer { c -> (Int, Int32) in
                    var outPtr: UnsafeMutablePointer<CChar>? = UnsafeMutableRawPointer(c.baseAddress!)
                        .assumingMemoryBound(to: CChar.self)
                    var outLeft = c.count
                    let r = iconv(cd, &inPtr, &inLeft, &outPtr, &outLeft)
                    let saved = errno
                    out.append(contentsOf: c[0..<(c.count - outLeft)])
                    return (r, saved)  // size_t imports as Int: -1 on failure (fuzz: UInt(-1) trapped)
                }
                guard result == -1, code != E2BIG else { continue }
                // EILSEQ: a byte the encoding does not define; EINVAL: a sequence cut by the end.
                replaced += 1
                out.append(contentsOf: replacement)
                let skip = code == EINVAL ? inLeft : 1
                inPtr = inPtr.map { $0 + skip }
                inLeft -= skip
            }
        }
        return (out, replaced)
        #else
        return nil
        #endif
    }
}
