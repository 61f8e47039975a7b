// libFuzzer entry point: DateParser.parse on arbitrary text (invalid UTF-8 is repaired the way
// String(decoding:) does for feed text). Returning nil is a correct answer; a crash, trap or
// hang is a bug.
import VigilIngest
import FuzzMain
#if canImport(Glibc)
import Glibc
#endif

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    let text = String(decoding: UnsafeBufferPointer(start: data, count: data == nil ? 0 : size), as: UTF8.self)
    _ = DateParser.parse(text)
    return 0
}

@main
enum Fuzzer {
    static func main() { runLibFuzzer(fuzz) }
}
