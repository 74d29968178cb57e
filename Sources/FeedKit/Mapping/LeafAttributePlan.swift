import OCOPCatalog

/// What fills each leaf's attributes, worked out once when a tree or an attribute map is attached to a mapping
/// rather than for every product: each attribute with its line of the map and its listed values by folded name,
/// in the order of their keys (a reordered answer must not change a listing's content hash).
struct LeafAttributePlan: Sendable {
    /// One attribute of a leaf.
    struct Step: Sendable {
        let attribute: CategoryAttribute
        /// The line of the map that fills it, when one does.
        let entry: CategoryAttributeMap.Entry?
        /// Its listed values by each of their names folded (``String/foldedHeading``).
        let options: [String: CategoryAttribute.Option]

        init(_ attribute: CategoryAttribute, map: CategoryAttributeMap?) {
            self.attribute = attribute
            self.entry = map?.entry(for: attribute)
            var options: [String: CategoryAttribute.Option] = [:]
            for option in attribute.options {
                for name in [option.name] + (option.englishName.map { [$0] } ?? []) {
                    options[name.foldedHeading] = options[name.foldedHeading] ?? option
                }
            }
            self.options = options
        }

        /// The listed value `value` stands for (case, accents and spacing forgiven, by either of its names).
        func option(matching value: String) -> CategoryAttribute.Option? { self.options[value.foldedHeading] }
    }

    /// Each leaf's steps, by leaf id; a leaf absent here had its attributes not fetched.
    let leaves: [String: [Step]]

    init(tree: CategoryTree?, map: CategoryAttributeMap?) {
        self.leaves = (tree?.attributes ?? [:]).mapValues { attributes in
            attributes.sorted { $0.key < $1.key }.map { Step($0, map: map) }
        }
    }
}
