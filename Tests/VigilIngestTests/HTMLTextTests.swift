import Testing
@testable import VigilIngest

@Suite struct HTMLTextTests {
    @Test(arguments: [
        ("plain title", "plain title"),
        ("<b>Bold</b> and <I>italic</I>", "Bold and italic"),
        ("<p>One</p><p>Two<br/>Three</p>", "One Two Three"),
        ("Caf&eacute; &amp;amp; &#233;&#xE8; &hellip;", "Caf\u{E9} &amp; \u{E9}\u{E8} \u{2026}"),
        ("x < y > z, <3 and <more>", "x < y > z, <3 and <more>"),
        ("Q&A &unknown; & done", "Q&A &unknown; & done"),
        ("<a href=\"/x?a=1&b=>2\">link</a> text", "link text"),
        ("<script>var a = '<b>';</script>Shown<style>p{}</style>", "Shown"),
        ("<!-- hidden -->Seen", "Seen"),
        ("  spaced \n\t out&nbsp;text  ", "spaced out text"),
        ("&#0; and &#x110000;", "\u{FFFD} and \u{FFFD}"),
        ("<b>unclosed", "unclosed"),
        ("<b", "<b"),
    ] as [(String, String)])
    func reducesToPlainText(_ html: String, _ expected: String) {
        #expect(HTMLText.plain(html) == expected)
    }

    @Test func cutsAtTheLimit() {
        let long = String(repeating: "neno ", count: 1_000)
        let cut = HTMLText.plain(long, limit: 2_000)
        #expect(cut.count <= 2_000)
        #expect(cut.hasPrefix("neno neno"))
        #expect(!cut.hasSuffix(" "))
    }
}
