import Foundation

/// A word of the domain with a Chinese name and an English one, so that the console's English
/// mode shows words, not identifiers (`void_pending`, `hotline_12345`).
///
/// A string-backed enum gets an English name from its raw value by default (`void_pending` →
/// "Void pending"); a type gives its own where that reads badly (`CaseSource`, `Role`).
///
/// ```swift
/// CaseStatus.voidPending.nameEN    // "Void pending"
/// CaseSource.hotline12345.nameEN   // "12345 hotline transfer"
/// ```
public protocol Bilingual {
    var nameZH: String { get }
    var nameEN: String { get }
}

extension Bilingual where Self: RawRepresentable, Self.RawValue == String {
    public var nameEN: String {
        let words = rawValue.replacingOccurrences(of: "_", with: " ")
        return words.prefix(1).uppercased() + words.dropFirst()
    }
}

extension CaseStatus: Bilingual {}
extension CaseStep: Bilingual {}
extension Urgency: Bilingual {}
extension Satisfaction: Bilingual {}
extension CaseCommand.Kind: Bilingual {}
extension ClassKind: Bilingual {}
extension ComponentStatus: Bilingual {}
extension RegionLevel: Bilingual {}
extension Role: Bilingual {}
extension EvaluationLevel: Bilingual {}
extension Indicator: Bilingual {}
extension ScoreComponent.Key: Bilingual {}

extension CaseSource: Bilingual {
    public var nameEN: String {
        switch self {
        case .inspector: "Inspector report"
        case .citizen: "Public report"
        case .hotline12345: "12345 hotline transfer"
        case .hotline12319: "12319 hotline"
        case .sensor: "IoT sensor"
        case .video: "Video / drone detection"
        case .superior: "Assigned by a superior"
        case .media: "Media report"
        }
    }
}
