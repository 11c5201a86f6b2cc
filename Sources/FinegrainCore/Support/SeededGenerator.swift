/// A small, fast, deterministic random number generator (SplitMix64).
///
/// Why: generated data (the demo city, activity generators), benchmarks and randomised tests must
/// be reproducible from a seed, on every platform; `SystemRandomNumberGenerator` is not seedable.
///
/// ```swift
/// var random = SeededGenerator(seed: 42)
/// let x = Double.random(in: 0..<1, using: &random)
/// let u = random.nextUnit()     // uniform in [0, 1)
/// ```
public struct SeededGenerator: RandomNumberGenerator, Sendable {
    private var state: UInt64

    public init(seed: UInt64) { state = seed }

    public mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// A uniform value in [0, 1) with 53 random bits.
    public mutating func nextUnit() -> Double { Double(next() >> 11) / Double(UInt64(1) << 53) }

    /// A uniformly random point in `box`.
    public mutating func coordinate(in box: BoundingBox) -> Coordinate {
        Coordinate(lon: box.minLon + (box.maxLon - box.minLon) * nextUnit(), lat: box.minLat + (box.maxLat - box.minLat) * nextUnit())
    }
}
