/// A group report laid out as sections of tables, charts and notes, in one
/// language; the renderers turn it into Markdown, a terminal table, CSV or HTML.
///
/// It holds no names or ids: only counts, shares and statistics of groups,
/// with the result breakdowns of small groups already suppressed.
public struct ReportDocument: Sendable {
    public var language: Language
    public var title: String
    /// Lines under the title: instrument, year, counts.
    public var meta: [String]
    public var sections: [Section]

    public struct Section: Sendable {
        public var title: String
        /// 1 for a chapter, 2 for a group inside it.
        public var level: Int
        public var blocks: [Block]
        /// Whether printing starts it on a new page.
        public var startsPage: Bool

        init(title: String, level: Int, blocks: [Block], startsPage: Bool? = nil) {
            self.title = title
            self.level = level
            self.blocks = blocks
            self.startsPage = startsPage ?? (level == 1)
        }
    }

    public enum Block: Sendable {
        case paragraph(String)
        /// A short explanation in small print (before a table).
        case note(String)
        /// Something a reader must notice: suppressed results, missing data.
        case notice(String)
        case table(Table)
        case bars(BarChart)
        case stackedBars(StackedBarChart)
    }

    public struct Table: Sendable {
        public var caption: String
        public var columns: [String]
        public var rows: [[Cell]]
        /// Why some cells are hidden, when some are.
        public var footnote: String? = nil
    }

    public enum Cell: Sendable, Hashable {
        case text(String)
        case integer(Int)
        /// A number shown with the given digits after the point; `nil` is a dash.
        case decimal(Double?, digits: Int)
        /// A percentage (0…100) with one digit; `nil` is a dash.
        case percent(Double?)
        /// Met (true), not met (false) or not applicable (nil).
        case status(Bool?)
        /// A value hidden so that no child can be recognised (small-cell
        /// suppression); shown as «…», explained by the table's footnote.
        case hidden
    }

    /// Horizontal bars: one per label, the value a count out of `total`.
    public struct BarChart: Sendable {
        public var caption: String
        public var bars: [(label: String, value: Int)]
        public var total: Int
    }

    /// One bar per row, split into segments (levels low to high).
    public struct StackedBarChart: Sendable {
        public var caption: String
        public var segmentLabels: [String]
        public var rows: [(label: String, values: [Int])]
    }
}

/// The fixed texts of reports in both languages.
struct ReportTexts {
    let language: Language
    func callAsFunction(_ en: String, _ ru: String) -> String { language == .russian ? ru : en }

    func percent(_ value: Double?) -> String {
        guard let value else { return "—" }
        return number(value, digits: 1)
    }

    func number(_ value: Double?, digits: Int) -> String {
        guard let value, value.isFinite else { return "—" }
        var text = String(format: "%.\(digits)f", value)
        if text.hasPrefix("-0"), Double(text) == 0 { text.removeFirst() }
        return language == .russian ? text.replacingOccurrences(of: ".", with: ",") : text
    }

    /// What «…» in a table means.
    func hiddenFootnote(minCell: Int) -> String {
        self("… hidden so that no child can be recognised: the group has fewer than \(minCell) students or sheets (--min-cell), or the value would let a hidden one be computed by subtraction.",
             "… — скрыто, чтобы нельзя было узнать отдельного ребёнка: в группе меньше \(minCell) учащихся или бланков (--min-cell) либо по этому значению вычитанием можно было бы найти скрытое.")
    }

    /// Why a group's median, minimum and maximum are hidden.
    func extremesFootnote(minCell: Int) -> String {
        self("… hidden: the group holds a group with hidden results (fewer than \(minCell), --min-cell), and these values could be a child's own scores.",
             "… — скрыто: в группу входит группа со скрытыми результатами (меньше \(minCell), --min-cell), и эти значения могли бы оказаться баллами отдельного ребёнка.")
    }

    func status(_ met: Bool?) -> String {
        switch met {
        case true?: self("met", "выполнено")
        case false?: self("not met", "не выполнено")
        case nil: "—"
        }
    }
}

import Foundation
