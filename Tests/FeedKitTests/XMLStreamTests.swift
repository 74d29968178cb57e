import FeedKit
import Foundation
import TestSupport
import Testing

/// The nodes the SAX2 stream under `XMLReader` hands out, across its 64 KiB chunks and batches, and the limits it
/// keeps itself (libxml2 keeps them only when it builds a tree).
@Suite(.timeLimit(.minutes(1))) struct XMLStreamTests {
    let folder: TemporaryFolder

    init() throws {
        self.folder = try TemporaryFolder()
    }

    private func nodes(of text: String) throws -> [XMLReader.Node] {
        var reader = try XMLReader(url: try self.folder.write("doc.xml", text), file: "doc.xml")
        var nodes: [XMLReader.Node] = []
        while let node = try reader.next() { nodes.append(node) }
        return nodes
    }

    @Test func emptyElementsBlanksCommentsAndCDATAReadAsTheTreeReaderReadThem() throws {
        let nodes = try self.nodes(
            of: "<r>\n  <a></a><b> \n</b><c><!-- x --></c><d>x<!-- y --> <!-- z -->y</d><e><![CDATA[ ]]></e>"
                + "<f>1 &amp; <![CDATA[<2>]]></f></r>"
        )
        #expect(
            nodes == [
                .start(name: "r", namespace: nil, isEmpty: false),
                .start(name: "a", namespace: nil, isEmpty: true), .start(name: "b", namespace: nil, isEmpty: true),
                .start(name: "c", namespace: nil, isEmpty: true),
                .start(name: "d", namespace: nil, isEmpty: false), .text("x"), .text("y"),
                .end(name: "d", namespace: nil),
                .start(name: "e", namespace: nil, isEmpty: false), .text(" "), .end(name: "e", namespace: nil),
                .start(name: "f", namespace: nil, isEmpty: false), .text("1 & "), .text("<2>"),
                .end(name: "f", namespace: nil),
                .end(name: "r", namespace: nil),
            ]
        )
    }

    @Test func nodesAndTextsCrossingChunksArriveWhole() throws {
        // 3,000 items of about 100 bytes, so that elements, texts and empty elements straddle 64 KiB chunks,
        // and one text of 200,000 bytes spanning four chunks.
        var text = "<rss xmlns:g=\"urn:g\">"
        for index in 0..<3000 {
            text += "<item><g:id>ID-\(index)</g:id><g:empty/><g:title>Cà phê \(index) — \(index * 7)</g:title></item>"
        }
        let long = String(repeating: "ồ", count: 100_000)
        text += "<long>\(long)</long></rss>"
        let nodes = try self.nodes(of: text)
        #expect(nodes.count == 1 + 3000 * 9 + 3 + 1)
        for index in [0, 1234, 2999] {
            let item = Array(nodes[(1 + index * 9)..<(1 + index * 9 + 9)])
            #expect(
                item == [
                    .start(name: "item", namespace: nil, isEmpty: false),
                    .start(name: "id", namespace: "urn:g", isEmpty: false), .text("ID-\(index)"),
                    .end(name: "id", namespace: "urn:g"), .start(name: "empty", namespace: "urn:g", isEmpty: true),
                    .start(name: "title", namespace: "urn:g", isEmpty: false),
                    .text("Cà phê \(index) — \(index * 7)"), .end(name: "title", namespace: "urn:g"),
                    .end(name: "item", namespace: nil),
                ]
            )
        }
        #expect(nodes.filter { $0 == .start(name: "empty", namespace: "urn:g", isEmpty: true) }.count == 3000)
        #expect(nodes[nodes.count - 3] == .text(long))
    }

    @Test func anElementWithTooManyAttributesIsRefusedWithItsLineAfterManyChunks() throws {
        // 100,000 lines (about 1.5 MB, 23 chunks) before it, and '=' in text and quoted values that do not count
        let lines = (0..<100_000).map { "<a x=\"=\">\($0) = \($0)</a>" }.joined(separator: "\n")
        let wide = (0..<1001).map { " a\($0)='\($0)'" }.joined()
        let error = try #require(throws: FeedError.self) { _ = try self.nodes(of: "<r>\n\(lines)\n<b\(wide)/></r>") }
        #expect(
            error.message == "doc.xml: line 100002: an element has more than 1000 attributes; no feed needs so many"
        )
    }

    @Test func elementsNestedDeeperThanAnyFeedAreRefused() throws {
        let text = "<rss>" + String(repeating: "<a>", count: 5000) + String(repeating: "</a>", count: 5000) + "</rss>"
        let error = try #require(throws: FeedError.self) { _ = try self.nodes(of: text) }
        #expect(error.message == "doc.xml: line 1: elements are nested more than 300 deep; no feed needs so many")
    }

    @Test func aTextLongerThanLibxml2sOwnLimitIsRefused() throws {
        let text = "<rss>\n<a>" + String(repeating: "x", count: 10_000_001) + "</a></rss>"
        let error = try #require(throws: FeedError.self) { _ = try self.nodes(of: text) }
        #expect(error.code == .malformed)
        #expect(error.message.hasPrefix("doc.xml: line 2: a text is longer than 10,000,000 bytes"))
    }

    @Test func aDocumentOfEndlesslyManyElementNamesIsRefused() throws {
        let text = "<rss>" + (0..<70_000).map { "<n\($0)/>" }.joined() + "</rss>"
        let error = try #require(throws: FeedError.self) { _ = try self.nodes(of: text) }
        #expect(error.message == "doc.xml: line 1: more than 65536 different element names; no feed has so many")
    }

    @Test func aSchemaProblemFoundAtAnElementsEndNamesTheLineItStartsOn() throws {
        let schema = try self.folder.write(
            "s.xsd",
            """
            <xs:schema xmlns:xs="http://www.w3.org/2001/XMLSchema">
              <xs:element name="r"><xs:complexType><xs:sequence>
                <xs:element name="a"><xs:complexType><xs:sequence>
                  <xs:element name="b" type="xs:string"/><xs:element name="c" type="xs:string"/>
                </xs:sequence></xs:complexType></xs:element>
                <xs:element name="n" type="xs:integer"/>
              </xs:sequence></xs:complexType></xs:element>
            </xs:schema>
            """
        )
        let feed = try self.folder.write("doc.xml", "<r>\n<a>\n<b>x</b>\n</a>\n<n>\nseven\n</n>\n</r>")
        var reader = try XMLReader(url: feed, file: "doc.xml", schema: try XMLSchema(url: schema))
        while try reader.next() != nil {}
        #expect(reader.schemaProblems.count == 2)
        #expect(reader.schemaProblems.first?.hasPrefix("line 2: Element 'a': Missing child element(s)") == true)
        #expect(reader.schemaProblems.last?.hasPrefix("line 5: Element 'n': '\nseven\n' is not a valid value") == true)
    }

    @Test func anRSSItemBecomesItsListingWithWhatReadingFoundWrong() throws {
        // Items straddling chunks (3,000 of them), an empty one, a group, a misplaced element and an RSS title
        var text = "<rss xmlns:g=\"urn:g\"><channel><title>Shop</title><item/>"
        for index in 0..<3000 {
            text +=
                "<item><g:id> ID-\(index) </g:id><title>Cà phê \(index)</title><x:color xmlns:x=\"urn:x\">red</x:color>"
            text += "<g:shipping><g:country>VN</g:country><g:price>0 VND</g:price></g:shipping><g:gtin/></item>"
        }
        let feed = try self.folder.write("feed.xml", text + "</channel></rss>")
        var reader = try RSSFeedReader(
            url: feed,
            file: "feed.xml",
            dialect: RSSDialect(namespace: "urn:g", prefix: "g"),
            schema: nil
        )
        var items: [(listing: Listing, findings: [Finding])] = []
        while let item = try reader.next() { items.append(item) }
        #expect(items.count == 3001)
        #expect(items[0].listing == Listing(id: "") && items[0].findings.isEmpty)
        let last = try #require(items.last)
        #expect(
            last.listing
                == Listing(
                    id: "ID-2999",
                    attributes: [
                        .text("id", "ID-2999"), .text("title", "Cà phê 2999"),
                        Attribute("shipping", .group([.text("country", "VN"), .text("price", "0 VND")])),
                        .text("gtin", ""),
                    ]
                )
        )
        #expect(
            last.findings.map(\.message) == ["<color> is in namespace urn:x, not g: (urn:g); the marketplace drops it"]
        )
    }

    @Test func aFeedCutOffInsideAnItemIsRefusedAsMalformed() throws {
        let feed = try self.folder.write("feed.xml", "<rss><channel><item><g:id xmlns:g=\"urn:g\">A</g:id>")
        var reader = try RSSFeedReader(
            url: feed,
            file: "feed.xml",
            dialect: RSSDialect(namespace: "urn:g", prefix: "g"),
            schema: nil
        )
        #expect(throws: FeedError.self) { while try reader.next() != nil {} }
    }
}
