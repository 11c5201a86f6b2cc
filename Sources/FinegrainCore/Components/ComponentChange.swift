/// One field that differs between two versions of a component: the unit of the audit history.
///
/// Why text values: the history must outlive schema changes and be readable as is, so every
/// value is recorded as its display text — dates as `YYYY-MM-DD`, the status by its raw value,
/// the geometry as its stable GeoJSON text, an extension attribute as `attributes.<key>`.
/// `nil` means the field was empty (or the attribute absent).
///
/// ```swift
/// var edited = cover
/// edited.status = .damaged
/// edited.changes(from: cover)   // [ComponentChange(field: "status", old: "intact", new: "damaged")]
/// ```
public struct ComponentChange: Sendable, Hashable, Codable {
    /// The Swift property name, or `attributes.<key>` for an extension attribute.
    public var field: String
    /// The value before, `nil` when empty.
    public var old: String?
    /// The value after, `nil` when empty.
    public var new: String?

    /// Creates a change.
    public init(field: String, old: String?, new: String?) {
        self.field = field
        self.old = old
        self.new = new
    }
}

extension Component {
    /// Every field that differs from `old`, in property order, then the extension attributes by key.
    ///
    /// Optional text fields compare as given (`""` and `nil` differ). Geometry is compared by
    /// ``ComponentGeometry/geoJSONString()``, so a move below about 1 cm is not a change.
    public func changes(from old: Component) -> [ComponentChange] {
        var result: [ComponentChange] = []
        for (field, value) in Self.historyFields {
            let before = value(old), after = value(self)
            if before != after { result.append(ComponentChange(field: field, old: before, new: after)) }
        }
        for key in Set(attributes.keys).union(old.attributes.keys).sorted() where attributes[key] != old.attributes[key] {
            result.append(ComponentChange(field: "attributes.\(key)", old: old.attributes[key], new: attributes[key]))
        }
        return result
    }

    /// The recorded fields and how each is written into the history.
    private static let historyFields: [(String, @Sendable (Component) -> String?)] = [
        ("id", { $0.id }),
        ("name", { $0.name }),
        ("classCode", { $0.classCode }),
        ("authorityCode", { $0.authorityCode }),
        ("authorityName", { $0.authorityName }),
        ("ownerCode", { $0.ownerCode }),
        ("ownerName", { $0.ownerName }),
        ("maintainerCode", { $0.maintainerCode }),
        ("maintainerName", { $0.maintainerName }),
        ("gridCode", { $0.gridCode }),
        ("status", { $0.status.rawValue }),
        ("initialDate", { $0.initialDate.description }),
        ("changedDate", { $0.changedDate?.description }),
        ("dataSource", { $0.dataSource }),
        ("note", { $0.note }),
        ("subdistrictCode", { $0.subdistrictCode }),
        ("subdistrictName", { $0.subdistrictName }),
        ("communityCode", { $0.communityCode }),
        ("communityName", { $0.communityName }),
        ("geometry", { $0.geometry.geoJSONString() }),
        ("synthetic", { $0.synthetic ? "true" : "false" }),
    ]
}
