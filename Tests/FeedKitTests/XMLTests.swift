import FeedKit
import Foundation
import TestSupport
import Testing

@Suite(.timeLimit(.minutes(1))) struct XMLTests {
    let folder: TemporaryFolder

    init() throws {
        self.folder = try TemporaryFolder()
    }

    @Test func theWriterEscapesTextAndOnlyReplacesTheFileWhenClosed() throws {
        let url = self.folder.url.appending(path: "feed.xml")
        try Data("old complete feed".utf8).write(to: url)

        let writer = try XMLWriter(destination: url)
        try writer.startElement("rss")
        try writer.element("title", text: "Cà phê & <trà> \"đặc sản\"")
        #expect(try String(contentsOf: url, encoding: .utf8) == "old complete feed")
        try writer.endElement()
        try writer.close()

        let written = try String(contentsOf: url, encoding: .utf8)
        #expect(written.contains("<title>Cà phê &amp; &lt;trà&gt; &quot;đặc sản&quot;</title>"))
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: self.folder.url.path).filter {
            $0.hasSuffix(".tmp")
        }
        #expect(leftovers.isEmpty)
    }

    @Test func anAbandonedWriterLeavesTheOldFeedAndNoTemporaryFile() throws {
        let url = self.folder.url.appending(path: "feed.xml")
        try Data("old complete feed".utf8).write(to: url)
        do {
            let writer = try XMLWriter(destination: url)
            try writer.startElement("rss")
        }
        #expect(try String(contentsOf: url, encoding: .utf8) == "old complete feed")
        #expect(try FileManager.default.contentsOfDirectory(atPath: self.folder.url.path) == ["feed.xml"])
    }

    @Test(arguments: [
        "<!DOCTYPE rss [ <!ENTITY secret SYSTEM \"file://SECRET\"> ]>\n<rss><channel><item><id>&secret;</id></item></channel></rss>",
        "<!DOCTYPE rss [ <!ENTITY a \"aaaaaaaaaa\"> <!ENTITY b \"&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;\"> <!ENTITY c \"&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;\"> <!ENTITY d \"&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;\"> <!ENTITY e \"&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;\"> <!ENTITY f \"&e;&e;&e;&e;&e;&e;&e;&e;&e;&e;\"> <!ENTITY g \"&f;&f;&f;&f;&f;&f;&f;&f;&f;&f;\"> <!ENTITY h \"&g;&g;&g;&g;&g;&g;&g;&g;&g;&g;\"> ]>\n<rss>&h;</rss>",
    ])
    func aDoctypeIsRefusedBeforeAnythingItDeclaresIsRead(body: String) throws {
        // Given a feed whose DOCTYPE names a secret file or expands to 10^8 characters
        let secret = self.folder.url.appending(path: "secret.txt")
        try Data("TOP-SECRET-MARKER".utf8).write(to: secret)
        let feed = try self.folder.write(
            "hostile.xml",
            "<?xml version=\"1.0\"?>\n" + body.replacingOccurrences(of: "SECRET", with: secret.path)
        )

        // When it is read, with the schema validator attached as feed validate does
        let start = ContinuousClock.now
        let error = try #require(throws: FeedError.self) {
            var reader = try XMLReader(url: feed, file: "hostile.xml")
            while try reader.next() != nil {}
        }

        // Then it is refused as hostile at once, and the entity never reaches the message
        #expect(error.code == .hostileXML)
        #expect(error.message.hasPrefix("hostile.xml: line 2: a DOCTYPE is not allowed"))
        #expect(!error.message.contains("TOP-SECRET-MARKER"))
        #expect(ContinuousClock.now - start < .seconds(1))
    }

    @Test func malformedXMLIsOneErrorWithItsLineColumnAndLibxml2sReason() throws {
        let feed = try self.folder.write("broken.xml", "<rss>\n<channel>\n<item></channel>\n</rss>")
        let error = try #require(throws: FeedError.self) {
            var reader = try XMLReader(url: feed, file: "broken.xml")
            while try reader.next() != nil {}
        }
        #expect(error.code == .malformed)
        #expect(
            error.message == "broken.xml: line 3, column 17: Opening and ending tag mismatch: item line 3 and channel"
        )
    }

    @Test func anElementWithMoreAttributesThanAnyFeedNeedsIsRefusedAtOnce() throws {
        // 200,000 attributes on one element: libxml2 2.9's duplicate check alone would take minutes.
        var text = "<rss><channel><!-- a=1 b=2 --><![CDATA[ x=\"<\" ]]><item"
        for index in 0..<200_000 { text += " a\(index)=\"\(index)\"" }
        let feed = try self.folder.write("wide.xml", text + "/></channel></rss>")
        let start = ContinuousClock.now
        let error = try #require(throws: FeedError.self) {
            var reader = try XMLReader(url: feed, file: "wide.xml")
            while try reader.next() != nil {}
        }
        #expect(error.message == "wide.xml: line 1: an element has more than 1000 attributes; no feed needs so many")
        #expect(ContinuousClock.now - start < .seconds(1))
        // while a thousand, and '=' in comments, CDATA and quoted values, are fine
        var fine = "<rss a='=' b=\"x=y\"><!-- = = = --><channel><item"
        for index in 0..<1000 { fine += " a\(index)='\(index)'" }
        let ok = try self.folder.write("ok.xml", fine + "/></channel></rss>")
        var reader = try XMLReader(url: ok, file: "ok.xml")
        while try reader.next() != nil {}
    }

    @Test func aUTF16FeedIsRefusedWithWhatToDo() throws {
        let feed = self.folder.url.appending(path: "utf16.xml")
        try Data([0xFF, 0xFE] + Array("<rss/>".utf16).flatMap { [UInt8($0 & 0xFF), UInt8($0 >> 8)] }).write(to: feed)
        let error = try #require(throws: FeedError.self) { _ = try XMLReader(url: feed, file: "utf16.xml") }
        #expect(error.message == "utf16.xml: the feed is not UTF-8 (UTF-16?); save it as UTF-8")
    }

    @Test func aCharacterXMLCannotCarryIsRefusedByTheWriterInsteadOfWrittenIntoTheFeed() throws {
        let destination = self.folder.url.appending(path: "bell.xml")
        let writer = try XMLWriter(destination: destination)
        try writer.startElement("rss")
        let error = try #require(throws: FeedError.self) { try writer.text("Cà phê \u{07} bột") }
        #expect(error.message == "\"Cà phê  bột…\" has U+0007, which XML cannot carry; fix it in the catalogue")
        #expect(throws: FeedError.self) { try writer.attribute("a", "\u{FFFE}") }
    }

    @Test func theReaderReturnsNamespacedElementsAndText() throws {
        let feed = try self.folder.write("small.xml", "<rss xmlns:g=\"urn:g\"><g:id>A&amp;B</g:id><x/></rss>")
        var reader = try XMLReader(url: feed, file: "small.xml")
        var nodes: [XMLReader.Node] = []
        while let node = try reader.next() { nodes.append(node) }
        #expect(
            nodes == [
                .start(name: "rss", namespace: nil, isEmpty: false),
                .start(name: "id", namespace: "urn:g", isEmpty: false),
                .text("A&B"), .end(name: "id", namespace: "urn:g"), .start(name: "x", namespace: nil, isEmpty: true),
                .end(name: "rss", namespace: nil),
            ]
        )
    }

    @Test func aSchemaThatDoesNotCompileIsAMappingError() throws {
        let schema = try self.folder.write(
            "bad.xsd",
            "<xs:schema xmlns:xs=\"http://www.w3.org/2001/XMLSchema\"><xs:element/></xs:schema>"
        )
        let error = try #require(throws: FeedError.self) { try XMLSchema(url: schema) }
        #expect(error.code == .mapping)
        #expect(error.message.hasPrefix("bad.xsd: the schema does not compile"))
    }
}
