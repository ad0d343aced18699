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
  /// Per item, the themes it was coded or predicted with, for resampling.
  private var outcomes: [[(theme: String, gold: Bool, predicted: Bool)]] = []

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
    outcomes.append(
      gold.union(predicted).map { ($0, gold.contains($0), predicted.contains($0)) })
    for missed in gold.subtracting(predicted) {
      for wrong in predicted.subtracting(gold) {
        confusions["\(missed) → \(wrong)", default: 0] += 1
      }
    }
  }

  /// Sums over themes, then precision, recall and F1.
  public var micro: (precision: Double, recall: Double, f1: Double) {
    let total = Self.summed(themes.values)
    return (total.precision, total.recall, total.f1)
  }

  /// Means over the themes that the gold labels use.
  public var macro: (precision: Double, recall: Double, f1: Double, kappa: Double) {
    let used = themes.values.filter { $0.support > 0 }
    guard !used.isEmpty else { return (0, 0, 0, 0) }
    let count = Double(used.count)
    return (
      used.map(\.precision).reduce(0, +) / count, used.map(\.recall).reduce(0, +) / count,
      Self.meanF1(used), used.map(\.kappa).reduce(0, +) / count
    )
  }

  /// The counts of every theme added together (what micro averages are taken over).
  private static func summed(_ counts: some Sequence<Counts>) -> Counts {
    var total = Counts()
    for value in counts {
      total.truePositives += value.truePositives
      total.falsePositives += value.falsePositives
      total.falseNegatives += value.falseNegatives
    }
    return total
  }

  /// The mean F1 of the themes the gold labels use (the macro average); 0 when none is used.
  private static func meanF1(_ counts: some Collection<Counts>) -> Double {
    let used = counts.filter { $0.support > 0 }
    return used.isEmpty ? 0 : used.map(\.f1).reduce(0, +) / Double(used.count)
  }

  /// Percentile bootstrap intervals for micro- and macro-F1: the items are resampled with
  /// replacement `resamples` times, from a fixed seed so that a run can be repeated exactly.
  ///
  /// With a few hundred items, F1 moves by a few hundredths from one sample of items to
  /// another; the interval says how far, so two figures can be told apart from noise.
  public func intervals(resamples: Int = 1000, level: Double = 0.95, seed: UInt64 = 2026)
    -> (micro: ClosedRange<Double>, macro: ClosedRange<Double>)?
  {
    guard items > 1, resamples > 1 else { return nil }
    var generator = SplitMix64(seed: seed)
    var micros: [Double] = []
    var macros: [Double] = []
    for _ in 0..<resamples {
      var counts: [String: Counts] = [:]
      for _ in 0..<items {
        for outcome in outcomes[Int.random(in: 0..<items, using: &generator)] {
          switch (outcome.gold, outcome.predicted) {
          case (true, true): counts[outcome.theme, default: Counts()].truePositives += 1
          case (false, true): counts[outcome.theme, default: Counts()].falsePositives += 1
          case (true, false): counts[outcome.theme, default: Counts()].falseNegatives += 1
          case (false, false): break
          }
        }
      }
      micros.append(Self.summed(counts.values).f1)
      macros.append(Self.meanF1(counts.values))
    }
    func percentiles(_ values: [Double]) -> ClosedRange<Double> {
      let sorted = values.sorted()
      let tail = (1 - level) / 2
      let low = Int((tail * Double(sorted.count - 1)).rounded())
      let high = Int(((1 - tail) * Double(sorted.count - 1)).rounded())
      return sorted[low]...sorted[high]
    }
    return (percentiles(micros), percentiles(macros))
  }

  /// The table researchers read, ending with the line `macro-F1: 0.xx`; `parts` adds a line
  /// of micro and macro F1 for each named part of the items (by kind, say), `calibration` the
  /// check of the calibration.
  public func report(
    title: String, parts: [(name: String, evaluation: ThemeEvaluation)] = [],
    calibration: CalibrationCheck? = nil
  ) -> String {
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
    if let intervals = intervals() {
      lines.append(
        String(
          format: "95%% interval (bootstrap, 1000 resamples of the items): micro-F1 %.3f–%.3f, "
            + "macro-F1 %.3f–%.3f", intervals.micro.lowerBound, intervals.micro.upperBound,
          intervals.macro.lowerBound, intervals.macro.upperBound))
    }
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
    if let calibration {
      lines.append("")
      lines.append(calibration.report().trimmingCharacters(in: .newlines))
    }
    lines.append("")
    lines.append(String(format: "macro-F1: %.2f", macro.f1))
    return lines.joined(separator: "\n") + "\n"
  }
}

/// SplitMix64 (Steele, Lea and Flood, 2014): a small, fast generator that gives the same
/// numbers for the same seed on every platform, which the standard library's does not promise.
public struct SplitMix64: RandomNumberGenerator, Sendable {
  private var state: UInt64

  /// A generator that starts from `seed`.
  public init(seed: UInt64) { state = seed }

  /// The next 64 random bits.
  public mutating func next() -> UInt64 {
    state &+= 0x9E37_79B9_7F4A_7C15
    var z = state
    z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
    z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
    return z ^ (z >> 31)
  }
}
