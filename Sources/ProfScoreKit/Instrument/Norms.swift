/// The norms of an instrument: for each norm group (say, grade-9 girls), a
/// table per scale that turns a raw score into a percentile rank, a sten and
/// a T-score.
///
/// Norms are part of the instrument file (the optional top-level key `norms`,
/// see `docs/instrument-format.md`) and are checked when it is loaded.
/// `profscore norms` builds them from a sample with ``NormBuilder``; with
/// norms, `profscore score` adds each respondent's percentile rank and sten
/// from their norm group.
///
/// ```swift
/// let instrument = try Instrument.load(contentsOf: "pilot-normed.json")
/// let result = Scorer(instrument: instrument).score(answers: answers)
/// if let norms = instrument.norms,
///    let group = norms.group(for: Norms.Values(grade: 9, sex: .female)) {
///     let rows = group.rows(for: result)   // per scale: percentile, sten, T
/// }
/// ```
public struct Norms: Sendable, Hashable {
    /// The lowest minimum group size a file or `profscore norms --min-n` may set.
    public static let lowestMinimumN = 10
    /// The minimum group size when the file does not set `minimumN`.
    public static let defaultMinimumN = 30

    /// What norm groups are told apart by.
    public enum Variable: String, Sendable, Hashable, CaseIterable {
        /// The school grade (параллель): from a grade column of the sheet, or
        /// the number a class name starts with («9Б» → 9).
        case grade
        /// The respondent's sex, from a column such as `пол`.
        case sex
    }

    /// A respondent's sex as norm groups tell it.
    public enum Sex: String, Sendable, Hashable, CaseIterable {
        case male
        case female

        /// Reads a sheet cell: `м`, `муж`, `мужской`, `мальчик`, `юноша`, `m`,
        /// `male`, `boy` are male; `ж`, `жен`, `женский`, `девочка`, `девушка`,
        /// `f`, `female`, `girl` are female (case and a final `.` ignored).
        /// - Returns: `nil` for an empty cell or any other text.
        public init?(cell: String) {
            self.init(cell: cell, codes: [:])
        }

        /// Reads a sheet cell as ``init(cell:)`` does, and also the codes a
        /// data set uses (`1` → male, `2` → female: ``Norms/sexCodes``).
        public init?(cell: String, codes: [String: Sex]) {
            var key = TokenNormalizer.normalize(cell)
            if key.last == 0x2E { key.removeLast() }
            if let sex = Self.spellings[key] {
                self = sex
            } else if let sex = codes.first(where: { TokenNormalizer.normalize($0.key) == key })?.value {
                self = sex
            } else {
                return nil
            }
        }

        private static let spellings: [[UInt8]: Sex] = {
            var table: [[UInt8]: Sex] = [:]
            for word in ["м", "муж", "мужской", "мужчина", "мальчик", "юноша", "m", "male", "man", "boy"] {
                table[TokenNormalizer.normalize(word)] = .male
            }
            for word in ["ж", "жен", "женский", "женщина", "девочка", "девушка", "f", "female", "woman", "girl"] {
                table[TokenNormalizer.normalize(word)] = .female
            }
            return table
        }()
    }

    /// How the stens and T-scores of the tables were derived from the raw scores.
    public enum Method: String, Sendable, Hashable, CaseIterable {
        /// Normalised: z = Φ⁻¹(PR / 100), sten = round(2z + 5.5) within 1…10,
        /// T = round(10z + 50). What `profscore norms` writes.
        case normalized
        /// Linear: z = (raw − mean) ÷ SD of the norm group, then sten and T as above.
        case linear
        /// Any other method, described in the norms' `notes`.
        case other
    }

    /// The values that define a norm group, or a respondent's values for them.
    public struct Values: Sendable, Hashable, Comparable {
        /// The grade, when the group or respondent has one.
        public var grade: Int?
        /// The sex, when the group or respondent has one.
        public var sex: Sex?

        /// Creates values; leave out what does not apply.
        public init(grade: Int? = nil, sex: Sex? = nil) {
            self.grade = grade
            self.sex = sex
        }

        /// The values as written in the `norm_group` column of `profscore
        /// score`: `grade=9 sex=female`, or `all` when there are none.
        public var label: String {
            var parts: [String] = []
            if let grade { parts.append("grade=\(grade)") }
            if let sex { parts.append("sex=\(sex.rawValue)") }
            return parts.isEmpty ? "all" : parts.joined(separator: " ")
        }

        /// The values restricted to some variables (the others set to `nil`).
        public func restricted(to variables: [Variable]) -> Values {
            Values(grade: variables.contains(.grade) ? grade : nil, sex: variables.contains(.sex) ? sex : nil)
        }

        public static func < (lhs: Values, rhs: Values) -> Bool {
            if lhs.grade != rhs.grade { return (lhs.grade ?? -1) < (rhs.grade ?? -1) }
            let order = Sex.allCases
            return (lhs.sex.flatMap(order.firstIndex) ?? -1) < (rhs.sex.flatMap(order.firstIndex) ?? -1)
        }
    }

    /// One row of a norm table: what a raw score means in the norm group.
    public struct Row: Sendable, Hashable {
        /// The raw score.
        public var raw: Double
        /// The percentile rank, 0…100: the percentage of the norm group that
        /// scored below, counting half of those with the same score.
        public var percentile: Double
        /// The sten, 1…10 (mean 5.5, SD 2).
        public var sten: Int
        /// The T-score (mean 50, SD 10).
        public var t: Int

        /// Creates a row.
        public init(raw: Double, percentile: Double, sten: Int, t: Int) {
            self.raw = raw
            self.percentile = percentile
            self.sten = sten
            self.t = t
        }
    }

    /// The norm table of one scale in one group: a row for every possible
    /// raw score, ascending.
    public struct Table: Sendable, Hashable {
        /// The rows, by ascending raw score.
        public var rows: [Row]

        /// Creates a table from rows sorted by raw score.
        public init(rows: [Row]) { self.rows = rows }

        /// Two raw scores closer than this are the same (scores are written
        /// with at most four decimals).
        public static let tolerance = 5e-5

        /// The row of a raw score.
        /// - Returns: `nil` when the table has no row for it.
        /// - Complexity: O(log rows).
        public func row(for raw: Double) -> Row? {
            var low = 0, high = rows.count - 1
            while low <= high {
                let middle = (low + high) / 2
                let value = rows[middle].raw
                if abs(value - raw) <= Self.tolerance { return rows[middle] }
                if value < raw { low = middle + 1 } else { high = middle - 1 }
            }
            return nil
        }
    }

    /// One norm group: its defining values, its sample size and its tables.
    public struct Group: Sendable, Hashable {
        /// The values respondents must have to belong to it (one for each of
        /// the norms' ``Norms/groupBy`` variables).
        public var values: Values
        /// The number of respondents the tables were built from.
        public var n: Int
        /// Per scale, in the instrument's order: its table, or `nil` when the
        /// group has none for that scale.
        public var tables: [Table?]

        /// Creates a group.
        public init(values: Values, n: Int, tables: [Table?]) {
            self.values = values
            self.n = n
            self.tables = tables
        }

        /// The norm-table row of one scale's raw score.
        /// - Parameters:
        ///   - scale: the scale's index in ``Instrument/scales``.
        ///   - raw: the raw score.
        /// - Returns: `nil` when the group has no table for the scale or the table no row for the score.
        public func row(scale: Int, raw: Double) -> Row? {
            guard scale < tables.count, let table = tables[scale] else { return nil }
            return table.row(for: raw)
        }

        /// The norm-table rows of a respondent's scores, per scale; `nil`
        /// where the scale was not scored or has no table in this group.
        public func rows(for result: RespondentScore) -> [Row?] {
            result.scores.enumerated().map { index, score in score.flatMap { row(scale: index, raw: $0) } }
        }
    }

    /// How the stens and T-scores were derived.
    public var method: Method
    /// Who the norm sample was: where, when, how many, how chosen.
    public var sample: LocalizedText
    /// Anything else a user must know about the norms.
    public var notes: LocalizedText?
    /// No norm group may be smaller than this.
    public var minimumN: Int
    /// The variables that define the groups, in order; empty: one group for everybody.
    public var groupBy: [Variable]
    /// The norm groups.
    public var groups: [Group]
    /// Codes of the sex column besides the words (`"1": male`, `"2": female`),
    /// as the sample was coded; scoring reads sheets with the same codes.
    public var sexCodes: [String: Sex]

    /// Creates norms.
    public init(method: Method, sample: LocalizedText, notes: LocalizedText? = nil, minimumN: Int = Norms.defaultMinimumN,
                groupBy: [Variable], groups: [Group], sexCodes: [String: Sex] = [:]) {
        self.sexCodes = sexCodes
        self.method = method
        self.sample = sample
        self.notes = notes
        self.minimumN = minimumN
        self.groupBy = groupBy
        self.groups = groups
    }

    /// The index of the group a respondent with these values belongs to:
    /// the group whose values equal theirs in every ``groupBy`` variable.
    /// - Returns: `nil` when no group has their values.
    public func groupIndex(for values: Values) -> Int? {
        let wanted = values.restricted(to: groupBy)
        return groups.firstIndex { $0.values == wanted }
    }

    /// The group a respondent with these values belongs to, as ``groupIndex(for:)`` finds it.
    public func group(for values: Values) -> Group? {
        groupIndex(for: values).map { groups[$0] }
    }
}
