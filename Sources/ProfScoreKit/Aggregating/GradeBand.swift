/// A band of grades such as 5–9; bands may overlap (5–9 and 9–11).
public struct GradeBand: Sendable, Hashable, Comparable, CustomStringConvertible {
    public var from: Int
    public var to: Int

    public init(from: Int, to: Int) {
        self.from = from
        self.to = to
    }

    /// Parses `5-9` (also with an en dash or spaces).
    public init?(_ text: String) {
        let parts = text.replacingOccurrences(of: "–", with: "-").split(separator: "-").map { $0.trimmingCharacters(in: .whitespaces) }
        guard parts.count == 2, let from = Int(parts[0]), let to = Int(parts[1]), (0...13).contains(from), (0...13).contains(to), from <= to else {
            return nil
        }
        self.init(from: from, to: to)
    }

    /// Parses a comma-separated list such as `5-9,9-11,5-11`.
    public static func list(_ text: String) -> [GradeBand]? {
        let bands = text.split(separator: ",").map { GradeBand(String($0)) }
        guard !bands.isEmpty, !bands.contains(nil) else { return nil }
        return bands.map { $0! }
    }

    public func contains(_ grade: Int) -> Bool { (from...to).contains(grade) }

    /// `5-9`.
    public var description: String { "\(from)-\(to)" }

    public static func < (lhs: GradeBand, rhs: GradeBand) -> Bool {
        (lhs.from, lhs.to) < (rhs.from, rhs.to)
    }
}

import Foundation
