extension InstrumentDecoder {
    /// Scores every test vector and reports each difference from its expectation.
    mutating func checkTestVectors(of instrument: Instrument) {
        guard !instrument.testVectors.isEmpty else { return }
        let scorer = Scorer(instrument: instrument)
        for (index, vector) in instrument.testVectors.enumerated() {
            let path = "$.testVectors[\(index)]"
            let position = JSONNode.Position(line: vector.line, lineStart: 0, offset: 0)
            var ok = true
            for itemID in vector.answers.keys.sorted() where scorer.itemIndex(normalizedID: TokenNormalizer.normalize(itemID)) == nil {
                vectorError(position, path + ".answers", en: "unknown item '\(itemID)'", ru: "неизвестный пункт «\(itemID)»")
                ok = false
            }
            for scaleID in vector.expectedScores.keys.sorted() where !instrument.scales.contains(where: { $0.id == scaleID }) {
                vectorError(position, path + ".expect.scores", en: "unknown scale '\(scaleID)'", ru: "неизвестная шкала «\(scaleID)»")
                ok = false
            }
            guard ok else { continue }
            let result = scorer.score(answers: vector.answers)
            for (scaleIndex, scale) in instrument.scales.enumerated() {
                guard let expected = vector.expectedScores[scale.id] else { continue }
                let actual = result.scores[scaleIndex]
                let same = switch (expected, actual) {
                case (nil, nil): true
                case let (e?, a?): abs(e - a) <= 1e-4
                default: false
                }
                if !same {
                    let e = expected.map(format) ?? "invalid", a = actual.map(format) ?? "invalid"
                    let eRu = expected.map(format) ?? "недействительна", aRu = actual.map(format) ?? "недействительна"
                    vectorError(position, path + ".expect.scores.\(scale.id)",
                                en: "test vector '\(vector.name)' fails: scale '\(scale.id)' expected \(e), the key gives \(a)",
                                ru: "контрольный пример «\(vector.name)» не сходится: шкала «\(scale.id)» ожидалось \(eRu), по ключу получается \(aRu)")
                }
            }
            if let expectedLeading = vector.expectedLeading {
                let actual: [String]
                switch result.leading {
                case .types(let types): actual = types.map { instrument.scales[$0].id }
                case .noPronouncedInterest, .notApplicable, .undetermined: actual = []
                }
                if actual != expectedLeading {
                    vectorError(position, path + ".expect.leading",
                                en: "test vector '\(vector.name)' fails: leading type expected [\(expectedLeading.joined(separator: ", "))], the key gives [\(actual.joined(separator: ", "))]",
                                ru: "контрольный пример «\(vector.name)» не сходится: ведущий тип ожидался [\(expectedLeading.joined(separator: ", "))], по ключу получается [\(actual.joined(separator: ", "))]")
                }
            }
        }
    }

    private mutating func vectorError(_ position: JSONNode.Position, _ path: String, en: String, ru: String) {
        diagnostics.append(Diagnostic(.error, file: file, line: position.line, column: nil, path: path, Message(en: en, ru: ru)))
    }
}
