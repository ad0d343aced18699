/// Reads a child's age as reviews state it — "aged 14 months", "a 6-week-old baby", "was 15
/// years old", "3 years and 2 months" — and normalises it to whole months.
public enum AgeReader {
  static let numberWords: [String: Int] = [
    "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
    "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14,
    "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18,
  ]

  /// The first age stated in the texts, preferring sentences that name the child.
  static func firstAge(in texts: [String], child: String?) -> Int? {
    let sentences = texts.flatMap { TextTools.sentences($0) }
    if let child {
      let childTokens = tokens(child)
      for sentence in sentences where sentence.contains(child) {
        let words = tokens(sentence)
        let anchors = words.indices.filter {
          Array(words[$0...].prefix(childTokens.count)) == childTokens
        }
        // The age that follows the child's name ("Child P4, a boy aged 2 years"), else one just
        // before it ("a 6-week-old baby, Baby T") — not a sibling's named elsewhere.
        let found = ages(in: words)
        if let after = found.first(where: { age in
          anchors.contains { $0 < age.index && age.index - $0 <= 20 }
        }) {
          return after.months
        }
        if let before = found.first(where: { age in
          age.index + 2 < words.count && words[age.index + 2] == "old"
            && anchors.contains { $0 > age.index && $0 - age.index <= 6 }
        }) {
          return before.months
        }
      }
    }
    for sentence in sentences {
      if let age = ages(in: tokens(sentence)).first { return age.months }
    }
    return nil
  }

  /// The first age in one sentence, in months.
  public static func age(in sentence: String) -> Int? {
    ages(in: tokens(sentence)).first?.months
  }

  /// Every age stated in a sentence's words, with the index of its number.
  static func ages(in words: [String]) -> [(index: Int, months: Int)] {
    var found: [(index: Int, months: Int)] = []
    for (index, word) in words.enumerated() {
      guard let value = number(word) else { continue }
      let next = index + 1 < words.count ? words[index + 1] : ""
      let afterNext = index + 2 < words.count ? words[index + 2] : ""
      let previous = index > 0 ? words[index - 1] : ""
      guard let unit = unit(next) else {
        // "aged 15" with no unit means years.
        if previous == "aged", value <= 18 { found.append((index, value * 12)) }
        continue
      }
      // An age needs "old", "aged" or "age of" around it, or a hyphenated "6-week-old".
      let isAge =
        afterNext == "old" || previous == "aged"
        || previous == "of" && index >= 2
          && words[index - 2] == "age"
        || afterNext == "and"
      guard isAge else { continue }
      var months = months(value, unit)
      // "3 years and 2 months"
      if afterNext == "and", index + 4 < words.count, let extra = number(words[index + 3]),
        let extraUnit = self.unit(words[index + 4])
      {
        months += self.months(extra, extraUnit)
      } else if afterNext == "and" && previous != "aged" {
        continue
      }
      found.append((index, months))
    }
    return found
  }

  private static func months(_ value: Int, _ unit: String) -> Int {
    switch unit {
    case "year": value * 12
    case "month": value
    case "week": value * 12 / 52
    default: 0
    }
  }

  private static func unit(_ word: String) -> String? {
    for unit in ["year", "month", "week", "day"] where word == unit || word == unit + "s" {
      return unit
    }
    return nil
  }

  private static func number(_ word: String) -> Int? {
    if let value = Int(word), value < 240 { return value }
    return numberWords[word]
  }

  /// Lowercase words, splitting hyphens so "6-week-old" reads as "6 week old".
  private static func tokens(_ sentence: String) -> [String] {
    sentence.lowercased().split { !($0.isLetter || $0.isNumber) }.map(String.init)
  }
}
