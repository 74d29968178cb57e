import Foundation
import OCOPConfiguration
import TestSupport
import Testing

@Suite struct ConfigurationTests {
    let folder: TemporaryFolder

    init() throws {
        self.folder = try TemporaryFolder()
    }

    @Test func theSampleConfigurationLoadsWithoutAnySecretsSet() throws {
        let configuration = try OCOPConfiguration.load(
            from: Fixtures.samples.appending(path: "ocop.yaml"),
            marketplaces: Fixtures.marketplaces,
            environment: [:]
        )
        #expect(configuration.shop.baseURL == "https://ocop.daklak.example.vn")
        #expect(Set(configuration.marketplaces.keys) == Set(Fixtures.marketplaces))
        #expect(configuration.jobs.count == 1)
        #expect(configuration.catalogPath == Fixtures.samples.appending(path: "ocop.sqlite").standardizedFileURL.path)
        let shopee = try #require(configuration.marketplaces["shopee"])
        #expect(try shopee.value("partner_id") == "2001887")
    }

    @Test func aSecretComesFromTheEnvironmentAndAMissingOneIsNamedWhenUsed() throws {
        let file = try self.folder.write(
            "ocop.yaml",
            "marketplaces:\n  tiki: { access_token: \"${TIKI_ACCESS_TOKEN}\" }\n"
        )
        let withSecret = try OCOPConfiguration.load(
            from: file,
            marketplaces: Fixtures.marketplaces,
            environment: ["TIKI_ACCESS_TOKEN": "s3cr3t"]
        )
        #expect(try withSecret.marketplaces["tiki"]?.value("access_token") == "s3cr3t")

        let without = try OCOPConfiguration.load(from: file, marketplaces: Fixtures.marketplaces, environment: [:])
        let error = try #require(throws: ConfigurationError.self) {
            try without.marketplaces["tiki"]?.value("access_token")
        }
        #expect(error.code == .missingSecret)
        #expect(
            error.message
                == "ocop.yaml: marketplaces.tiki.access_token needs the environment variable TIKI_ACCESS_TOKEN, which is not set"
        )
    }

    @Test(arguments: [
        ("colour: red\n", "unknown key \"colour\""),
        ("marketplaces:\n  amazon: {}\n", "marketplaces.amazon: unknown marketplace"),
        ("shop: { base_url: shop.vn }\n", "shop.base_url must be an absolute http(s) URL"),
        ("shop: { baseurl: \"https://a.vn\" }\n", "shop.baseurl: unknown key"),
        ("jobs: nightly\n", "jobs must be a list"),
        ("shop: [unclosed\n", "not valid YAML"),
    ])
    func badConfigurationIsOneLineNamingTheKey(text: String, expected: String) throws {
        let file = try self.folder.write("ocop.yaml", text)
        let error = try #require(throws: ConfigurationError.self) {
            try OCOPConfiguration.load(from: file, marketplaces: Fixtures.marketplaces, environment: [:])
        }
        #expect(error.message.contains(expected))
        #expect(!error.message.contains("\n"))
    }
}
