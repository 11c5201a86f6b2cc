/// A rate with its exact numerator and denominator (GB/T 30428.4 rates are ratios of counts), so
/// every figure can be explained and recomputed.
///
/// ```swift
/// Rate(911, 972).percent   // 93.72 (结案率, Tianmen's published figure)
/// Rate(0, 0).percent       // nil: no denominator, no rate
/// ```
public struct Rate: Sendable, Hashable, Codable {
    public var numerator: Int
    public var denominator: Int

    public init(_ numerator: Int, _ denominator: Int) {
        self.numerator = numerator
        self.denominator = denominator
    }

    /// The rate in percent, rounded to two decimals as published (nil when the denominator is 0).
    public var percent: Double? {
        denominator == 0 ? nil : (Double(numerator) / Double(denominator) * 10_000).rounded() / 100
    }
}

/// 评价等级 (grade) of a composite score. The national bands are A [90,100] 绿 · B [75,90) 蓝 ·
/// C [60,75) 黄 · D [40,60) 红 · E [0,40) 黑; ``GradeBands`` holds them as configuration.
public enum Grade: String, Sendable, Codable, CaseIterable {
    case a = "A", b = "B", c = "C", d = "D", e = "E"

    /// The grade under the national bands.
    public init(score: Double) { self = GradeBands.national.grade(score) }

    /// A colour to draw the grade with (reports and maps).
    public var colour: String {
        switch self {
        case .a: "#2e7d32"
        case .b: "#1565c0"
        case .c: "#f9a825"
        case .d: "#c62828"
        case .e: "#212121"
        }
    }
}

/// The lowest score of grades A–D; anything below D's floor is E.
public struct GradeBands: Sendable, Hashable, Codable {
    public var a: Double
    public var b: Double
    public var c: Double
    public var d: Double

    public init(a: Double, b: Double, c: Double, d: Double) {
        self.a = a
        self.b = b
        self.c = c
        self.d = d
    }

    public static let national = GradeBands(a: 90, b: 75, c: 60, d: 40)

    public func grade(_ score: Double) -> Grade { score >= a ? .a : score >= b ? .b : score >= c ? .c : score >= d ? .d : .e }
}
