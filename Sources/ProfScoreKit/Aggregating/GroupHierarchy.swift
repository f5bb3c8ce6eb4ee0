/// The groups a report publishes for one school year — the total, each level
/// of `--group-by` and, for coverage, each grade band — with the relations
/// `parent = Σ children` between them, so that ``Suppression`` can decide
/// what to hide.
struct GroupHierarchy {
    struct Node {
        /// The group, cut down to `levels`; `nil` for the total and for bands.
        var key: GroupKey?
        /// The `--group-by` levels of the node (empty for the total, a band or a grade).
        var levels: [GroupLevel]
        /// For a band's node.
        var band: GradeBand?
        var results: GroupResults
        var coverage: Coverage
        /// Whether the report shows the node (a grade over every school, which
        /// bands add up, is not shown).
        var published: Bool
    }

    private(set) var nodes: [Node] = []
    private(set) var relations: [Suppression.Relation] = []
    /// Per `--group-by` position, the node indices of that level in report order.
    private(set) var levelNodes: [[Int]] = []
    /// The node indices of the bands, in the order of the settings.
    private(set) var bandNodes: [Int] = []
    /// Per node, its nodes one `--group-by` level down, in report order.
    private(set) var levelChildren: [Int: [Int]] = [:]
    /// The total's node.
    let total = 0

    /// The hierarchy of results: the total and every level of `--group-by`
    /// (groups with sheets only), each group the sum of its groups one level down.
    /// - Parameters:
    ///   - groups: the groups of one school year.
    ///   - withCoverage: keep only groups with roster counts, and add the bands
    ///     and the grades they sum up (for coverage tables).
    init(groups: [Summary.Group], settings: ReportSettings, instrument: InstrumentSnapshot, coverage withCoverage: Bool = false) {
        let groups = withCoverage ? groups.filter { $0.coverage != nil } : groups
        func sum(_ members: [Summary.Group]) -> (GroupResults, Coverage) {
            var results = instrument.emptyResults()
            var coverage = Coverage()
            for group in members {
                results.merge(group.results)
                if let counts = group.coverage { coverage.merge(counts) }
            }
            return (results, coverage)
        }
        let all = sum(groups)
        nodes.append(Node(key: nil, levels: [], band: nil, results: all.0, coverage: all.1, published: true))
        if withCoverage {
            for band in settings.bands {
                let counts = sum(groups.filter { $0.key.grade.map(band.contains) == true })
                bandNodes.append(nodes.count)
                nodes.append(Node(key: nil, levels: [], band: band, results: counts.0, coverage: counts.1, published: true))
            }
        }
        // Levels of --group-by: each node's parent is its key one level up.
        var previous: [GroupKey: Int] = [:]
        var members: [Int: [Summary.Group]] = [:]
        for position in settings.groupBy.indices {
            let levels = Array(settings.groupBy[...position])
            var table: [GroupKey: [Summary.Group]] = [:]
            for group in groups { table[group.key.restricted(to: levels), default: []].append(group) }
            var indices: [Int] = []
            var current: [GroupKey: Int] = [:]
            var children: [Int: [Int]] = [:]
            for key in table.keys.sorted() {
                let counts = sum(table[key]!)
                if !withCoverage && counts.0.sheets == 0 { continue }
                let index = nodes.count
                nodes.append(Node(key: key, levels: levels, band: nil, results: counts.0, coverage: counts.1, published: true))
                members[index] = table[key]!
                indices.append(index)
                current[key] = index
                let parent = position == 0 ? total : previous[key.restricted(to: Array(settings.groupBy[..<position]))] ?? total
                children[parent, default: []].append(index)
            }
            for parent in children.keys.sorted() { relations.append(.init(parent: parent, children: children[parent]!)) }
            levelChildren.merge(children) { $0 + $1 }
            levelNodes.append(indices)
            previous = current
        }
        // Bands add up grades: each grade over every school is a cell a reader
        // can reach by subtracting bands, so it takes part, unpublished.
        if withCoverage && !settings.bands.isEmpty {
            let gradeLevel = settings.groupBy.firstIndex(of: .grade) ?? (settings.groupBy.isEmpty ? nil : settings.groupBy.count - 1)
            let grades = Set(groups.map(\.key.grade)).sorted { ($0 ?? -1) < ($1 ?? -1) }
            var gradeNodes: [Int?: Int] = [:]
            for grade in grades {
                let counts = sum(groups.filter { $0.key.grade == grade })
                gradeNodes[grade] = nodes.count
                nodes.append(Node(key: GroupKey(grade: grade), levels: [], band: nil, results: counts.0, coverage: counts.1, published: false))
            }
            relations.append(.init(parent: total, children: grades.map { gradeNodes[$0]! }))
            for (band, index) in zip(settings.bands, bandNodes) {
                relations.append(.init(parent: index, children: grades.compactMap { $0 }.filter(band.contains).map { gradeNodes[$0]! }))
            }
            if let gradeLevel {
                // A grade is the sum of the nodes of the grade level that hold it. A
                // node that holds several grades (a school, without grade in
                // --group-by) ties them together: the sum of those grades is the sum
                // of those nodes, an unpublished cell of its own.
                // Union–find over grades (a missing grade as -1).
                var component: [Int: Int] = Dictionary(uniqueKeysWithValues: grades.map { ($0 ?? -1, $0 ?? -1) })
                func root(_ grade: Int?) -> Int {
                    var grade = grade ?? -1
                    while component[grade]! != grade { grade = component[grade]! }
                    return grade
                }
                let held = levelNodes[gradeLevel].map { index in Set(members[index]!.map(\.key.grade)).sorted { ($0 ?? -1) < ($1 ?? -1) } }
                for grades in held where grades.count > 1 {
                    for grade in grades.dropFirst() { component[root(grade)] = root(grades[0]) }
                }
                for first in grades where root(first) == first ?? -1 {
                    let together = grades.filter { root($0) == first }
                    let children = zip(levelNodes[gradeLevel], held).filter { together.contains($0.1[0]) }.map(\.0)
                    if together.count == 1 {
                        relations.append(.init(parent: gradeNodes[first]!, children: children))
                    } else {
                        let counts = sum(groups.filter { together.contains($0.key.grade) })
                        let joined = nodes.count
                        nodes.append(Node(key: nil, levels: [], band: nil, results: counts.0, coverage: counts.1, published: false))
                        relations.append(.init(parent: joined, children: together.map { gradeNodes[$0]! }))
                        relations.append(.init(parent: joined, children: children))
                    }
                }
            }
        }
    }

    /// The groups of the `--group-by` levels in the order a reader compares
    /// them: each group followed by its groups one level down (a grade, then
    /// its classes). A group with exactly one group below holds the same
    /// students and is given once, as the lowest of them (a grade of one
    /// class is that class). The total is not among them.
    var comparisonOrder: [Int] {
        var order: [Int] = []
        func visit(_ node: Int) {
            for var child in levelChildren[node] ?? [] {
                while let below = levelChildren[child], below.count == 1 { child = below[0] }
                order.append(child)
                visit(child)
            }
        }
        var start = total
        while let below = levelChildren[start], below.count == 1 { start = below[0] }
        visit(start)
        return order
    }

    /// Applies the suppression rule to the nodes.
    /// - Parameters:
    ///   - size: the size of a node that the rule compares with `minCell`.
    ///   - known: whether a node's value is known at all (an unknown value is
    ///     shown as a dash: a reader cannot use it, and it needs no protection).
    ///   - forced: nodes to hide as if they were small (what another table hides).
    func suppression(minCell: Int, size: (Node) -> Int, known: (Node) -> Bool = { _ in true }, forced: [Bool]? = nil) -> Suppression {
        Suppression(n: nodes.map(size), published: nodes.map { $0.published && known($0) }, relations: relations, minCell: minCell,
                    forced: forced)
    }

    /// For each node, the node of `other` that is the same group (the total,
    /// or the same key at the same levels), if it has one.
    func counterparts(in other: GroupHierarchy) -> [Int?] {
        var index: [String: Int] = [:]
        func name(_ node: Node) -> String? {
            guard node.published, node.band == nil else { return nil }
            guard let key = node.key else { return "" }
            return node.levels.map(\.rawValue).joined(separator: ",") + "\u{1F}" + [key.school ?? "", key.grade.map(String.init) ?? "", key.className ?? ""].joined(separator: "\u{1F}")
        }
        for (position, node) in other.nodes.enumerated() { if let name = name(node) { index[name] = position } }
        return nodes.map { name($0).flatMap { index[$0] } }
    }

    /// The nodes whose statistics that are not sums (median, minimum,
    /// maximum) are hidden: hidden nodes and every node that holds a hidden
    /// node, since its extremes may be a hidden child's own scores.
    func holdsHidden(_ hidden: [Bool]) -> [Bool] {
        var result = hidden
        var changed = true
        while changed {
            changed = false
            for relation in relations where !result[relation.parent] && relation.children.contains(where: { result[$0] }) {
                result[relation.parent] = true
                changed = true
            }
        }
        return result
    }
}
