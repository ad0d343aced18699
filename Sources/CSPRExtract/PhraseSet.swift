/// Finds which of a set of word phrases occur in a text, in one pass over its words.
///
/// Phrases are lowercase words separated by spaces; a final `*` matches any word starting with
/// what precedes it ("midwi*" matches midwife, midwives, midwifery). Used for agencies and
/// categories of harm, where scanning the whole text once per alias was the extractor's cost.
struct PhraseSet<Label: Hashable & Sendable>: Sendable {
  private struct Entry: Sendable {
    var words: [Substring]
    var prefixLast: Bool
    var label: Label
  }

  private var byFirstWord: [Substring: [Entry]] = [:]
  private var byFirstPrefix: [Substring: [Entry]] = [:]  // single-word prefix phrases, by 3 letters
  private var longest = 1  // words in the longest phrase

  init(_ phrases: [(String, Label)]) {
    for (phrase, label) in phrases {
      let prefixLast = phrase.hasSuffix("*")
      let words = Self.words(prefixLast ? String(phrase.dropLast()) : phrase)
      guard !words.isEmpty else { continue }
      let entry = Entry(words: words, prefixLast: prefixLast, label: label)
      longest = max(longest, words.count)
      if prefixLast && words.count == 1 {
        byFirstPrefix[words[0].prefix(3), default: []].append(entry)
      } else {
        byFirstWord[words[0], default: []].append(entry)
      }
    }
  }

  /// The words of a text as matching sees them: lowercase runs of letters and digits (any
  /// non-ASCII byte counts as a letter), split in one pass over the UTF-8 bytes.
  static func words(_ text: String) -> [Substring] {
    var bytes = Array(text.utf8)
    var ranges: [Range<Int>] = []
    var start = -1
    var punctuationBytes = 0
    for index in bytes.indices {
      let byte = bytes[index]
      let isWordByte: Bool
      if punctuationBytes > 0 {
        punctuationBytes -= 1
        isWordByte = false
      } else if byte == 0xE2, index + 1 < bytes.count, bytes[index + 1] == 0x80 {
        punctuationBytes = 2  // U+2000–U+203F: curly quotes, dashes, ellipsis, spaces
        isWordByte = false
      } else if byte == 0xC2, index + 1 < bytes.count, bytes[index + 1] == 0xA0 {
        punctuationBytes = 1  // no-break space
        isWordByte = false
      } else if byte >= 0x80 {
        isWordByte = true
      } else if (0x41...0x5A).contains(byte) {
        bytes[index] = byte + 32
        isWordByte = true
      } else {
        isWordByte = (0x61...0x7A).contains(byte) || (0x30...0x39).contains(byte)
      }
      if isWordByte {
        if start < 0 { start = index }
      } else if start >= 0 {
        ranges.append(start..<index)
        start = -1
      }
    }
    if start >= 0 { ranges.append(start..<bytes.count) }
    let lower = String(decoding: bytes, as: UTF8.self)
    let utf8 = lower.utf8
    return ranges.map { range in
      let from = utf8.index(utf8.startIndex, offsetBy: range.lowerBound)
      let to = utf8.index(from, offsetBy: range.count)
      return lower[from..<to]
    }
  }

  /// The labels of every phrase found in `words`.
  func labels(in words: [Substring]) -> Set<Label> {
    var found: Set<Label> = []
    for (index, word) in words.enumerated() {
      for entry in byFirstWord[word] ?? [] where matches(entry, words, index) {
        found.insert(entry.label)
      }
      for entry in byFirstPrefix[word.prefix(3)] ?? [] where word.hasPrefix(entry.words[0]) {
        found.insert(entry.label)
      }
    }
    return found
  }

  /// The labels of every phrase found in a text given as blocks, as if they were joined.
  ///
  /// Each block (a review's paragraph) is matched together with the last words of the blocks
  /// before it, so a phrase running across a boundary is still found, and only one block's
  /// words are held at a time rather than the whole review's.
  func labels(inBlocks texts: some Sequence<String>) -> Set<Label> {
    var found: Set<Label> = []
    var carried: [Substring] = []
    for text in texts {
      let window = carried + Self.words(text)
      found.formUnion(labels(in: window))
      carried = Array(window.suffix(longest - 1))
    }
    return found
  }

  private func matches(_ entry: Entry, _ words: [Substring], _ start: Int) -> Bool {
    guard start + entry.words.count <= words.count else { return false }
    for (offset, expected) in entry.words.enumerated() {
      let word = words[start + offset]
      let isLast = offset == entry.words.count - 1
      if isLast && entry.prefixLast ? !word.hasPrefix(expected) : word != expected { return false }
    }
    return true
  }
}
