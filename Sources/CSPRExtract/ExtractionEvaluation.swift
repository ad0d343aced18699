import CSPRModel
import Foundation

/// Precision and recall of extracted items against gold annotations, per kind.
///
/// Also the accuracy of each metadata field. An item matches a gold item of the same kind when
/// their normalised texts are at least 90% similar (1 − edit distance / longer length).
public struct ExtractionEvaluation: Sendable {
  /// Counts for one kind of item.
  public struct KindScore: Sendable, Codable {
    /// Extracted items that matched a gold item.
    public var truePositives = 0
    /// Extracted items that matched none.
    public var falsePositives = 0
    /// Gold items that nothing matched.
    public var falseNegatives = 0
    /// Share of extracted items that are right.
    public var precision: Double {
      let found = truePositives + falsePositives
      return found == 0 ? 1 : Double(truePositives) / Double(found)
    }
    /// Share of gold items that were found.
    public var recall: Double {
      let gold = truePositives + falseNegatives
      return gold == 0 ? 1 : Double(truePositives) / Double(gold)
    }
  }

  /// Scores per kind.
  public var kinds: [ItemKind: KindScore] = [:]
  /// Per metadata field: (correct, total).
  public var fields: [String: (correct: Int, total: Int)] = [:]
  /// Human-readable lines for every miss, to guide fixes.
  public var misses: [String] = []

  /// The similarity threshold for a match.
  public static let threshold = 0.9

  /// Creates an empty evaluation.
  public init() {}

  /// Adds one review's comparison.
  public mutating func add(
    doc: String, extracted: ExtractedReview, gold: [GoldRecord]
  ) {
    for kind in ItemKind.allCases {
      let mine = extracted.items.filter { $0.kind == kind }.map { Self.normalise($0.text) }
      let theirs = gold.filter { !$0.isReview && $0.kind == kind }.compactMap(\.text)
      var unmatchedGold = Array(theirs.indices)
      var score = kinds[kind] ?? KindScore()
      for (index, text) in mine.enumerated() {
        if let hit = unmatchedGold.firstIndex(where: {
          Self.similarity(text, Self.normalise(theirs[$0])) >= Self.threshold
        }) {
          unmatchedGold.remove(at: hit)
          score.truePositives += 1
        } else {
          score.falsePositives += 1
          let original = extracted.items.filter { $0.kind == kind }[index].text
          misses.append("\(doc): extra \(kind.rawValue): \(original.prefix(100))")
        }
      }
      score.falseNegatives += unmatchedGold.count
      for index in unmatchedGold {
        misses.append("\(doc): missed \(kind.rawValue): \(theirs[index].prefix(100))")
      }
      kinds[kind] = score
    }
    guard let review = gold.first(where: \.isReview) else { return }
    let metadata = extracted.metadata
    func check(_ field: String, _ ok: Bool, _ got: String, _ want: String) {
      var entry = fields[field] ?? (0, 0)
      entry.total += 1
      if ok {
        entry.correct += 1
      } else {
        misses.append("\(doc): \(field): got \(got), want \(want)")
      }
      fields[field] = entry
    }
    func same(_ a: String?, _ b: String?) -> Bool {
      switch (a, b) {
      case (nil, nil): true
      case (let a?, let b?): Self.similarity(Self.normalise(a), Self.normalise(b)) >= Self.threshold
      default: false
      }
    }
    func show(_ value: (some CustomStringConvertible)?) -> String { value.map { "\($0)" } ?? "nil" }
    check("title", same(metadata.title, review.title), show(metadata.title), show(review.title))
    check(
      "partnership", same(metadata.partnership, review.partnership), show(metadata.partnership),
      show(review.partnership))
    check("year", metadata.year == review.year, show(metadata.year), show(review.year))
    check(
      "review_type", metadata.reviewType?.rawValue == review.reviewType,
      show(metadata.reviewType?.rawValue), show(review.reviewType))
    check("child", same(metadata.child, review.child), show(metadata.child), show(review.child))
    check(
      "child_age_months", metadata.childAgeMonths == review.childAgeMonths,
      show(metadata.childAgeMonths), show(review.childAgeMonths))
    check("sex", metadata.sex == review.sex, show(metadata.sex), show(review.sex))
    check(
      "outcome", metadata.outcome?.rawValue == review.outcome, show(metadata.outcome?.rawValue),
      show(review.outcome))
  }

  /// Lowercase letters and digits with single spaces: punctuation and layout do not count.
  public static func normalise(_ text: String) -> [UInt8] {
    var out: [UInt8] = []
    out.reserveCapacity(text.utf8.count)
    var space = false
    for scalar in text.lowercased().unicodeScalars {
      if scalar.properties.isAlphabetic || ("0"..."9").contains(scalar) {
        if space && !out.isEmpty { out.append(32) }
        space = false
        out.append(contentsOf: Array(String(scalar).utf8))
      } else {
        space = true
      }
    }
    return out
  }

  /// 1 − Levenshtein distance / longer length, on bytes; 0 when lengths alone rule a match out.
  public static func similarity(_ a: [UInt8], _ b: [UInt8]) -> Double {
    let longer = max(a.count, b.count)
    if longer == 0 { return 1 }
    if Double(min(a.count, b.count)) < Double(longer) * threshold { return 0 }
    var previous = Array(0...b.count)
    var current = [Int](repeating: 0, count: b.count + 1)
    for i in 1...max(1, a.count) where !a.isEmpty {
      current[0] = i
      for j in 1...max(1, b.count) where !b.isEmpty {
        let cost = a[i - 1] == b[j - 1] ? 0 : 1
        current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
      }
      swap(&previous, &current)
    }
    return 1 - Double(previous[b.count]) / Double(longer)
  }

  /// The report as plain text: a table per kind and per field.
  public var report: String {
    var lines = ["kind            precision  recall  matched  extracted  gold"]
    for kind in ItemKind.allCases {
      let score = kinds[kind] ?? KindScore()
      let name = kind.rawValue.padding(toLength: 16, withPad: " ", startingAt: 0)
      lines.append(
        name
          + String(
            format: "%9.3f  %6.3f  %7d  %9d  %4d", score.precision, score.recall,
            score.truePositives, score.truePositives + score.falsePositives,
            score.truePositives + score.falseNegatives))
    }
    lines.append("")
    lines.append("metadata field    accuracy  correct/total")
    for field in [
      "title", "partnership", "year", "review_type", "child", "child_age_months", "sex", "outcome",
    ] {
      let entry = fields[field] ?? (0, 0)
      let accuracy = entry.total == 0 ? 1 : Double(entry.correct) / Double(entry.total)
      lines.append(
        field.padding(toLength: 16, withPad: " ", startingAt: 0)
          + String(format: "%10.3f  %d/%d", accuracy, entry.correct, entry.total))
    }
    return lines.joined(separator: "\n") + "\n"
  }
}
