import Foundation

/// The WGS84 ellipsoid and the formulas derived from it that the geometry layer needs.
///
/// Kept internal: callers use ``MultiPolygon/area`` and ``LocalProjection`` rather than the raw
/// formulas.
enum WGS84 {
    /// Semi-major axis in metres.
    static let a = 6_378_137.0
    /// Flattening.
    static let f = 1 / 298.257223563
    /// First eccentricity squared, e² = f(2 − f).
    static let e2 = f * (2 - f)
    /// First eccentricity.
    static let e = e2.squareRoot()
    /// q at the pole (φ = 90°).
    static let qp = q(sinPhi: 1)
    /// Radius of the sphere with the ellipsoid's surface area: Rq = a·√(qp/2).
    static let authalicRadius = a * (qp / 2).squareRoot()

    /// Snyder's q(φ) (Map Projections — A Working Manual, eq. 3-12):
    /// q = (1 − e²)·[sinφ / (1 − e² sin²φ) − 1/(2e)·ln((1 − e sinφ)/(1 + e sinφ))].
    /// sin β = q/qp gives the authalic latitude β.
    @inline(__always)
    static func q(sinPhi s: Double) -> Double {
        let es = e * s
        return (1 - e2) * (s / (1 - es * es) - 1 / (2 * e) * log((1 - es) / (1 + es)))
    }

    /// Meridional radius of curvature M(φ) in metres.
    static func meridionalRadius(latitude phi: Double) -> Double {
        let s = sin(phi)
        let w = 1 - e2 * s * s
        return a * (1 - e2) / (w * w.squareRoot())
    }

    /// Prime-vertical radius of curvature N(φ) in metres.
    static func primeVerticalRadius(latitude phi: Double) -> Double {
        let s = sin(phi)
        return a / (1 - e2 * s * s).squareRoot()
    }
}
