public import Foundation

/// The mapping files that ship with OCOP Connect, as SwiftPM resources beside the executables, so `ocop`
/// works from any folder. `--mappings DIR` (or `mappings:` in the config) replaces them.
public enum BuiltinMappings {
    /// The built-in `Mappings/<marketplace>.yaml`, or `nil` when there is none.
    public static func url(for marketplace: String) -> URL? {
        Bundle.module.url(forResource: marketplace, withExtension: "yaml")
    }

    /// Another built-in file a mapping names (`google-product-taxonomy-with-ids.en-US.txt`), or `nil`.
    public static func url(forFile name: String) -> URL? {
        Bundle.module.url(
            forResource: (name as NSString).deletingPathExtension,
            withExtension: (name as NSString).pathExtension
        )
    }
}
