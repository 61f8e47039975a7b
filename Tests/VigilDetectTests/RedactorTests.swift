import Testing
import VigilDetect

struct RedactorTests {
    @Test(arguments: [
        ("call +256 772 123 456 now", "call [phone] now"),          // Uganda, international
        ("ring 0772-123456 today", "ring [phone] today"),           // Uganda, local
        ("on +254 (0) 712 345678", "on [phone]"),                    // Kenya
        ("try 0803 123 4567.", "try [phone]."),                      // Nigeria
        ("UK (020) 7946 0958 ok", "UK [phone] ok"),                  // UK
        ("US +1 (555) 123-4567!", "US [phone]!"),                    // North America
        ("FR 06.12.34.56.78 merci", "FR [phone] merci"),             // France
        ("IN +91 98765 43210", "IN [phone]"),                        // India
        ("write to amina.o@radio-kilima.example.org please", "write to [email] please"),
        ("Mail: x_y+z@mail.example.co.ug.", "Mail: [email]."),
    ])
    func redactsPhonesAndEmails(_ text: String, _ expected: String) {
        #expect(Redactor().redact(text) == expected)
    }

    @Test(arguments: [
        "on 2025-12-29 at 10:30", "in 1994 and 2026", "price 150,000 shillings", "route 66",
        "vote for list 1234567A", "the @ sign and me@home", "29/12/2025", "ABC1234567",
    ])
    func leavesOtherNumbersAlone(_ text: String) {
        #expect(Redactor().redact(text) == text)
    }

    @Test func redactsListedNames() {
        let r = Redactor(names: ["Amina Okello", "Joseph"])
        #expect(r.redact("Thank you AMINA okello, and Joseph: the Varnians...") == "Thank you [name], and [name]: the Varnians...")
        #expect(r.isListed("amina OKELLO"))
        #expect(Redactor.off.redact("+256 772 123 456 a@b.org") == "+256 772 123 456 a@b.org")
    }
}
