import OCOPCatalog
import Testing

@Suite struct SlugTests {
    @Test(arguments: [
        ("Cà phê Chồn Kiên Cường", "ca-phe-chon-kien-cuong"), ("  ĐẶC SẢN -- 100% Đắk Lắk! ", "dac-san-100-dak-lak"),
        ("日本 trà", "tra"), ("trà日本xanh", "traxanh"), ("---", ""), ("", ""), ("A_B.c", "a-b-c"),
    ])
    func namesBecomeLowercaseASCIISlugs(name: String, slug: String) {
        #expect(name.asciiSlug == slug)
    }
}
