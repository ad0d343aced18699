import Foundation

/// Inter-coder agreement on theme codes: how far independent coders of the same items agree,
/// pair by pair and theme by theme, and how each agrees with the adjudicated codes.
public struct CoderAgreement: Sendable {
  /// One comparison: coder `first` taken as reference, `second` as the other coding.
  public struct Pair: Sendable {
    /// The reference coder's name.
    public let first: String
    /// The other coder's name.
    public let second: String
    /// The counts of the comparison (precision and recall are of `second` against `first`).
    public let evaluation: ThemeEvaluation
  }

  /// Every pair of coders, in name order.
  public private(set) var pairs: [Pair] = []
  /// Each coder against the adjudicated codes.
  public private(set) var againstAdjudicated: [Pair] = []
  /// Items coded by every coder.
  public let items: Int

  /// Compares the codings of items that every named coder coded; `adjudicated` holds the
  /// final codes of the same items.
  public init(
    themeIDs: [String], codings: [[String: Set<String>]], adjudicated: [Set<String>]
  ) {
    let names = Set(codings.flatMap(\.keys)).sorted()
    let complete = codings.indices.filter { index in
      names.allSatisfy { codings[index][$0] != nil }
    }
    items = complete.count
    func compare(_ reference: (Int) -> Set<String>, _ other: (Int) -> Set<String>)
      -> ThemeEvaluation
    {
      var evaluation = ThemeEvaluation(themeIDs: themeIDs)
      for index in complete { evaluation.add(gold: reference(index), predicted: other(index)) }
      return evaluation
    }
    for (offset, first) in names.enumerated() {
      for second in names.dropFirst(offset + 1) {
        pairs.append(
          Pair(
            first: first, second: second,
            evaluation: compare({ codings[$0][first] ?? [] }, { codings[$0][second] ?? [] })))
      }
      againstAdjudicated.append(
        Pair(
          first: "adjudicated", second: first,
          evaluation: compare({ adjudicated[$0] }, { codings[$0][first] ?? [] })))
    }
  }

  /// Each theme's kappa averaged over the coder pairs, for themes any coder used.
  public var themeKappas: [(theme: String, kappa: Double, support: Int)] {
    guard let first = pairs.first else { return [] }
    return first.evaluation.themes.keys.sorted().compactMap { theme in
      let counts = pairs.compactMap { $0.evaluation.themes[theme] }
      let used = counts.contains { $0.support > 0 || $0.falsePositives > 0 }
      guard used else { return nil }
      let kappa = counts.map(\.kappa).reduce(0, +) / Double(counts.count)
      let support = counts.map { $0.support + $0.falsePositives }.max() ?? 0
      return (theme, kappa, support)
    }
  }

  /// The report: pairs, coders against the adjudicated codes, and themes by agreement.
  public func report() -> String {
    var lines = ["inter-coder agreement: \(items) items coded by every coder", ""]
    func table(_ title: String, _ rows: [Pair]) {
      lines.append(title)
      lines.append("                                micro-F1  macro-kappa")
      for pair in rows {
        lines.append(
          "\(pair.first) ↔ \(pair.second)".padding(toLength: 32, withPad: " ", startingAt: 0)
            + String(format: "%8.3f %12.3f", pair.evaluation.micro.f1, pair.evaluation.macro.kappa))
      }
      lines.append("")
    }
    table("coder pairs", pairs)
    table("each coder against the adjudicated codes", againstAdjudicated)
    if !pairs.isEmpty {
      lines.append("themes, least agreed first (kappa averaged over coder pairs):")
      for row in themeKappas.sorted(by: { ($0.kappa, $0.theme) < ($1.kappa, $1.theme) }) {
        lines.append(
          row.theme.padding(toLength: 28, withPad: " ", startingAt: 0)
            + String(format: "%7.3f  (up to %d items)", row.kappa, row.support))
      }
      lines.append("")
      let mean = pairs.map(\.evaluation.macro.kappa).reduce(0, +) / Double(pairs.count)
      lines.append(String(format: "mean pairwise macro-kappa: %.2f", mean))
    }
    return lines.joined(separator: "\n") + "\n"
  }
}
