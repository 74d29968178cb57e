import Foundation
import Sandbox
import TestSupport
import Testing

/// The person's language, chosen by `--lang`, `OCOP_LANG`, `ui_language:` or a `vi` locale, as a user runs it.
@Suite(.timeLimit(.minutes(1))) struct LanguageCommandTests {
    let folder: TemporaryFolder
    let ocop: CommandRunner
    let badList: URL

    init() throws {
        self.folder = try TemporaryFolder()
        self.ocop = CommandRunner(folder: self.folder.url)
        // An office's list with Vietnamese headings as they typed them; row 3 has a star nobody certifies.
        let headings =
            "Mã sản phẩm;Tên sản phẩm;Nhóm sản phẩm;Hạng  sao;Số quyết định;Ngày quyết định;Chủ thể;Tỉnh;Giá;"
            + "Hình ảnh"
        let good = "CP-1;Cà phê bột;Thực phẩm;4;2719/QĐ-UBND;15/09/2024;HTX Ea Tu;Đắk Lắk;185.000;https://a.vn/1.jpg"
        let bad = "CP-2;Cà phê hạt;Thực phẩm;7;2719/QĐ-UBND;32/09/2024;HTX Ea Tu;Đắk Lắk;185.000;https://a.vn/2.jpg"
        self.badList = try self.folder.write("danh-sach.csv", [headings, good, bad].joined(separator: "\n") + "\n")
    }

    /// Runs the import of the bad list with `environment` (and no language from this machine's own locale).
    private func importBadList(_ extra: [String] = [], environment: [String: String]) throws -> CommandRunner.Result {
        let neutral = ["OCOP_LANG": "", "LC_ALL": "", "LC_MESSAGES": "", "LANG": "C.UTF-8"]
        return try self.ocop.run(
            ["catalog", "import", "danh-sach.csv"] + extra,
            environment: neutral.merging(environment) { $1 }
        )
    }

    @Test func aBadRowIsNamedByItsLineAndHeadingInVietnameseAndNothingIsImported() throws {
        let result = try self.importBadList(environment: ["OCOP_LANG": "vi"])
        #expect(result.status == 65)
        #expect(
            result.stderr.contains("danh-sach.csv, dòng 3: Hạng  sao: 7 không phải hạng sao (3, 4 hoặc 5)"),
            "\(result.stderr)"
        )
        #expect(result.stderr.contains("danh-sach.csv, dòng 3: Ngày quyết định: \"32/09/2024\" không phải ngày tháng"))
        #expect(result.stderr.contains("lỗi: không nhập sản phẩm nào: có 2 lỗi ở 1/2 dòng"), "\(result.stderr)")
        #expect(!FileManager.default.fileExists(atPath: self.folder.url.appending(path: "ocop.sqlite").path))
    }

    @Test func theSameRowInEnglish() throws {
        let result = try self.importBadList(environment: ["OCOP_LANG": "en"])
        #expect(result.status == 65)
        #expect(
            result.stderr.contains("danh-sach.csv:3: Hạng  sao: 7 is not a star rating (3, 4 or 5)"),
            "\(result.stderr)"
        )
        #expect(result.stderr.contains("error: nothing imported: 2 problems in 1 of 2 rows"), "\(result.stderr)")
    }

    @Test(arguments: [
        // --lang wins over OCOP_LANG, which wins over ui_language:, which wins over the locale.
        ([String](["--lang", "en"]), ["OCOP_LANG": "vi"], "ui_language: vi\n", false),
        ([], ["OCOP_LANG": "vi"], "ui_language: en\n", true),
        ([], [:], "ui_language: vi\n", true),
        ([], ["LANG": "vi_VN.UTF-8"], "", true),
        ([], ["LC_ALL": "en_US.UTF-8", "LANG": "vi_VN.UTF-8"], "", false),
        ([], [:], "", false),
    ])
    func theLanguageIsChosenInItsOrder(
        flags: [String],
        environment: [String: String],
        configuration: String,
        vietnamese: Bool
    ) throws {
        _ = try self.folder.write("ocop.yaml", configuration)
        let result = try self.importBadList(flags, environment: environment)
        #expect(result.status == 65)
        #expect(result.stderr.contains("lỗi: không nhập sản phẩm nào") == vietnamese, "\(result.stderr)")
        #expect(result.stderr.contains("error: nothing imported") == !vietnamese, "\(result.stderr)")
    }

    @Test func aLanguageWeDoNotSpeakIsAUsageErrorNamingWhereItCameFrom() throws {
        let flag = try self.importBadList(["--lang", "fr"], environment: [:])
        #expect(flag.status == 64)
        #expect(flag.stderr.contains("--lang \"fr\" is not a language OCOP Connect speaks: use vi (tiếng Việt) or en"))
        let variable = try self.importBadList(environment: ["OCOP_LANG": "klingon"])
        #expect(variable.status == 64)
        #expect(variable.stderr.contains("OCOP_LANG \"klingon\""), "\(variable.stderr)")
    }

    @Test func aWindows1258ListSaysWhatToDoInExcelAndImportsWithItsEncoding() throws {
        // "Cà phê" as Excel's plain CSV writes it on a Vietnamese Windows (0xCC: combining grave, 0xEA: ê).
        let header = Array("code,name,group,star,decision_number,decision_date,producer,province,price,images\n".utf8)
        let row =
            Array("A1,Ca".utf8) + [0xCC] + Array(" ph".utf8) + [0xEA]
            + Array(",food,4,1/QD,15/09/2024,HTX,Dak Lak,1000,https://a.vn/x.jpg\n".utf8)
        _ = try self.folder.write("ansi.csv", Data(header + row))
        let refused = try self.ocop.run(["catalog", "import", "ansi.csv", "--lang", "vi"])
        #expect(refused.status == 65)
        #expect(
            refused.stderr.contains(
                "ansi.csv, dòng 2: tệp chưa lưu ở dạng UTF-8 (Unicode); trong Excel chọn Tệp › Lưu Như"
            )
        )
        #expect(refused.stderr.components(separatedBy: "\n").filter { !$0.isEmpty }.count == 2, "\(refused.stderr)")
        let imported = try self.ocop.run([
            "catalog", "import", "ansi.csv", "--encoding", "windows-1258", "--lang", "vi",
        ])
        #expect(imported.status == 0, "\(imported.stderr)")
        #expect(imported.stdout.contains("đã nhập 1 dòng: mới 1,"))
        let shown = try self.ocop.run(["catalog", "show", "A1"])
        #expect(shown.stdout.contains("Cà phê"), "\(shown.stdout)")
    }
}

/// Findings, publish outcomes and run times in the person's words and the shop's time zone.
@Suite(.timeLimit(.minutes(2))) struct LanguageOutputTests {
    let folder: TemporaryFolder
    let ocop: CommandRunner

    init() throws {
        (self.folder, self.ocop) = try CommandRunner.withSampleCatalog()
    }

    @Test func aHeldBackItemNamesTheColumnTheOfficeFillsBesideTheMarketplacesAttribute() async throws {
        // The built-in mapping names Lazada's categories by path: its tree is synced from the sandbox first.
        try await withSandbox { base in
            let lazada = SandboxAccounts.lazada(base).map { "\($0.key): \"\($0.value)\"" }.joined(separator: ", ")
            try self.folder.write(
                "sync.yaml",
                "catalog: ocop.sqlite\nmarketplaces:\n  lazada: { \(lazada) }\n"
            )
            let synced = try await self.ocop.runDetached(["categories", "sync", "lazada", "--config", "sync.yaml"])
            #expect(synced.status == 0, "\(synced.stderr)")
        }
        let config = ["--config", Fixtures.samples.appending(path: "ocop.yaml").path, "--catalog", "ocop.sqlite"]
        let vietnamese = try self.ocop.run(
            ["feed", "export", "lazada", "--today", "2026-11-29", "--output", "l.jsonl", "--lang", "vi"] + config
        )
        #expect(vietnamese.status == 3)
        let lines = vietnamese.stderr.split(separator: "\n")
        #expect(lines.contains { $0.hasPrefix("tạm giữ: ") && $0.hasSuffix(": Lazada cần Dài (cm) (package_length)") })
        #expect(vietnamese.stdout.contains("lazada: đã ghi 36 trên "), "\(vietnamese.stdout)")
        let english = try self.ocop.run(
            ["feed", "export", "lazada", "--today", "2026-11-29", "--output", "l.jsonl", "--lang", "en"] + config
        )
        #expect(
            english.stderr.split(separator: "\n").contains {
                $0.hasPrefix("held back: ")
                    && $0.hasSuffix(": package_length: package_length is required (from length_cm)")
            },
            "\(english.stderr)"
        )
    }

    @Test func errorsOfTheConfigurationAndTheCatalogueAreInTheChosenLanguage() throws {
        let config = ["--config", Fixtures.samples.appending(path: "ocop.yaml").path, "--catalog", "ocop.sqlite"]
        let secret = try self.ocop.run(["publish", "meta-catalog", "--lang", "vi"] + config)
        #expect(secret.status == 65)
        #expect(
            secret.stderr.contains("lỗi: ") && secret.stderr.contains("cần biến môi trường META_ACCESS_TOKEN"),
            "\(secret.stderr)"
        )
        let empty = try TemporaryFolder()
        let nowhere = try CommandRunner(folder: empty.url).run(["catalog", "list", "--lang", "vi"])
        #expect(nowhere.status == 65)
        #expect(nowhere.stderr.hasPrefix("lỗi: chưa có danh sách sản phẩm ở "), "\(nowhere.stderr)")
        let missing = try self.ocop.run(["catalog", "import", "khong-co.csv", "--lang", "vi"] + config)
        #expect(missing.stderr.contains("khong-co.csv: không mở được tệp"), "\(missing.stderr)")
    }

    @Test func aPublishAndItsRunAreToldInVietnameseInTheShopsTimeZone() async throws {
        let token = "sandbox-meta-token-language"
        try await withSandbox(credentials: SandboxCredentials(metaAccessToken: token)) { base in
            try self.folder.write("ocop.yaml", CommandRunner.sandboxMetaConfig(base, more: "ui_language: vi\n"))
            let environment = ["META_ACCESS_TOKEN": token, "OCOP_LANG": "", "LC_ALL": "", "LANG": "C.UTF-8"]
            let published = try await self.ocop.runDetached(
                ["publish", "meta-catalog", "--today", "2026-11-29"],
                environment: environment
            )
            #expect(published.status == 0, "\(published.stderr)")
            #expect(
                published.stdout.contains(
                    "meta-catalog: đã gửi: tạo mới 39, cập nhật 0, gỡ 0, làm mới 0; không thay đổi 0, tạm giữ 0, thất bại 0 "
                        + "(lần chạy 1)"
                ),
                "\(published.stdout)"
            )
            let zone = try #require(TimeZone(identifier: "Asia/Ho_Chi_Minh"))
            var calendar = Calendar(identifier: .gregorian)
            calendar.timeZone = zone
            let today = calendar.dateComponents([.day, .month, .year], from: Date())
            let day = String(format: "%02d/%02d/%04d", today.day ?? 0, today.month ?? 0, today.year ?? 0)
            let runs = try await self.ocop.runDetached(["runs"], environment: environment)
            #expect(runs.stdout.contains("\t\(day) "), "\(runs.stdout)")
            #expect(runs.stdout.contains("tạo mới 39, cập nhật 0"), "\(runs.stdout)")
            #expect(runs.stdout.contains("\tthành công\t"), "\(runs.stdout)")
            let english = try await self.ocop.runDetached(["runs", "--lang", "en"], environment: environment)
            #expect(english.stdout.contains(" +07:00\t"), "\(english.stdout)")
        }
    }
}
