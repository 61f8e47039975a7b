// libFuzzer entry point: FeedParser.parse on arbitrary bytes, with and without a transport
// charset. A thrown VigilError is a correct answer; a crash, trap, hang or huge allocation is a bug.
import VigilIngest
import FuzzMain
#if canImport(Glibc)
import Glibc
#endif

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    let bytes = Array(UnsafeBufferPointer(start: data, count: data == nil ? 0 : size))
    _ = try? FeedParser.parse(bytes, file: "fuzz.xml")
    // The first byte picks a transport charset (as from an HTTP Content-Type) for a second pass.
    if let first = bytes.first {
        let charsets = ["utf-8", "iso-8859-1", "windows-1252", "utf-16", "utf-16le", "utf-16be",
                        "windows-1251", "iso-8859-15", "us-ascii", "utf-32", "x-bogus"]
        let charset = charsets[Int(first) % charsets.count]
        _ = try? FeedParser.parse(Array(bytes.dropFirst()), file: "fuzz.xml", charset: charset)
    }
    return 0
}

@main
enum Fuzzer {
    static func main() { runLibFuzzer(fuzz) }
}
