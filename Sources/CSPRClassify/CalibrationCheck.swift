import Foundation

/// How often coders coded the themes the lexicon assigned, by score: the check of a taxonomy's
/// calibration on a coded file, and a calibration fitted to that file.
public struct CalibrationCheck: Sendable {
  /// The lowest score of each step: the taxonomy's calibration steps, or whole scores from the
  /// threshold to 6 when it has none.
  public let steps: [Double]
  /// The taxonomy's stated confidence for each step, if it has a calibration.
  public let stated: [Double?]
  /// Assigned tags in each step.
  public private(set) var tags: [Int]
  /// Of those, the ones the coders also coded.
  public private(set) var coded: [Int]

  /// A check of `taxonomy`'s calibration.
  public init(taxonomy: Taxonomy) {
    if taxonomy.calibration.isEmpty {
      let first = max(1, taxonomy.threshold.rounded(.down))
      steps = Array(stride(from: first, through: max(first, 6), by: 1))
      stated = steps.map { _ in nil }
    } else {
      steps = taxonomy.calibration.map(\.score)
      stated = taxonomy.calibration.map(\.confidence)
    }
    tags = steps.map { _ in 0 }
    coded = tags
  }

  /// Counts one assigned tag.
  public mutating func add(score: Double, coded isCoded: Bool) {
    guard let step = steps.lastIndex(where: { $0 <= score }) else { return }
    tags[step] += 1
    if isCoded { coded[step] += 1 }
  }

  /// The calibration this file supports, rounded to hundredths.
  ///
  /// Each step's coded share, pooled with the step below where it would fall as the score
  /// rises (pool-adjacent-violators). Steps with no tags are left out, so their scores take
  /// the step below.
  public func fitted() -> [Taxonomy.CalibrationStep] {
    var blocks: [(steps: [Double], tags: Int, coded: Int)] = []
    for (index, score) in steps.enumerated() where tags[index] > 0 {
      blocks.append(([score], tags[index], coded[index]))
      while blocks.count > 1 {
        let last = blocks[blocks.count - 1]
        let previous = blocks[blocks.count - 2]
        guard
          Double(previous.coded) / Double(previous.tags)
            > Double(last.coded) / Double(last.tags)
        else { break }
        blocks.removeLast(2)
        blocks.append(
          (previous.steps + last.steps, previous.tags + last.tags, previous.coded + last.coded))
      }
    }
    return blocks.flatMap { block in
      let share = (Double(block.coded) / Double(block.tags) * 100).rounded() / 100
      return block.steps.map { Taxonomy.CalibrationStep(score: $0, confidence: share) }
    }
  }

  /// The table for `cspr evaluate themes`, with the fitted calibration as a taxonomy line.
  public func report() -> String {
    var lines = [
      "calibration (tags by score: how many, the share the coders coded, the taxonomy's confidence):",
      "score       tags  coded  confidence",
    ]
    for (index, score) in steps.enumerated() {
      let range =
        index + 1 < steps.count
        ? "\(Self.number(score))–\(Self.number(steps[index + 1]))" : "\(Self.number(score)) and up"
      let share =
        tags[index] > 0 ? String(format: "%.2f", Double(coded[index]) / Double(tags[index])) : "–"
      let confidence = stated[index].map { String(format: "%.2f", $0) } ?? "–"
      lines.append(
        range.padding(toLength: 10, withPad: " ", startingAt: 0)
          + String(format: "%6d", tags[index]) + share.leftPadded(7) + confidence.leftPadded(12))
    }
    let steps = fitted().map {
      "{ score: \(Self.number($0.score)), confidence: \(String(format: "%.2f", $0.confidence)) }"
    }
    if !steps.isEmpty {
      lines.append("fitted to this file: calibration: [\(steps.joined(separator: ", "))]")
    }
    return lines.joined(separator: "\n") + "\n"
  }

  private static func number(_ value: Double) -> String {
    value == value.rounded() ? String(Int(value)) : String(value)
  }
}

extension String {
  fileprivate func leftPadded(_ width: Int) -> String {
    count >= width ? " " + self : String(repeating: " ", count: width - count) + self
  }
}
