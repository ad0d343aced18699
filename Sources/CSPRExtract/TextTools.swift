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
    return actionModals.contains { lower.has($0) }
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
    return meta.contains { lower.has($0) } && !isAction(text)
      || (text.split(separator: " ").count <= 12 && lower.has("recommendation"))
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

extension StringProtocol {
  /// Whether `needle` occurs in the text, compared byte for byte in UTF-8.
  ///
  /// Extraction asks thousands of such questions per review ("does this recommendation say
  /// 'within'?"); Foundation's `contains` bridges to a locale-aware search each time, which
  /// was most of the extractor's cost. Both sides are expected to be lowercased already.
  func has(_ needle: String) -> Bool { firstByteOffset(of: needle) != nil }

  /// The UTF-8 offset of the first occurrence of `needle`, if any.
  func firstByteOffset(of needle: String) -> Int? {
    var needleBytes = needle
    return needleBytes.withUTF8 { pattern -> Int? in
      guard let first = pattern.first else { return 0 }
      let search = { (text: UnsafeBufferPointer<UInt8>) -> Int? in
        guard text.count >= pattern.count else { return nil }
        var index = 0
        let last = text.count - pattern.count
        while index <= last {
          if text[index] == first {
            var matched = true
            var offset = 1
            while offset < pattern.count {
              if text[index + offset] != pattern[offset] {
                matched = false
                break
              }
              offset += 1
            }
            if matched { return index }
          }
          index += 1
        }
        return nil
      }
      if let result = self.utf8.withContiguousStorageIfAvailable(search) { return result }
      return Array(self.utf8).withUnsafeBufferPointer(search)
    }
  }
}
