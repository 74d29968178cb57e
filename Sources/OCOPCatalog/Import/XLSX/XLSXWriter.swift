public import Foundation
import Groundwork
import ZIPFoundation

/// Writes a one-sheet Excel workbook of text cells (the starter template `ocop init` gives an office): the
/// parts Excel and LibreOffice need to open it, every cell an inline string, the first row bold.
public enum XLSXWriter {
    /// Writes `rows` to `url` as the sheet `sheet`, replacing any file there.
    public static func write(_ rows: [[String]], sheet: String, to url: URL) throws(CatalogError) {
        try? FileManager.default.removeItem(at: url)
        do {
            let archive = try Archive(url: url, accessMode: .create)
            for (path, text) in self.parts(rows, sheet: sheet) {
                let data = Data(text.utf8)
                try archive.addEntry(
                    with: path,
                    type: .file,
                    uncompressedSize: Int64(data.count),
                    compressionMethod: .deflate
                ) { position, size in data.subdata(in: Int(position)..<Int(position) + size) }
            }
        } catch {
            throw CatalogError(.unreadableFile, "\(url.path): cannot write the workbook: \(error.localizedDescription)")
        }
    }

    private static func parts(_ rows: [[String]], sheet: String) -> [(String, String)] {
        let declaration = #"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>"#
        let main = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
        let relationships = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
        let package = "http://schemas.openxmlformats.org/package/2006/relationships"
        var cells = ""
        for (index, row) in rows.enumerated() {
            cells += "<row r=\"\(index + 1)\">"
            for (column, text) in row.enumerated() where !text.isEmpty {
                cells += "<c r=\"\(Self.column(column))\(index + 1)\" t=\"inlineStr\"\(index == 0 ? " s=\"1\"" : "")>"
                cells += "<is><t xml:space=\"preserve\">\(Self.escaped(text))</t></is></c>"
            }
            cells += "</row>"
        }
        return [
            (
                "[Content_Types].xml",
                declaration + #"<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">"#
                    + #"<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>"#
                    + #"<Default Extension="xml" ContentType="application/xml"/>"#
                    + #"<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>"#
                    + #"<Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>"#
                    + #"<Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/>"#
                    + "</Types>"
            ),
            (
                "_rels/.rels",
                declaration + "<Relationships xmlns=\"\(package)\"><Relationship Id=\"rId1\" "
                    + "Type=\"\(relationships)/officeDocument\" Target=\"xl/workbook.xml\"/></Relationships>"
            ),
            (
                "xl/workbook.xml",
                declaration + "<workbook xmlns=\"\(main)\" xmlns:r=\"\(relationships)\"><sheets>"
                    + "<sheet name=\"\(Self.escaped(sheet))\" sheetId=\"1\" r:id=\"rId1\"/></sheets></workbook>"
            ),
            (
                "xl/_rels/workbook.xml.rels",
                declaration + "<Relationships xmlns=\"\(package)\">"
                    + "<Relationship Id=\"rId1\" Type=\"\(relationships)/worksheet\" Target=\"worksheets/sheet1.xml\"/>"
                    + "<Relationship Id=\"rId2\" Type=\"\(relationships)/styles\" Target=\"styles.xml\"/></Relationships>"
            ),
            (
                "xl/styles.xml",
                declaration
                    + "<styleSheet xmlns=\"\(main)\"><fonts count=\"2\"><font><sz val=\"11\"/><name val=\"Calibri\"/></font>"
                    + "<font><b/><sz val=\"11\"/><name val=\"Calibri\"/></font></fonts>"
                    + "<fills count=\"1\"><fill><patternFill patternType=\"none\"/></fill></fills>"
                    + "<borders count=\"1\"><border/></borders><cellStyleXfs count=\"1\"><xf/></cellStyleXfs>"
                    + "<cellXfs count=\"2\"><xf fontId=\"0\"/><xf fontId=\"1\" applyFont=\"1\"/></cellXfs></styleSheet>"
            ),
            (
                "xl/worksheets/sheet1.xml",
                declaration + "<worksheet xmlns=\"\(main)\"><sheetData>\(cells)</sheetData></worksheet>"
            ),
        ]
    }

    /// Column `index` (0-based) as Excel names it: A, B, …, Z, AA, AB, ….
    static func column(_ index: Int) -> String {
        var index = index
        var name = ""
        repeat {
            name = String(UnicodeScalar(UInt8(65 + index % 26))) + name
            index = index / 26 - 1
        } while index >= 0
        return name
    }

    private static func escaped(_ text: String) -> String { text.escapingMarkup(quotes: true) }
}
