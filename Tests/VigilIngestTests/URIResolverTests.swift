import Testing
@testable import VigilIngest

@Suite struct URIResolverTests {
    /// RFC 3986 section 5.4 (normal and abnormal examples), base `http://a/b/c/d;p?q`.
    @Test(arguments: [
        ("g:h", "g:h"), ("g", "http://a/b/c/g"), ("./g", "http://a/b/c/g"), ("g/", "http://a/b/c/g/"),
        ("/g", "http://a/g"), ("//g", "http://g"), ("?y", "http://a/b/c/d;p?y"), ("g?y", "http://a/b/c/g?y"),
        ("#s", "http://a/b/c/d;p?q#s"), ("g#s", "http://a/b/c/g#s"), ("g?y#s", "http://a/b/c/g?y#s"),
        (";x", "http://a/b/c/;x"), ("g;x", "http://a/b/c/g;x"), ("", "http://a/b/c/d;p?q"), (".", "http://a/b/c/"),
        ("./", "http://a/b/c/"), ("..", "http://a/b/"), ("../", "http://a/b/"), ("../g", "http://a/b/g"),
        ("../..", "http://a/"), ("../../", "http://a/"), ("../../g", "http://a/g"),
        ("../../../g", "http://a/g"), ("../../../../g", "http://a/g"), ("/./g", "http://a/g"), ("/../g", "http://a/g"),
        ("g.", "http://a/b/c/g."), (".g", "http://a/b/c/.g"), ("g..", "http://a/b/c/g.."), ("..g", "http://a/b/c/..g"),
        ("./../g", "http://a/b/g"), ("./g/.", "http://a/b/c/g/"), ("g/./h", "http://a/b/c/g/h"), ("g/../h", "http://a/b/c/h"),
        ("g;x=1/./y", "http://a/b/c/g;x=1/y"), ("g;x=1/../y", "http://a/b/c/y"),
    ] as [(String, String)])
    func resolvesTheRFCExamples(_ reference: String, _ expected: String) {
        #expect(URIResolver.resolve(reference, against: "http://a/b/c/d;p?q") == expected)
    }

    /// A relative base stays relative, and a climb above it is kept for the caller to judge.
    @Test(arguments: [
        ("ep1.vtt", "media/", "media/ep1.vtt"), ("../t/ep1.vtt", "media/show/", "media/t/ep1.vtt"),
        ("../../../etc/passwd", "media/", "../../etc/passwd"), ("ep1.vtt", "", "ep1.vtt"),
        ("https://x.org/a", "media/", "https://x.org/a"), ("ep.srt", "https://h.org", "https://h.org/ep.srt"),
    ] as [(String, String, String)])
    func resolvesAgainstRelativeBases(_ reference: String, _ base: String, _ expected: String) {
        #expect(URIResolver.resolve(reference, against: base) == expected)
    }
}
