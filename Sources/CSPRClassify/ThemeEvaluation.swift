import Foundation

/// Agreement between predicted and gold theme labels: per-theme precision, recall, F1,
/// support and Cohen's kappa; micro and macro averages; the most confused theme pairs.
public struct ThemeEvaluation: Sendable {
  /// Counts for one theme.
  public struct Counts: Sendable {
    /// Items both coded and predicted with the theme.
    public var truePositives = 0
    /// Items predicted with it but not coded.
    public var falsePositives = 0
    /// Items coded with it but not predicted.
    public var falseNegatives = 0
    /// Items neither coded nor predicted with it.
    public var trueNegatives = 0

    /// TP / (TP + FP); 0 when nothing was predicted.
    public var precision: Double {
      truePositives + falsePositives == 0
        ? 0 : Double(truePositives) / Double(truePositives + falsePositives)
    }
    /// TP / (TP + FN); 0 when nothing was coded.
    public var recall: Double {
      truePositives + falseNegatives == 0
        ? 0 : Double(truePositives) / Double(truePositives + falseNegatives)
    }
    /// The harmonic mean of precision and recall.
    public var f1: Double {
      precision + recall == 0 ? 0 : 2 * precision * recall / (precision + recall)
    }
    /// How many items are coded with the theme.
    public var support: Int { truePositives + falseNegatives }
    /// Cohen's kappa for the theme as a yes/no code.
    public var kappa: Double {
      let n = Double(truePositives + falsePositives + falseNegatives + trueNegatives)
      guard n > 0 else { return 0 }
      let observed = Double(truePositives + trueNegatives) / n
      let yesGold = Double(truePositives + falseNegatives) / n
      let yesPredicted = Double(truePositives + falsePositives) / n
      let expected = yesGold * yesPredicted + (1 - yesGold) * (1 - yesPredicted)
      return expected >= 1 ? 1 : (observed - expected) / (1 - expected)
    }
  }

  /// Counts per theme id.
  public private(set) var themes: [String: Counts] = [:]
  /// How often a coded theme was missed while another was predicted wrongly in the same item.
  public private(set) var confusions: [String: Int] = [:]
  /// Items compared.
  public private(set) var items = 0

  /// Starts an evaluation over the given theme ids.
  public init(themeIDs: [String]) {
    for id in themeIDs { themes[id] = Counts() }
  }

  /// Adds one item's comparison.
  public mutating func add(gold: Set<String>, predicted: Set<String>) {
    items += 1
    for id in Set(themes.keys).union(gold).union(predicted) {
      var counts = themes[id] ?? Counts()
      switch (gold.contains(id), predicted.contains(id)) {
      case (true, true): counts.truePositives += 1
      case (false, true): counts.falsePositives += 1
      case (true, false): counts.falseNegatives += 1
      case (false, false): counts.trueNegatives += 1
      }
      themes[id] = counts
    }
    for missed in gold.subtracting(predicted) {
      for wrong in predicted.subtracting(gold) {
        confusions["\(missed) → \(wrong)", default: 0] += 1
      }
    }
  }

  /// Sums over themes, then precision, recall and F1.
  public var micro: (precision: Double, recall: Double, f1: Double) {
    var total = Counts()
    for counts in themes.values {
      total.truePositives += counts.truePositives
      total.falsePositives += counts.falsePositives
      total.falseNegatives += counts.falseNegatives
    }
    return (total.precision, total.recall, total.f1)
  }

  /// Means over the themes that the gold labels use.
  public var macro: (precision: Double, recall: Double, f1: Double, kappa: Double) {
    let used = themes.values.filter { $0.support > 0 }
    guard !used.isEmpty else { return (0, 0, 0, 0) }
    let count = Double(used.count)
    return (
      used.map(\.precision).reduce(0, +) / count, used.map(\.recall).reduce(0, +) / count,
      used.map(\.f1).reduce(0, +) / count, used.map(\.kappa).reduce(0, +) / count
    )
  }

  /// The table researchers read, ending with the line `macro-F1: 0.xx`; `parts` adds a line
  /// of micro and macro F1 for each named part of the items (by kind, say).
  public func report(title: String, parts: [(name: String, evaluation: ThemeEvaluation)] = [])
    -> String
  {
    var lines = [
      title, "", "theme                        precision  recall     f1  kappa  support",
    ]
    for id in themes.keys.sorted() {
      guard let counts = themes[id], counts.support > 0 || counts.falsePositives > 0 else {
        continue
      }
      lines.append(
        id.padding(toLength: 28, withPad: " ", startingAt: 0)
          + String(
            format: "%10.3f %7.3f %6.3f %6.3f %8d", counts.precision, counts.recall, counts.f1,
            counts.kappa, counts.support))
    }
    let micro = self.micro
    let macro = self.macro
    lines.append("")
    lines.append(
      String(
        format: "micro: precision %.3f  recall %.3f  F1 %.3f", micro.precision, micro.recall,
        micro.f1))
    lines.append(
      String(
        format: "macro: precision %.3f  recall %.3f  F1 %.3f  kappa %.3f  (%d items)",
        macro.precision, macro.recall, macro.f1, macro.kappa, items))
    if !parts.isEmpty {
      lines.append("")
      for part in parts where part.evaluation.items > 0 {
        lines.append(
          part.name.padding(toLength: 16, withPad: " ", startingAt: 0)
            + String(
              format: "%4d items  micro-F1 %.3f  macro-F1 %.3f", part.evaluation.items,
              part.evaluation.micro.f1, part.evaluation.macro.f1))
      }
    }
    let confused = confusions.sorted { ($0.value, $1.key) > ($1.value, $0.key) }.prefix(8)
    if !confused.isEmpty {
      lines.append("")
      lines.append("most confused (coded → predicted instead):")
      for (pair, count) in confused { lines.append("  \(count)× \(pair)") }
    }
    lines.append("")
    lines.append(String(format: "macro-F1: %.2f", macro.f1))
    return lines.joined(separator: "\n") + "\n"
  }
}
