/// The shipping package's size in whole millimetres (input is in centimetres, one decimal allowed).
public struct PackageSize: Hashable, Sendable, Codable {
    public var lengthMillimetres: Int
    public var widthMillimetres: Int
    public var heightMillimetres: Int

    /// Creates a size from millimetres.
    public init(lengthMillimetres: Int, widthMillimetres: Int, heightMillimetres: Int) {
        self.lengthMillimetres = lengthMillimetres
        self.widthMillimetres = widthMillimetres
        self.heightMillimetres = heightMillimetres
    }
}
