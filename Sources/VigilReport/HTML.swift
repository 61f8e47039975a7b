/// Minimal HTML helpers: escaping and the level palette.
enum HTML {
    static func escape(_ s: String) -> String {
        var out = ""
        out.reserveCapacity(s.utf8.count)
        for c in s.unicodeScalars {
            switch c {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&#39;"
            default: out.unicodeScalars.append(c)
            }
        }
        return out
    }

    /// Level colours from a colour-blind-safe sequential palette (ColorBrewer YlOrBr),
    /// always shown with the level's name, never by colour alone.
    static let levelColors: [String: (background: String, text: String)] = [
        "none": ("#f7f7f7", "#222222"),
        "watch": ("#fee391", "#222222"),
        "warning": ("#fe9929", "#222222"),
        "alert": ("#993404", "#ffffff"),
    ]

    static func number(_ v: Double, decimals: Int = 1) -> String {
        var scale = 1.0
        for _ in 0..<decimals { scale *= 10 }
        let r = (v * scale).rounded() / scale
        return r == r.rounded() ? String(Int(r)) : String(r)
    }
}
