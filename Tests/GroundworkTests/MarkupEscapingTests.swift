import Foundation
import Groundwork
import Testing

struct MarkupEscapingTests {
    @Test func markupCharactersBecomeEntitiesAndEverythingElseIsKept() {
        #expect("Cà phê & mật ong <500 g>".escapingMarkup() == "Cà phê &amp; mật ong &lt;500 g&gt;")
        #expect("Tiêu \"Chư Sê\" 'xanh'".escapingMarkup() == "Tiêu \"Chư Sê\" 'xanh'")
        #expect("Tiêu \"Chư Sê\" 'xanh'".escapingMarkup(quotes: true) == "Tiêu &quot;Chư Sê&quot; &#39;xanh&#39;")
        #expect("Đắk Lắk".escapingMarkup(quotes: true) == "Đắk Lắk")
        #expect("".escapingMarkup() == "")
        #expect("&".escapingMarkup() == "&amp;")
    }

    @Test func aStringMadeByFoundationIsEscapedLikeAnyOther() {
        let made = NSString(string: "Sâm <Ngọc Linh> & mật").replacingOccurrences(of: "mật", with: "mật ong")
        #expect(made.escapingMarkup() == "Sâm &lt;Ngọc Linh&gt; &amp; mật ong")
    }
}
