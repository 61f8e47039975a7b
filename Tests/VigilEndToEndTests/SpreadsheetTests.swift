import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import Testing
import VigilCore
import VigilIO

/// CSV outputs as a spreadsheet sees them: formula injection neutralized, and LibreOffice
/// reading back the same rows, columns and numbers.
@Suite(.serialized)
struct SpreadsheetTests {
    static let csvOutputs = ["aggregate/region_week.csv", "aggregate/station_week.csv", "detect/episodes.csv", "report/recommendations.csv"]

    /// A corpus whose registry, feed and transcript try to smuggle formulas into cells.
    func hostileRun() throws -> String {
        let dir = Repo.temporaryFolder()
        let registry = """
            station_id,name,region,feed
            =cmd|' /C calc'!A0,Evil FM,+SUM(1+1),feeds/evil.xml
            @SUM(A1),At FM,-2+3,feeds/evil.xml

            """
        try AtomicFile.write(Array(registry.utf8), to: dir + "/corpus/stations.csv")
        let feed = """
            <rss version="2.0" xmlns:podcast="https://podcastindex.org/namespace/1.0"><channel><title>x</title>
            <item><guid>=HYPERLINK("http://evil.example/x","click")</guid><title>t</title><pubDate>Mon, 29 Dec 2025 08:00:00 +0000</pubDate>
            <podcast:transcript url="../transcripts/a.txt" type="text/plain"/></item></channel></rss>
            """
        try AtomicFile.write(Array(feed.utf8), to: dir + "/corpus/feeds/evil.xml")
        let text = "=HYPERLINK(\"http://evil.example\",\"x\") they are taking our jobs and refugees are cockroaches.\n\n+cmd journalists are traitors\n\n@SUM(A1) drive the refugees out tonight\n"
        try AtomicFile.write(Array(String(repeating: text, count: 40).utf8), to: dir + "/corpus/transcripts/a.txt")
        let r = try vigil(["run", "--registry", dir + "/corpus/stations.csv", "--work", dir + "/work", "--excel", "--jobs", "2"])
        #expect(r.code == 0, "\(r.err)")
        return dir + "/work"
    }

    @Test func formulaInjectionNeverReachesACell() throws {
        let work = try hostileRun()
        for name in Self.csvOutputs {
            let bytes = try FileSystem.read(work + "/" + name)
            #expect(bytes.starts(with: [0xEF, 0xBB, 0xBF]), "\(name): --excel writes a BOM")
            let csv = CSVReader(bytes: bytes)
            var cells = 0
            for (_, fields) in csv.rows {
                for cell in fields {
                    cells += 1
                    guard let first = cell.unicodeScalars.first, "=+-@\t\r".unicodeScalars.contains(first) else { continue }
                    #expect(Double(cell) != nil, "\(name): cell would run as a formula: \(cell)")
                }
            }
            #expect(cells > 0, "\(name) has cells")
        }
        let stations = try Repo.read(work + "/aggregate/station_week.csv")
        #expect(stations.contains("\n'=cmd|' /C calc'!A0,"), "the hostile station id is kept, as text")
        #expect(stations.contains("'+SUM(1+1)") && stations.contains("'@SUM(A1)") && stations.contains("'-2+3"))
    }

    @Test func libreOfficeReadsTheSameTableWithNumbersAsNumbers() throws {
        guard let soffice = ["/usr/bin/soffice", "/usr/bin/libreoffice", "/usr/lib/libreoffice/program/soffice"].first(where: { FileManager.default.isExecutableFile(atPath: $0) }) else {
            Issue.record("LibreOffice is not installed: scripts/deps test (apt-get install libreoffice-calc-nogui)")
            return
        }
        let work = Repo.temporaryFolder()
        try runSample(work: work, jobs: 2)
        let sampleRuns = try hostileRun()
        for base in [work, sampleRuns] {
            let out = base + "/fods"
            let process = Process()
            process.executableURL = URL(fileURLWithPath: soffice)
            process.arguments = ["--headless", "-env:UserInstallation=file://\(base)/lo-profile", "--infilter=CSV:44,34,76,1", "--convert-to", "fods", "--outdir", out]
                + Self.csvOutputs.map { base + "/" + $0 }
            process.standardOutput = FileHandle.nullDevice
            process.standardError = FileHandle.nullDevice
            try process.run()
            process.waitUntilExit()
            for name in Self.csvOutputs {
                let csv = CSVReader(bytes: try FileSystem.read(base + "/" + name))
                let stem = FileSystem.basename(name).replacingOccurrences(of: ".csv", with: ".fods")
                let sheet = try #require(try? SheetReader.read(out + "/" + stem), "\(name): LibreOffice produced no \(stem)")
                #expect(sheet.formulas == 0, "\(name): no cell became a formula")
                #expect(sheet.rows.count == csv.rows.count + 1, "\(name): rows")
                #expect(sheet.rows.first?.map(\.text) == csv.header, "\(name): header")
                for (i, (_, fields)) in csv.rows.enumerated() {
                    let row = sheet.rows[i + 1]
                    #expect(row.count == fields.count || (row.count < fields.count && fields[row.count...].allSatisfy(\.isEmpty)), "\(name) row \(i + 2): columns")
                    for (j, cell) in fields.enumerated() where j < row.count && Double(cell) != nil && !cell.isEmpty {
                        #expect(row[j].isNumber, "\(name) row \(i + 2) column \(csv.header[j]): '\(cell)' read as \(row[j].type)")
                    }
                }
            }
        }
    }
}

/// Reads a flat ODS spreadsheet's first table: rows of cells with their value type.
final class SheetReader: NSObject, XMLParserDelegate {
    struct Cell { var type: String; var text: String; var isNumber: Bool { type == "float" || type == "percentage" } }
    var rows: [[Cell]] = []
    var formulas = 0
    private var row: [Cell] = []
    private var cell: Cell?
    private var repeatColumns = 1
    private var repeatRows = 1
    private var tables = 0
    private var inParagraph = 0

    static func read(_ path: String) throws -> SheetReader {
        let reader = SheetReader()
        let parser = XMLParser(data: try Data(contentsOf: URL(fileURLWithPath: path)))
        parser.delegate = reader
        guard parser.parse() else { throw VigilError(.config, "bad_fods", "cannot parse \(path)") }
        while let last = reader.rows.last, last.allSatisfy({ $0.text.isEmpty && $0.type.isEmpty }) { reader.rows.removeLast() }
        return reader
    }

    func parser(_ parser: XMLParser, didStartElement name: String, namespaceURI: String?, qualifiedName: String?, attributes: [String: String] = [:]) {
        switch name {
        case "table:table": tables += 1
        case "text:p": inParagraph += 1
        case "table:table-row" where tables == 1:
            row = []
            repeatRows = Int(attributes["table:number-rows-repeated"] ?? "1") ?? 1
        case "table:table-cell" where tables == 1, "table:covered-table-cell" where tables == 1:
            if attributes["table:formula"] != nil { formulas += 1 }
            cell = Cell(type: attributes["office:value-type"] ?? "", text: "")
            repeatColumns = Int(attributes["table:number-columns-repeated"] ?? "1") ?? 1
        default: break
        }
    }

    func parser(_ parser: XMLParser, foundCharacters string: String) {
        if inParagraph > 0 { cell?.text += string }
    }

    func parser(_ parser: XMLParser, didEndElement name: String, namespaceURI: String?, qualifiedName: String?) {
        switch name {
        case "text:p":
            inParagraph -= 1
        case "table:table-cell" where tables == 1, "table:covered-table-cell" where tables == 1:
            if let c = cell { row += Array(repeating: c, count: min(repeatColumns, 1024)) }
            cell = nil
        case "table:table-row" where tables == 1:
            while let last = row.last, last.text.isEmpty, last.type.isEmpty { row.removeLast() }
            if !row.isEmpty || repeatRows == 1 { rows += Array(repeating: row, count: row.isEmpty ? 1 : repeatRows) }
        default: break
        }
    }
}
