/// An item's own label at the start of a heading or paragraph: `Recommendation 3:`, `R2`,
/// `Finding 1 –`, `Learning point 4:`, `Theme 2 -`, `Good practice 1`.
public struct Label: Sendable, Hashable {
  /// What the label says the item is.
  public var kind: Kind
  /// The number the label carries, if any (`R2` → `2`).
  public var number: String?
  /// The text after the label and its punctuation.
  public var rest: Substring

  /// The kinds of item a label can announce.
  public enum Kind: Sendable, Hashable {
    /// A recommendation label.
    case recommendation
    /// A finding or learning label.
    case finding
    /// A good-practice label.
    case goodPractice
  }

  private static let words: [(String, Kind)] = [
    ("recommendation", .recommendation), ("learning point", .finding),
    ("key learning point", .finding),
    ("learning", .finding), ("key finding", .finding), ("finding", .finding), ("theme", .finding),
    ("key issue", .finding), ("lesson", .finding), ("good practice", .goodPractice),
  ]

  /// Parses a label at the start of `text`, or returns nil.
  ///
  /// A word label needs a number (`Finding 2`) or a colon (`Learning: …`), so that a sentence
  /// beginning "Learning from…" is not read as a label. `R` needs a number straight after it.
  public static func parse(_ text: String) -> Label? {
    let lower = text.lowercased()
    for (word, kind) in words {
      guard lower.hasPrefix(word) else { continue }
      var rest = Substring(text).dropFirst(word.count)
      if rest.first == "s" {
        rest = rest.dropFirst()
      }  // "Findings 1–3" is not an item label
      else {
        rest = rest.drop { $0 == " " }
        let number = rest.prefix { $0.isNumber || $0 == "." }
        let trimmedNumber = number.hasSuffix(".") ? number.dropLast() : number
        rest = rest.dropFirst(number.count)
        let separator = rest.prefix { " :.–—-)".contains($0) }
        let hasColon = separator.contains(":")
        guard !trimmedNumber.isEmpty || hasColon else { return nil }
        if separator.isEmpty && !rest.isEmpty { return nil }  // "Learning1x"
        rest = rest.dropFirst(separator.count)
        return Label(
          kind: kind, number: trimmedNumber.isEmpty ? nil : String(trimmedNumber), rest: rest)
      }
    }
    // R1, R1:, R1.
    if let first = text.first, first == "R" {
      let digits = text.dropFirst().prefix { $0.isNumber }
      guard !digits.isEmpty, digits.count <= 2 else { return nil }
      var rest = text.dropFirst(1 + digits.count)
      guard let next = rest.first, " :.–-)".contains(next) else { return nil }
      rest = rest.drop { " :.–—-)".contains($0) }
      return Label(kind: .recommendation, number: String(digits), rest: rest)
    }
    return nil
  }
}
