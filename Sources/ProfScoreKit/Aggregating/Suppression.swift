/// Small-cell suppression that survives subtraction: which groups of a
/// published hierarchy must be hidden so that no hidden value can be computed
/// from the shown ones (`docs/privacy.md`).
///
/// The groups are cells with a size `n`; the hierarchy is a list of relations
/// `parent = Σ children` that every additive statistic obeys (sheet counts,
/// histograms, level, leading-type and profile counts, sums behind means and
/// SDs, flag counts). The rule, as statistical offices apply it (τ-ARGUS,
/// R's sdcTable):
///
/// 1. Primary: every cell with `n < minCell` is sensitive and hidden.
/// 2. Complementary, to a fixed point: a relation (parent and children) with
///    exactly one hidden member hides one more — the shown child with the
///    smallest `n` (ties: the first in report order), or the parent when no
///    child is left.
/// 3. Audit: overlapping relations (grade bands that share a grade) can still
///    give a hidden cell as a combination of several relations (5–9 + 9–11 −
///    5–11 = grade 9). The relations restricted to the hidden cells are
///    reduced exactly; a hidden cell that is a combination of shown values
///    makes one more cell hidden — the shown cell with the smallest `n` among
///    those the combination uses — and the rule runs again.
///
/// Cells that a report never shows (the total of one grade over every school,
/// which only bands add up) can take part as *unpublished* cells: they are
/// unknown to a reader, and when sensitive they must stay unknown too.
///
/// This is the only place where the rule is written; every table of a group
/// report (from `report` and from `merge`) takes its hidden cells from here.
struct Suppression: Sendable {
    /// One relation: `parent = Σ children` (cell indices).
    struct Relation: Sendable, Hashable {
        var parent: Int
        var children: [Int]
    }

    /// Cell sizes, in report order.
    let n: [Int]
    /// Whether each cell is shown in the report (unpublished cells are hidden by nature).
    let published: [Bool]
    let relations: [Relation]
    let minCell: Int

    /// Hidden published cells (primary and complementary).
    private(set) var suppressed: [Bool]
    /// Cells with `n < minCell`.
    let sensitive: [Bool]

    /// Applies the rule.
    /// - Parameters:
    ///   - n: the size of each cell (the number of sheets the statistics are of).
    ///   - published: whether each cell is shown; all shown when `nil`.
    ///   - relations: `parent = Σ children`, over cell indices.
    ///   - minCell: the smallest size shown.
    ///   - forced: cells to hide as if they were small (what another table of
    ///     the same data hides); none when `nil`.
    init(n: [Int], published: [Bool]? = nil, relations: [Relation], minCell: Int, forced: [Bool]? = nil) {
        self.n = n
        self.published = published ?? Array(repeating: true, count: n.count)
        self.relations = relations.filter { !$0.children.isEmpty }
        self.minCell = minCell
        let small = n.map { $0 < minCell }, shown = published ?? Array(repeating: true, count: n.count)
        let forced = forced ?? Array(repeating: false, count: n.count)
        sensitive = small
        suppressed = n.indices.map { (small[$0] || forced[$0]) && shown[$0] }
        var relationsOf = Array(repeating: [Int](), count: n.count)
        for (index, relation) in self.relations.enumerated() {
            for member in [relation.parent] + relation.children { relationsOf[member].append(index) }
        }
        while true {
            completeRelations()
            var pick: Int?
            for (cell, combination) in audit() {
                // The shown cells the combination uses: hiding one of them takes the cell's value out of reach.
                var weight: [Int: Int] = [:]
                for (relation, factor) in combination {
                    weight[self.relations[relation].parent, default: 0] += factor
                    for child in self.relations[relation].children { weight[child, default: 0] -= factor }
                }
                var candidates = weight.filter { $0.value != 0 && isShown($0.key) }.map(\.key)
                if candidates.isEmpty {
                    // Not expected (the data would have to be zero); fall back to the cell's own relations.
                    candidates = relationsOf[cell].flatMap { [self.relations[$0].parent] + self.relations[$0].children }.filter(isShown)
                }
                pick = candidates.min { (self.n[$0], $0) < (self.n[$1], $1) }
                if pick != nil { break }
            }
            guard let pick else { break }
            suppressed[pick] = true
        }
    }

    /// Whether a cell is hidden (suppressed or never published).
    func isHidden(_ cell: Int) -> Bool { suppressed[cell] || !published[cell] }

    private func isShown(_ cell: Int) -> Bool { !isHidden(cell) }

    /// A hidden cell that must not be computable: suppressed, or unpublished and sensitive.
    private func isProtected(_ cell: Int) -> Bool { suppressed[cell] || (!published[cell] && sensitive[cell]) }

    /// Steps 1–2: no relation keeps exactly one hidden member that needs protecting.
    private mutating func completeRelations() {
        var changed = true
        while changed {
            changed = false
            for relation in relations {
                let members = [relation.parent] + relation.children
                let hidden = members.filter(isHidden)
                guard hidden.count == 1, isProtected(hidden[0]) else { continue }
                let shownChildren = relation.children.filter(isShown)
                if let child = shownChildren.min(by: { (n[$0], $0) < (n[$1], $1) }) {
                    suppressed[child] = true
                } else if isShown(relation.parent) {
                    suppressed[relation.parent] = true
                } else {
                    continue
                }
                changed = true
            }
        }
    }

    /// Step 3: the protected hidden cells that a combination of relations
    /// gives from shown values alone, each with that combination (relation →
    /// integer factor), in cell order.
    private func audit() -> [(cell: Int, combination: [Int: Int])] {
        struct Row {
            var coefficients: [Int: Int]
            var combination: [Int: Int]
        }
        var basis: [Int: Row] = [:]
        var overflow = false

        /// a·x − b·y, divided by the gcd of its coefficients; `nil` on overflow.
        func combine(_ x: Row, _ a: Int, _ y: Row, _ b: Int) -> Row? {
            func mix(_ u: [Int: Int], _ v: [Int: Int]) -> [Int: Int]? {
                var out: [Int: Int] = [:]
                for (key, value) in u {
                    let (product, o) = value.multipliedReportingOverflow(by: a)
                    if o { return nil }
                    out[key] = product
                }
                for (key, value) in v {
                    let (product, o1) = value.multipliedReportingOverflow(by: b)
                    let (sum, o2) = (out[key] ?? 0).subtractingReportingOverflow(product)
                    if o1 || o2 { return nil }
                    out[key] = sum
                }
                return out.filter { $0.value != 0 }
            }
            guard let coefficients = mix(x.coefficients, y.coefficients), let combination = mix(x.combination, y.combination) else { return nil }
            var divisor = 0
            for value in coefficients.values { divisor = gcd(divisor, value) }
            for value in combination.values { divisor = gcd(divisor, value) }
            if let pivot = coefficients.keys.min(), coefficients[pivot]! < 0 { divisor = -divisor }
            guard divisor != 0 else { return Row(coefficients: coefficients, combination: combination) }
            return Row(coefficients: coefficients.mapValues { $0 / divisor }, combination: combination.mapValues { $0 / divisor })
        }

        // Echelon form: each basis row's pivot is its lowest hidden cell.
        for (index, relation) in relations.enumerated() {
            var coefficients: [Int: Int] = [:]
            if isHidden(relation.parent) { coefficients[relation.parent, default: 0] += 1 }
            for child in relation.children where isHidden(child) { coefficients[child, default: 0] -= 1 }
            var row = Row(coefficients: coefficients.filter { $0.value != 0 }, combination: [index: 1])
            while let pivot = row.coefficients.keys.min() {
                guard let base = basis[pivot] else { basis[pivot] = row; break }
                guard let reduced = combine(row, base.coefficients[pivot]!, base, row.coefficients[pivot]!) else { overflow = true; break }
                row = reduced
            }
            if overflow { break }
        }
        // Reduced form: every pivot only in its own row.
        let pivots = basis.keys.sorted(by: >)
        for pivot in pivots where !overflow {
            let row = basis[pivot]!
            for other in pivots where other < pivot {
                guard let factor = basis[other]!.coefficients[pivot] else { continue }
                guard let reduced = combine(basis[other]!, row.coefficients[pivot]!, row, factor) else { overflow = true; break }
                basis[other] = reduced
            }
        }
        if overflow {
            // Exact arithmetic ran out of range (not seen in practice): treat every protected cell as exposed.
            return n.indices.filter(isProtected).map { ($0, [:]) }
        }
        return basis.values
            .filter { $0.coefficients.count == 1 && isProtected($0.coefficients.keys.first!) }
            .map { ($0.coefficients.keys.first!, $0.combination) }
            .sorted { $0.cell < $1.cell }
    }
}

private func gcd(_ a: Int, _ b: Int) -> Int {
    var (x, y) = (abs(a), abs(b))
    while y != 0 { (x, y) = (y, x % y) }
    return x
}
