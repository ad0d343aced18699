/// Small text helpers shared by the extraction rules.
enum TextTools {
  /// Modal phrases that make a sentence an action someone should take.
  static let actionModals = [
    " should ", " must ", " needs to ", " need to ", " recommend that", " recommends ",
    " recommended ", " is asked to ",
    " are asked to ", " ought to ", " to ensure ", " will need to ",
  ]

  /// Whether the text asks someone to act.
  static func isAction(_ text: String) -> Bool {
    let lower = " " + text.lowercased() + " "
    return actionModals.contains { lower.contains($0) }
  }

  /// Whether a paragraph only introduces what follows ("The review makes five
  /// recommendations:") rather than stating an item itself.
  static func isIntroduction(_ text: String) -> Bool {
    let lower = text.lowercased()
    if text.hasSuffix(":") { return true }
    let meta = [
      "set out below", "as follows", "the following", "this review", "this report",
      "the review identified", "the review has identified", "the review makes",
      "the reviewer makes", "this briefing", "this summary", "has accepted", "progress",
      "recommendations are", "findings are", "findings below",
    ]
    return meta.contains { lower.contains($0) } && !isAction(text)
      || (text.split(separator: " ").count <= 12 && lower.contains("recommendation"))
  }

  /// Splits text into sentences at `. `, `? ` and `! ` followed by a capital or a quote.
  static func sentences(_ text: String) -> [String] {
    var out: [String] = []
    var current = ""
    let characters = Array(text)
    var index = 0
    while index < characters.count {
      let character = characters[index]
      current.append(character)
      if ".?!".contains(character), index + 2 < characters.count, characters[index + 1] == " ",
        characters[index + 2].isUppercase || "“\"'‘(".contains(characters[index + 2])
      {
        let lastWord = current.split(separator: " ").last ?? ""
        // "Dr. Smith", "e.g. The" and initials do not end a sentence.
        if !["dr.", "mr.", "mrs.", "ms.", "e.g.", "i.e.", "no.", "st."].contains(
          lastWord.lowercased()),
          lastWord.count > 2 || !lastWord.dropLast().allSatisfy(\.isUppercase)
        {
          out.append(current.trimmingSpaces())
          current = ""
          index += 1
        }
      }
      index += 1
    }
    if !current.trimmingSpaces().isEmpty { out.append(current.trimmingSpaces()) }
    return out
  }

  /// Lowercase content words (no stop words), for overlap between texts.
  static func contentWords(_ text: String) -> Set<String> {
    var words: Set<String> = []
    var word = ""
    for character in text.lowercased() {
      if character.isLetter {
        word.append(character)
      } else {
        if word.count > 3, !stopWords.contains(word) { words.insert(word) }
        word = ""
      }
    }
    if word.count > 3, !stopWords.contains(word) { words.insert(word) }
    return words
  }

  static let stopWords: Set<String> = [
    "that", "this", "with", "from", "have", "were", "been", "their", "they", "which", "when",
    "should", "would", "could", "there", "about", "into", "than", "them", "then", "also",
    "what", "will", "where", "these", "those", "such", "each", "other", "some", "more", "most",
    "only", "over", "after", "before", "being", "does", "made", "make", "must", "ensure",
    "review", "child", "children", "practitioners", "agencies", "professionals", "family",
  ]
}

extension String {
  func trimmingSpaces() -> String {
    var slice = Substring(self)
    while let first = slice.first, first.isWhitespace { slice.removeFirst() }
    while let last = slice.last, last.isWhitespace { slice.removeLast() }
    return String(slice)
  }
}

extension Substring {
  func trimmingSpaces() -> String { String(self).trimmingSpaces() }
}
